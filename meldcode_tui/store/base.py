"""The Store's state and the primitives every part of it uses: the guarded connection, keys."""

from __future__ import annotations

import contextlib
import hmac
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any, Final, TypeVar

from meldcode_tui import vault
from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import codec, files, sealcheck
from meldcode_tui.store.errors import (
    BadRecoveryKey,
    CaseDamaged,
    CaseNotFound,
    KdfRefused,
    NoRecoveryKey,
    OpenForReading,
    StoreClosed,
    StoreDamaged,
    StoreInUse,
    StoreIOError,
    WrongPassphrase,
    WrongRecoveryKey,
)
from meldcode_tui.store.lock import StoreLock
from meldcode_tui.store.rows import CASE_COLUMNS, CaseKeys, ad, as_blob
from meldcode_tui.store.schema import database
from meldcode_tui.vault.kdf import insecure_test_kdf, is_weak

Clock = Callable[[], datetime]
CASE_STATUSES: Final = ("open", "monitoring", "closed")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_T = TypeVar("_T")


def utc_now() -> datetime:
    return datetime.now(UTC)


def open_vault_errors(fn: Callable[[], _T]) -> _T:
    """Run an unlock step, turning vault errors into store errors."""
    try:
        return fn()
    except vault.WrongRecoveryKey:
        raise WrongRecoveryKey("the recovery key does not unlock this store") from None
    except vault.WrongPassphrase:
        raise WrongPassphrase("the passphrase does not unlock this store") from None
    except vault.KdfRefused:
        raise KdfRefused("stored key derivation parameters refused") from None
    except vault.BadRecoveryKey:
        raise BadRecoveryKey("recovery key is mistyped") from None
    except vault.NoRecoveryKey:
        raise NoRecoveryKey("store has no recovery key") from None


class StoreBase:
    """What a Store holds once unlocked; `Store` adds the operations (see store.py)."""

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
        # The manifest this connection last sealed per case, with its blob (`_proven_manifest`).
        self._sealed: dict[str, tuple[bytes, dict[str, Any]]] = {}
        self._data_version: int | None = None
        # One connection serves every thread (the TUI runs workers); calls take turns.
        self._mutex = threading.RLock()
        self._closed = False
        # The stored key settings were the test-only light ones: "strengthened" once rewrapped
        # at this open, "weak" while still so (a reader cannot rewrap). See vault/kdf.py.
        self.kdf_warning: str | None = (
            "weak" if is_weak(header.kdf) and not insecure_test_kdf() else None
        )
        # The last audit entry remembered outside the file (set by `open`; see rollback.py).
        self._memory: Any = None

    @contextlib.contextmanager
    def _op(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        with self._mutex:
            if self._closed:
                raise StoreClosed("store is closed")
            if write and self._readonly:
                raise OpenForReading("store is open for reading only")
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
            # The head's MAC covers the header: check it against the old one, then move both.
            audit_log.check_head(self._conn, self._audit_key)
            self._conn.execute(
                "UPDATE meta SET value = ? WHERE key = ?", (header.to_bytes(), files.VAULT_KEY)
            )
            audit_log.append(
                self._conn,
                self._audit_key,
                at=self._now(),
                case_id=None,
                event=event,
                head_checked=True,
            )
        self._header = header
        # The old wrapped master key must not linger in the WAL for the old passphrase to open.
        self._checkpoint()

    def _checkpoint(self) -> None:
        busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise StoreInUse("could not checkpoint: another connection is reading")

    def _case_row(self, case_id: str) -> dict[str, Any]:
        if not case_id.isascii():
            # Ids are ASCII; anything else (a mis-decoded argument too) names no case.
            raise CaseNotFound("no case with that id")
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

    def _shredded_tag(self, case_id: str) -> str:
        """A keyed tag of a shredded case's id: enough to never reuse it, not to name it."""
        return hmac.new(self._audit_key, b"shredded/" + case_id.encode(), sha256).hexdigest()[:32]

    def _proven_manifest(self, case_id: str, blob: object) -> dict[str, Any] | None:
        """The case's manifest as this connection last sealed it, if nothing changed since.

        Proving a case intact (`_check_case_sealed`) reads and digests every row of it: on a
        case with 2,500 rows that was 95% of an autosave, and it grew with the case (issue
        16). Once proven, only this connection changes the case, and each of its writes keeps
        the manifest and its listing (`manifest_rows`, written in the same transaction)
        true. So a write may skip the proof (and the manifest's decryption) when the stored
        manifest is, byte for byte, the one this connection sealed last, and no
        other connection has written to the file since: SQLite's data_version moves with
        every commit made elsewhere (another program, sqlite3 by hand, a tamper), and then
        every case is proven in full again. The entry is taken, not read: a write that fails
        half-way leaves none, so the next one proves the case in full.
        """
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._data_version:
            self._sealed.clear()
            self._data_version = version
        found = self._sealed.pop(case_id, None)
        if found is None or found[0] != blob:
            return None
        return found[1]

    def _sealed_by_us(self, case_id: str, blob: bytes, manifest: dict[str, Any]) -> None:
        """This connection sealed the case's manifest as `blob` (true once it commits)."""
        self._sealed[case_id] = (blob, dict(manifest))

    def _check_case_sealed(self, row: dict[str, Any], manifest: Any, keys: CaseKeys) -> None:
        """Before any write: refuse a case whose rows or manifest were changed outside meldcode.

        Writing would re-seal the damage and hide it from `verify`; the user chooses instead
        (restore a backup, shred the case, or `meldcode verify --accept CASE`).
        """
        if not sealcheck.case_is_sealed(self._conn, row, manifest, keys.acc_key):
            raise CaseDamaged("the case's records do not match its seal")

    def _open_info(self, case_id: str, blob: object) -> Any:
        """Open a case's list blob (raises SealBroken or ValueError)."""
        return codec.load(
            self._list_sealer.open(as_blob(blob), ad("cases", case_id, case_id, "info"))
        )
