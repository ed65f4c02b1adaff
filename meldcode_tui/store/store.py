"""The Store: an encrypted, single-file, single-writer case store."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any, Final, TypeVar

from meldcode_tui import vault
from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import codec, files
from meldcode_tui.store.errors import (
    BadRecoveryKey,
    CaseDamaged,
    CaseNotFound,
    KdfRefused,
    NoRecoveryKey,
    RecordNotFound,
    StoreClosed,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreInUse,
    StoreIOError,
    StoreNotFound,
    WrongPassphrase,
)
from meldcode_tui.store.lock import StoreLock
from meldcode_tui.store.records import (
    NOTE_KINDS,
    Action,
    AnswerChange,
    AuditEntry,
    Case,
    CaseSummary,
    DamagedRecord,
    Note,
)
from meldcode_tui.store.rows import (
    CASE_COLUMNS,
    CASE_KEY_BYTES,
    CHILD_COLUMNS,
    CHILD_TABLES,
    CaseKeys,
    ad,
    as_blob,
    case_row_digest,
    child_row_digest,
    manifest_key,
)
from meldcode_tui.store.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    connect,
    database,
    migrate,
    schema_version,
)

Clock = Callable[[], datetime]
CASE_STATUSES: Final = ("open", "monitoring", "closed")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_T = TypeVar("_T")


class _Unchanged(Enum):
    UNCHANGED = "unchanged"


# Passed (or defaulted) to update_progress for "leave as is", since None means "clear it".
UNCHANGED: Final = _Unchanged.UNCHANGED


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class _CaseWrite:
    """A case row opened for a change: its keys, manifest and list blob."""

    row: dict[str, Any]
    keys: CaseKeys
    manifest: dict[str, Any]
    info: dict[str, Any]
    info_changed: bool = False
    touched: list[str] = field(default_factory=list)

    @property
    def case_id(self) -> str:
        return str(self.row["id"])

    @property
    def rows(self) -> dict[str, str]:
        rows: dict[str, str] = self.manifest["rows"]
        return rows


def _open_vault_errors(fn: Callable[[], _T]) -> _T:
    """Run an unlock step, turning vault errors into store errors."""
    try:
        return fn()
    except vault.WrongPassphrase:
        raise WrongPassphrase("the passphrase does not unlock this store") from None
    except vault.KdfRefused:
        raise KdfRefused("stored key derivation parameters refused") from None
    except vault.BadRecoveryKey:
        raise BadRecoveryKey("recovery key is mistyped") from None
    except vault.NoRecoveryKey:
        raise NoRecoveryKey("store has no recovery key") from None


class Store:
    """Open with `Store.open` or `Store.create`; the constructor is internal."""

    def __init__(
        self,
        *,
        path: Path,
        conn: sqlite3.Connection,
        lock: StoreLock | None,
        master: vault.MasterKey,
        header: vault.Header,
        clock: Clock | None,
        readonly: bool = False,
    ) -> None:
        self.path = path
        self._conn = conn
        self._db = database(conn)
        self._lock = lock
        self._master = master
        self._header = header
        self._clock = clock or utc_now
        self._readonly = readonly
        self._key_wrapper = master.sealer("case-keys")
        # The list blob (title, step, decisions, position) is sealed under one store-wide
        # key so that listing 10,000 cases needs no per-case key unwrap (the 100 ms target).
        # Shredding still removes it: the row is deleted with secure_delete and the WAL is
        # truncated; everything else of a case stays under its own, destroyed, key.
        self._list_sealer = master.sealer("case-list")
        self._audit_key = master.subkey("audit")
        self._case_keys: dict[str, CaseKeys] = {}
        # One connection serves every thread (the TUI runs workers); calls take turns.
        self._mutex = threading.RLock()
        self._closed = False

    # ----------------------------------------------------------------- lifecycle

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        recovery: bool = True,
        clock: Clock | None = None,
    ) -> tuple[Store, str | None]:
        """Make a new store; returns it and the recovery key (shown once) if asked for."""
        path = Path(path)
        if files.is_nonempty(path):
            raise StoreExists("a store already exists there")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise StoreIOError("cannot create the store folder") from None
        lock = StoreLock(path)
        lock.acquire()
        tmp = files.temp_sibling(path, "creating")
        try:
            if files.is_nonempty(path):
                raise StoreExists("a store already exists there")
            header, master, recovery_text = vault.create_vault(passphrase, recovery=recovery)
            # Built under a temporary name and renamed when complete, so a crash never
            # leaves a half-made store at the real path.
            files.create_private(tmp)
            conn = connect(tmp)
            store = cls(path=tmp, conn=conn, lock=None, master=master, header=header, clock=clock)
            try:
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                migrate(store._db)
                with store._db.atomic():
                    conn.execute(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        (files.VAULT_KEY, header.to_bytes()),
                    )
                    store._audit("store_created", None)
                conn.execute("PRAGMA journal_mode=WAL")
            finally:
                conn.close()
            files.durable_replace(tmp, path)
        except sqlite3.DatabaseError:
            files.remove_with_side_files(tmp)
            lock.release()
            raise StoreIOError("cannot write the new store") from None
        except BaseException:
            files.remove_with_side_files(tmp)
            lock.release()
            raise
        store._rebind(path, lock)
        return store, recovery_text

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        passphrase: str | None = None,
        *,
        recovery_key: str | None = None,
        clock: Clock | None = None,
    ) -> Store:
        """Open for reading and writing. The key is checked before anything is written."""
        if (passphrase is None) == (recovery_key is None):
            raise ValueError("give exactly one of passphrase or recovery_key")
        path = Path(path)
        if not path.is_file():
            raise StoreNotFound("no store at that path")
        lock = StoreLock(path)
        lock.acquire()
        conn: sqlite3.Connection | None = None
        try:
            try:
                conn = connect(path)
            except sqlite3.DatabaseError:
                raise StoreDamaged("store file is not readable") from None
            header = files.read_header(conn)
            if passphrase is not None:
                secret: str = passphrase
                master = _open_vault_errors(lambda: vault.unlock(header, secret))
            else:
                typed: str = recovery_key or ""
                master = _open_vault_errors(lambda: vault.unlock_with_recovery(header, typed))
            store = cls(path=path, conn=conn, lock=lock, master=master, header=header, clock=clock)
            store._after_unlock(passphrase)
            return store
        except BaseException:
            if conn is not None:
                conn.close()
            lock.release()
            raise

    def _after_unlock(self, passphrase: str | None) -> None:
        """Writes allowed only once the key is proven: migrations and KDF upgrade."""
        with self._op(write=True):
            if schema_version(self._conn) < SCHEMA_VERSION:
                migrate(self._db)
                with self._db.atomic():
                    self._audit("schema_migrated", None)
            if passphrase is not None and vault.needs_upgrade(self._header):
                self._write_header(
                    vault.rewrap(self._header, self._master, passphrase), "kdf_upgraded"
                )

    def _rebind(self, path: Path, lock: StoreLock) -> None:
        """Point a freshly built store at its final path (after the rename)."""
        self.path = path
        self._lock = lock
        try:
            self._conn = connect(path)
        except sqlite3.DatabaseError:
            lock.release()
            raise StoreIOError("cannot reopen the new store") from None
        self._db = database(self._conn)

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            self._case_keys.clear()
            try:
                self._conn.close()
            finally:
                if self._lock is not None:
                    self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def has_recovery_key(self) -> bool:
        return self._header.has_recovery

    @property
    def kdf_params(self) -> vault.KdfParams:
        return self._header.kdf

    # ----------------------------------------------------------------- internals

    @contextlib.contextmanager
    def _op(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        with self._mutex:
            if self._closed:
                raise StoreClosed("store is closed")
            if write and self._readonly:
                raise StoreError("store is open read-only")
            try:
                yield self._conn
            except sqlite3.OperationalError:
                raise StoreIOError("storage operation failed") from None
            except sqlite3.DatabaseError:
                raise StoreDamaged("database structure is damaged") from None

    def _now(self) -> str:
        return codec.iso(self._clock())

    def _audit(self, event: str, case_id: str | None, state: str | None = None) -> None:
        audit_log.append(
            self._conn, self._audit_key, at=self._now(), case_id=case_id, event=event, state=state
        )

    def _write_header(self, header: vault.Header, event: str) -> None:
        with self._db.atomic():
            self._conn.execute(
                "UPDATE meta SET value = ? WHERE key = ?", (header.to_bytes(), files.VAULT_KEY)
            )
            self._audit(event, None)
        self._header = header
        # The old wrapped master key must not linger in the WAL for the old passphrase to open.
        self._checkpoint()

    def _checkpoint(self) -> None:
        busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise StoreInUse("could not checkpoint: another connection is reading")

    def _case_row(self, case_id: str) -> dict[str, Any]:
        found = self._conn.execute(
            f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE id = ?", (case_id,)
        ).fetchone()
        if found is None:
            raise CaseNotFound("no case with that id")
        return dict(zip(CASE_COLUMNS, found, strict=True))

    def _keys(self, case_id: str, wrapped: bytes) -> CaseKeys:
        """Unwrap a case key (raises SealBroken/ValueError), cached for the session."""
        keys = self._case_keys.get(case_id)
        if keys is None:
            raw = self._key_wrapper.open(
                as_blob(wrapped), ad("cases", case_id, case_id, "case_key")
            )
            keys = CaseKeys.from_raw(raw)
            self._case_keys[case_id] = keys
        return keys

    def _open_info(self, case_id: str, blob: object) -> Any:
        """Open a case's list blob (raises SealBroken or ValueError)."""
        return codec.load(
            self._list_sealer.open(as_blob(blob), ad("cases", case_id, case_id, "info"))
        )

    def _begin_write(self, case_id: str) -> _CaseWrite:
        row = self._case_row(case_id)
        try:
            keys = self._keys(case_id, row["case_key"])
            manifest = keys.open("cases", case_id, case_id, "manifest", row["manifest"])
            info = self._open_info(case_id, row["info"])
            if not isinstance(manifest, dict) or not isinstance(info, dict):
                raise ValueError("unexpected payload")
        except (vault.SealBroken, ValueError):
            raise CaseDamaged("the case's key or manifest does not open") from None
        return _CaseWrite(row=row, keys=keys, manifest=manifest, info=info)

    def _commit_write(self, w: _CaseWrite, event: str) -> None:
        """Reseal the list blob and manifest, update the case row and log the event."""
        row = w.row
        case_id = w.case_id
        row["updated_at"] = self._now()
        if w.info_changed:
            # Unset fields are left out: a smaller blob is quicker to open in the list.
            info = {k: v for k, v in w.info.items() if v is not None}
            row["info"] = self._list_sealer.seal(
                codec.dump(info), ad("cases", case_id, case_id, "info")
            )
        w.rows[manifest_key("cases", case_id)] = case_row_digest(row)
        w.manifest["n"] = int(w.manifest.get("n", 0)) + 1
        row["manifest"] = w.keys.seal("cases", case_id, case_id, "manifest", w.manifest)
        self._conn.execute(
            "UPDATE cases SET status = ?, next_deadline = ?, updated_at = ?, info = ?, "
            "manifest = ? WHERE id = ?",
            (
                row["status"],
                row["next_deadline"],
                row["updated_at"],
                row["info"],
                row["manifest"],
                case_id,
            ),
        )
        # The audit entry pins the manifest, so putting a whole case back is noticed too.
        self._audit(event, case_id, codec.blob_digest(row["manifest"]))

    def _put_child(self, w: _CaseWrite, table: str, row: dict[str, Any], *, insert: bool) -> None:
        cols = CHILD_COLUMNS[table]
        if insert:
            self._conn.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                tuple(row[c] for c in cols),
            )
        else:
            sets = ", ".join(f"{c} = ?" for c in cols[1:])
            self._conn.execute(
                f"UPDATE {table} SET {sets} WHERE id = ?",
                (*(row[c] for c in cols[1:]), row["id"]),
            )
        w.rows[manifest_key(table, row["id"])] = child_row_digest(table, row)

    def _new_case_id(self) -> str:
        while True:
            case_id = codec.new_id(codec.CASE_ID_LENGTH)
            # A shredded case's id stays in the audit log; never hand it out again.
            taken = self._conn.execute(
                "SELECT 1 FROM cases WHERE id = ? UNION ALL SELECT 1 FROM audit WHERE case_id = ?",
                (case_id, case_id),
            ).fetchone()
            if taken is None:
                return case_id

    # ----------------------------------------------------------------- cases

    def new_case(self, flow_id: str, title: str, *, author_role: str = "mentor") -> str:
        """Create a case and return its short id."""
        with self._op(write=True), self._db.atomic():
            case_id = self._new_case_id()
            raw = os.urandom(CASE_KEY_BYTES)
            wrapped = self._key_wrapper.seal(raw, ad("cases", case_id, case_id, "case_key"))
            keys = CaseKeys.from_raw(raw)
            now = self._now()
            row: dict[str, Any] = {
                "id": case_id,
                "flow_id": flow_id,
                "status": "open",
                "created_at": now,
                "updated_at": now,
                "next_deadline": None,
                "case_key": wrapped,
                "info": b"",
                "manifest": b"",
            }
            self._conn.execute(
                f"INSERT INTO cases ({', '.join(CASE_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(CASE_COLUMNS))})",
                tuple(row[c] for c in CASE_COLUMNS),
            )
            info = {
                "title": title,
                "current_step": None,
                "melden": None,
                "hulp": None,
                "position": None,
                "created_by": author_role,
            }
            w = _CaseWrite(
                row=row, keys=keys, manifest={"n": 0, "rows": {}}, info=info, info_changed=True
            )
            self._commit_write(w, "case_created")
            self._case_keys[case_id] = keys
            return case_id

    def set_answer(
        self, case_id: str, question_id: str, value: Any, *, author_role: str = "mentor"
    ) -> None:
        """Save one answer (with history); durable when this returns."""
        codec.dump(value)  # refuse a value that cannot be stored before touching anything
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            now = self._now()
            previous = self._replace_answer(
                w, question_id, {"q": question_id, "v": value, "by": author_role, "at": now}
            )
            self._add_history(w, question_id, value, previous, author_role, now, cleared=False)
            self._commit_write(w, "answer_set")

    def clear_answer(self, case_id: str, question_id: str, *, author_role: str = "mentor") -> None:
        """Remove an answer (its history keeps the old value); no-op if it was not set."""
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            tag = w.keys.tag(question_id)
            found = self._conn.execute(
                "SELECT id, body FROM answers WHERE case_id = ? AND tag = ?", (case_id, tag)
            ).fetchone()
            if found is None:
                return
            previous = self._old_answer(w, found[0], found[1])
            self._conn.execute("DELETE FROM answers WHERE id = ?", (found[0],))
            w.rows.pop(manifest_key("answers", found[0]), None)
            self._add_history(
                w, question_id, None, previous, author_role, self._now(), cleared=True
            )
            self._commit_write(w, "answer_cleared")

    def _old_answer(self, w: _CaseWrite, row_id: str, body: bytes) -> Any:
        try:
            payload = w.keys.open("answers", row_id, w.case_id, "body", body)
            return payload["v"]
        except (vault.SealBroken, ValueError, KeyError, TypeError):
            # A damaged old value must not block saving a new one; history says "unknown".
            return None

    def _replace_answer(self, w: _CaseWrite, question_id: str, payload: dict[str, Any]) -> Any:
        tag = w.keys.tag(question_id)
        found = self._conn.execute(
            "SELECT id, body FROM answers WHERE case_id = ? AND tag = ?", (w.case_id, tag)
        ).fetchone()
        row_id = found[0] if found else codec.new_id(codec.ROW_ID_LENGTH)
        previous = self._old_answer(w, found[0], found[1]) if found else None
        body = w.keys.seal("answers", row_id, w.case_id, "body", payload)
        row = {"id": row_id, "case_id": w.case_id, "tag": tag, "body": body}
        self._put_child(w, "answers", row, insert=found is None)
        return previous

    def _add_history(
        self,
        w: _CaseWrite,
        question_id: str,
        value: Any,
        previous: Any,
        author_role: str,
        now: str,
        *,
        cleared: bool,
    ) -> None:
        row_id = codec.new_id(codec.ROW_ID_LENGTH)
        seq = int(w.manifest.get("n", 0)) + 1
        payload = {
            "q": question_id,
            "v": value,
            "p": previous,
            "by": author_role,
            "at": now,
            "cleared": cleared,
        }
        body = w.keys.seal("answer_history", row_id, w.case_id, "body", payload)
        row = {"id": row_id, "case_id": w.case_id, "seq": seq, "body": body}
        self._put_child(w, "answer_history", row, insert=True)

    def add_note(
        self,
        case_id: str,
        kind: str,
        text: str,
        *,
        step_id: str | None = None,
        author_role: str = "mentor",
        for_record: bool = False,
    ) -> str:
        """Add a note (feit, interpretatie or bron); returns its id."""
        if kind not in NOTE_KINDS:
            raise ValueError("note kind must be one of feit, interpretatie, bron")
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            row_id = codec.new_id(codec.ROW_ID_LENGTH)
            payload = {
                "kind": kind,
                "text": text,
                "step": step_id,
                "by": author_role,
                "rec": bool(for_record),
            }
            row = {
                "id": row_id,
                "case_id": case_id,
                "created_at": self._now(),
                "body": w.keys.seal("notes", row_id, case_id, "body", payload),
            }
            self._put_child(w, "notes", row, insert=True)
            self._commit_write(w, "note_added")
            return row_id

    def add_action(
        self, case_id: str, text: str, *, owner: str, due: datetime | None = None
    ) -> str:
        """Add an agreed action; its due date stays in clear because it drives deadlines."""
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            row_id = codec.new_id(codec.ROW_ID_LENGTH)
            row = {
                "id": row_id,
                "case_id": case_id,
                "created_at": self._now(),
                "due": codec.iso_or_none(due),
                "done_at": None,
                "body": w.keys.seal(
                    "actions", row_id, case_id, "body", {"text": text, "owner": owner}
                ),
            }
            self._put_child(w, "actions", row, insert=True)
            self._commit_write(w, "action_added")
            return row_id

    def record_export(self, case_id: str) -> None:
        """Log that a summary of the case left the encrypted store; no case data changes.

        The record then shows months later when a summary was exported; the entry pins the
        case's current manifest like every other case entry, so `verify` stays clean.
        """
        with self._op(write=True), self._db.atomic():
            row = self._case_row(case_id)
            self._audit("summary_exported", case_id, codec.blob_digest(as_blob(row["manifest"])))

    def complete_action(self, case_id: str, action_id: str) -> None:
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            cols = CHILD_COLUMNS["actions"]
            found = self._conn.execute(
                f"SELECT {', '.join(cols)} FROM actions WHERE id = ? AND case_id = ?",
                (action_id, case_id),
            ).fetchone()
            if found is None:
                raise RecordNotFound("no action with that id in this case")
            row = dict(zip(cols, found, strict=True))
            if row["done_at"] is not None:
                return
            row["done_at"] = self._now()
            self._put_child(w, "actions", row, insert=False)
            self._commit_write(w, "action_completed")

    def update_progress(
        self,
        case_id: str,
        *,
        status: str | _Unchanged = UNCHANGED,
        current_step: str | _Unchanged | None = UNCHANGED,
        melden: bool | _Unchanged | None = UNCHANGED,
        hulp: bool | _Unchanged | None = UNCHANGED,
        next_deadline: datetime | _Unchanged | None = UNCHANGED,
        position: str | _Unchanged | None = UNCHANGED,
        title: str | _Unchanged = UNCHANGED,
    ) -> None:
        """Record where the case stands; arguments left out stay as they are."""
        if status is not UNCHANGED and status not in CASE_STATUSES:
            raise ValueError("status must be open, monitoring or closed")
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            sealed = {
                "current_step": current_step,
                "melden": melden,
                "hulp": hulp,
                "position": position,
                "title": title,
            }
            for name, value in sealed.items():
                if value is not UNCHANGED:
                    w.info[name] = value
                    w.info_changed = True
            if status is not UNCHANGED:
                w.row["status"] = status
            if not isinstance(next_deadline, _Unchanged):
                w.row["next_deadline"] = codec.iso_or_none(next_deadline)
            self._commit_write(w, "progress_updated")

    def shred(self, case_id: str) -> None:
        """Destroy a case: its key and rows go, and the WAL is emptied so no copy remains."""
        with self._op(write=True):
            with self._db.atomic():
                self._case_row(case_id)
                for table in CHILD_TABLES:
                    self._conn.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))
                self._conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
                self._audit("case_shredded", case_id)
            self._case_keys.pop(case_id, None)
            # secure_delete zeroed the freed space in the pages; TRUNCATE copies those pages
            # into the main file and empties the WAL, which still held the old page images.
            self._checkpoint()

    # ----------------------------------------------------------------- reading

    def list_cases(self) -> list[CaseSummary]:
        """Every case, newest change first: one open of its list blob per case, no key unwrap."""
        with self._op() as conn:
            rows = self._list_rows(conn)
            out = []
            summary = self._summary
            for row in rows:
                info: Any
                try:
                    info = self._open_info(row[0], row[6])
                except (vault.SealBroken, ValueError):
                    info = None
                out.append(summary(row[0], row[1], row[2], row[3], row[4], row[5], info))
            return out

    @staticmethod
    def _list_rows(conn: sqlite3.Connection) -> list[Any]:
        query = (
            "SELECT id, flow_id, status, created_at, updated_at, next_deadline, info "
            "FROM cases ORDER BY updated_at DESC, id"
        )
        # Plain str decoding is a third faster; a doctored non-UTF-8 cell makes it raise,
        # and then the lenient decoder reads the rows instead.
        lenient = conn.text_factory
        conn.text_factory = str
        try:
            return conn.execute(query).fetchall()
        except sqlite3.OperationalError:
            conn.text_factory = lenient
            return conn.execute(query).fetchall()
        finally:
            conn.text_factory = lenient

    @staticmethod
    def _summary(
        case_id: str,
        flow_id: str,
        status: str,
        created_at: str,
        updated_at: str,
        next_deadline: str | None,
        info: Any,
    ) -> CaseSummary:
        damaged = not isinstance(info, dict)
        data: dict[str, Any] = {} if damaged else info
        try:
            created = codec.parse_iso(created_at)
            updated = codec.parse_iso(updated_at)
            deadline = None if next_deadline is None else codec.parse_iso(next_deadline)
        except (TypeError, ValueError):
            # A doctored time: show the case anyway, flagged; verify names the row.
            created = updated = _EPOCH
            deadline = None
            damaged = True
        return CaseSummary(
            id=case_id,
            title=str(data.get("title", "")),
            flow_id=flow_id,
            status=status,
            created_at=created,
            updated_at=updated,
            next_deadline=deadline,
            current_step=data.get("current_step"),
            melden=data.get("melden"),
            hulp=data.get("hulp"),
            damaged=damaged,
        )

    def get_case(self, case_id: str) -> Case:
        """Open a whole case; records that fail to open are listed in `Case.damaged`."""
        with self._op():
            return self._read_case(self._case_row(case_id))

    def _read_case(self, row: dict[str, Any]) -> Case:
        case_id = row["id"]
        damaged: list[DamagedRecord] = []
        clear = (
            case_id,
            row["flow_id"],
            row["status"],
            row["created_at"],
            row["updated_at"],
            row["next_deadline"],
        )

        def broken(table: str, row_id: str, fld: str, reason: str) -> None:
            damaged.append(DamagedRecord(table, row_id, case_id, fld, reason))

        try:
            keys = self._keys(case_id, row["case_key"])
        except (vault.SealBroken, ValueError):
            broken("cases", case_id, "case_key", "unreadable")
            return Case(
                summary=self._summary(*clear, None),
                answers={},
                history=[],
                notes=[],
                actions=[],
                damaged=damaged,
            )
        expected: dict[str, str] | None = None
        try:
            manifest = keys.open("cases", case_id, case_id, "manifest", row["manifest"])
            expected = dict(manifest["rows"])
        except (vault.SealBroken, ValueError, KeyError, TypeError):
            broken("cases", case_id, "manifest", "unreadable")
        else:
            last = audit_log.last_case_entry(self._conn, case_id)
            if last is None or last[1] != codec.blob_digest(as_blob(row["manifest"])):
                # The rows and manifest agree but not with the log: the case was put back.
                broken("cases", case_id, "manifest", "altered")
        info: Any = None
        try:
            info = self._open_info(case_id, row["info"])
        except (vault.SealBroken, ValueError):
            broken("cases", case_id, "info", "unreadable")
        else:
            key = manifest_key("cases", case_id)
            if expected is not None and expected.get(key) != case_row_digest(row):
                broken("cases", case_id, "row", "altered")
        seen = {manifest_key("cases", case_id)}
        opened: dict[str, list[tuple[dict[str, Any], Any]]] = {}
        for table, cols in CHILD_COLUMNS.items():
            opened[table] = []
            cursor = self._conn.execute(
                f"SELECT {', '.join(cols)} FROM {table} WHERE case_id = ?", (case_id,)
            )
            for found in cursor:
                child = dict(zip(cols, found, strict=True))
                key = manifest_key(table, child["id"])
                seen.add(key)
                try:
                    payload = keys.open(table, child["id"], case_id, "body", child["body"])
                    if not isinstance(payload, dict):
                        raise ValueError("unexpected payload")
                except (vault.SealBroken, ValueError):
                    broken(table, child["id"], "body", "unreadable")
                    continue
                if expected is not None and expected.get(key) != child_row_digest(table, child):
                    broken(
                        table, child["id"], "row", "altered" if key in expected else "unexpected"
                    )
                    continue
                opened[table].append((child, payload))
        if expected is not None:
            for key in sorted(set(expected) - seen):
                table, _, row_id = key.partition("/")
                broken(table, row_id, "row", "missing")
        case = self._assemble(case_id, opened, damaged)
        case.summary = self._summary(*clear, info)
        case.position = info.get("position") if isinstance(info, dict) else None
        case.damaged = damaged
        return case

    def _assemble(
        self,
        case_id: str,
        opened: dict[str, list[tuple[dict[str, Any], Any]]],
        damaged: list[DamagedRecord],
    ) -> Case:
        answers: dict[str, Any] = {}
        history: list[AnswerChange] = []
        notes: list[Note] = []
        actions: list[Action] = []

        def bad(table: str, row_id: str) -> None:
            damaged.append(DamagedRecord(table, row_id, case_id, "body", "unreadable"))

        for child, p in opened["answers"]:
            try:
                answers[str(p["q"])] = p["v"]
            except KeyError:
                bad("answers", child["id"])
        for child, p in sorted(opened["answer_history"], key=lambda cp: cp[0]["seq"]):
            try:
                history.append(
                    AnswerChange(
                        question_id=str(p["q"]),
                        value=p["v"],
                        previous=p["p"],
                        author_role=str(p["by"]),
                        at=codec.parse_iso(p["at"]),
                        cleared=bool(p.get("cleared", False)),
                    )
                )
            except (KeyError, TypeError, ValueError):
                bad("answer_history", child["id"])
        for child, p in sorted(opened["notes"], key=lambda cp: (cp[0]["created_at"], cp[0]["id"])):
            try:
                notes.append(
                    Note(
                        id=child["id"],
                        kind=p["kind"],
                        text=str(p["text"]),
                        step_id=p["step"],
                        author_role=str(p["by"]),
                        created_at=codec.parse_iso(child["created_at"]),
                        for_record=bool(p["rec"]),
                    )
                )
            except (KeyError, TypeError, ValueError):
                bad("notes", child["id"])
        ordered = sorted(opened["actions"], key=lambda cp: (cp[0]["created_at"], cp[0]["id"]))
        for child, p in ordered:
            try:
                actions.append(
                    Action(
                        id=child["id"],
                        text=str(p["text"]),
                        owner=str(p["owner"]),
                        due=codec.parse_iso_or_none(child["due"]),
                        done_at=codec.parse_iso_or_none(child["done_at"]),
                        created_at=codec.parse_iso(child["created_at"]),
                    )
                )
            except (KeyError, TypeError, ValueError):
                bad("actions", child["id"])
        placeholder = self._summary(case_id, "", "", "", "", None, None)
        return Case(
            summary=placeholder, answers=answers, history=history, notes=notes, actions=actions
        )

    # ----------------------------------------------------------------- checks

    def verify(self) -> list[DamagedRecord]:
        """Open every record, check every manifest and the audit chain; [] means all is well."""
        with self._op() as conn:
            damaged: list[DamagedRecord] = []
            # Unwrap every case key afresh: a cached key would hide a damaged wrapped one.
            self._case_keys.clear()
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                damaged.append(DamagedRecord("store", "pages", None, "structure", "altered"))
            case_ids: set[str] = set()
            cursor = conn.execute(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases ORDER BY id")
            for found in cursor.fetchall():
                row = dict(zip(CASE_COLUMNS, found, strict=True))
                case_ids.add(row["id"])
                damaged.extend(self._read_case(row).damaged)
            for table in CHILD_TABLES:
                orphans = conn.execute(
                    f"SELECT id, case_id FROM {table} WHERE case_id NOT IN (SELECT id FROM cases)"
                ).fetchall()
                damaged.extend(DamagedRecord(table, r, c, "row", "unexpected") for r, c in orphans)
            damaged.extend(audit_log.check(conn, self._audit_key))
            last_events = conn.execute(
                "SELECT case_id, event FROM audit AS a WHERE case_id IS NOT NULL AND seq = "
                "(SELECT MAX(seq) FROM audit WHERE case_id = a.case_id)"
            ).fetchall()
            for case_id, event in last_events:
                if case_id not in case_ids and event != "case_shredded":
                    damaged.append(DamagedRecord("cases", case_id, case_id, "row", "missing"))
            return damaged

    def audit(self) -> list[AuditEntry]:
        """The audit log, oldest first (check it with `verify`)."""
        with self._op() as conn:
            entries = []
            for r in audit_log.rows(conn):
                try:
                    at = codec.parse_iso(r.at)
                except (TypeError, ValueError):
                    at = _EPOCH  # a doctored time; verify names the entry
                entries.append(
                    AuditEntry(
                        seq=r.seq, at=at, case_id=r.case_id, event=r.event, entry_hash=r.hash
                    )
                )
            return entries

    # ----------------------------------------------------------------- keys

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrap the master key under a new passphrase; the old one stops working at once."""
        with self._op(write=True):
            self._write_header(
                vault.rewrap(self._header, self._master, new_passphrase), "passphrase_changed"
            )

    @classmethod
    def reset_passphrase_with_recovery(
        cls,
        path: str | os.PathLike[str],
        recovery_key: str,
        new_passphrase: str,
        *,
        clock: Clock | None = None,
    ) -> None:
        """Unlock with the recovery key and set a new passphrase."""
        with cls.open(path, recovery_key=recovery_key, clock=clock) as store, store._op(write=True):
            header = vault.rewrap(store._header, store._master, new_passphrase)
            store._write_header(header, "passphrase_reset")

    # ----------------------------------------------------------------- backup

    def backup(self, dest_path: str | os.PathLike[str]) -> None:
        """Write a single-file, still-encrypted copy, and verify it before giving it its name."""
        dest = Path(dest_path)
        if files.is_nonempty(dest):
            raise StoreExists("backup destination already exists")
        tmp = files.temp_sibling(dest, "backup")
        try:
            # Created empty and private first: VACUUM INTO fills it and keeps its mode.
            files.create_private(tmp)
            with self._op():
                self._conn.execute("VACUUM INTO ?", (str(tmp),))
            # A backup is one file: no WAL beside it.
            conn = sqlite3.connect(str(tmp))
            try:
                conn.execute("PRAGMA journal_mode=DELETE")
            finally:
                conn.close()
            problems = self._verify_copy(tmp)
            if problems:
                raise StoreDamaged("the backup did not verify")
            files.durable_replace(tmp, dest)
        except sqlite3.DatabaseError:
            raise StoreIOError("cannot write the backup") from None
        finally:
            files.remove_with_side_files(tmp)

    def _verify_copy(self, path: Path) -> list[DamagedRecord]:
        conn = connect(path, readonly=True)
        try:
            header = files.read_header(conn)
            if header.to_bytes() != self._header.to_bytes():
                raise StoreDamaged("the backup's header differs from the store's")
            copy = Store(
                path=path,
                conn=conn,
                lock=None,
                master=self._master,
                header=header,
                clock=self._clock,
                readonly=True,
            )
            return copy.verify()
        finally:
            conn.close()

    @classmethod
    def restore(
        cls,
        backup_path: str | os.PathLike[str],
        dest_path: str | os.PathLike[str],
        passphrase: str,
        *,
        overwrite: bool = False,
        clock: Clock | None = None,
    ) -> None:
        """Verify a backup with its passphrase, then install it at dest_path."""
        src, dest = Path(backup_path), Path(dest_path)
        if not src.is_file():
            raise StoreNotFound("no backup at that path")
        master, header = cls._check_backup(src, passphrase, clock)
        if files.is_nonempty(dest) and not overwrite:
            raise StoreExists("a store already exists there")
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise StoreIOError("cannot create the store folder") from None
        lock = StoreLock(dest)
        lock.acquire()
        tmp = files.temp_sibling(dest, "restoring")
        try:
            if files.is_nonempty(dest) and not overwrite:
                raise StoreExists("a store already exists there")
            files.create_private(tmp)
            shutil.copyfile(src, tmp)
            conn = connect(tmp)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                copy = cls(
                    path=tmp, conn=conn, lock=None, master=master, header=header, clock=clock
                )
                migrate(copy._db)
                if copy.verify():
                    raise StoreDamaged("the restored copy did not verify")
                with copy._op(write=True), copy._db.atomic():
                    copy._audit("store_restored", None)
            finally:
                conn.close()
            # The old store's WAL would be replayed onto the restored file: remove it first.
            for suffix in ("-wal", "-shm"):
                files.remove_quietly(files.side_file(dest, suffix))
            files.durable_replace(tmp, dest)
        except sqlite3.DatabaseError:
            raise StoreIOError("cannot write the restored store") from None
        finally:
            files.remove_with_side_files(tmp)
            lock.release()

    @classmethod
    def _check_backup(
        cls, src: Path, passphrase: str, clock: Clock | None
    ) -> tuple[vault.MasterKey, vault.Header]:
        try:
            conn = connect(src, readonly=True)
        except sqlite3.DatabaseError:
            raise StoreDamaged("backup file is not readable") from None
        try:
            header = files.read_header(conn)
            master = _open_vault_errors(lambda: vault.unlock(header, passphrase))
            copy = cls(
                path=src,
                conn=conn,
                lock=None,
                master=master,
                header=header,
                clock=clock,
                readonly=True,
            )
            try:
                if copy.verify():
                    raise StoreDamaged("the backup did not verify")
            except sqlite3.DatabaseError:
                raise StoreDamaged("backup file is not readable") from None
            return master, header
        finally:
            conn.close()
