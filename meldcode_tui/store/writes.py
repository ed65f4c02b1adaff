"""Changing a case: new case, answers, notes and progress (actions: see actions.py)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any, Final

from meldcode_tui import vault
from meldcode_tui.store import codec, sealcheck
from meldcode_tui.store import manifest as manifest_mod
from meldcode_tui.store.base import CASE_STATUSES, StoreBase
from meldcode_tui.store.errors import CaseDamaged, CaseHandedOver
from meldcode_tui.store.records import NOTE_KINDS, AnswerChange
from meldcode_tui.store.rows import (
    CASE_COLUMNS,
    CASE_KEY_BYTES,
    CHILD_COLUMNS,
    CaseKeys,
    ad,
    case_row_digest,
    child_row_digest,
)


class _Unchanged(Enum):
    UNCHANGED = "unchanged"


# Passed (or defaulted) to update_progress for "leave as is", since None means "clear it".
UNCHANGED: Final = _Unchanged.UNCHANGED


@dataclass(frozen=True)
class Progress:
    """Where a case stands after a change, as the case list shows it (the engine's verdict)."""

    status: str
    current_step: str | None
    melden: bool | None
    hulp: bool | None
    next_deadline: datetime | None


@dataclass(frozen=True)
class AnswerWritten:
    """What `save_answer` wrote: the history entry as stored and the case's new change time."""

    change: AnswerChange
    updated_at: datetime


@dataclass
class _CaseWrite:
    """A case row opened for a change: its keys, manifest (with its tally) and list blob."""

    row: dict[str, Any]
    keys: CaseKeys
    manifest: dict[str, Any]
    info: dict[str, Any]
    tally: manifest_mod.Tally
    info_changed: bool = False
    touched: list[str] = field(default_factory=list)

    @property
    def case_id(self) -> str:
        return str(self.row["id"])


_NOT_SET: Final = object()


class CaseWrites(StoreBase):
    """One transaction per change; most run `_begin_write`, then `_commit_write` to seal and log."""

    def _begin_write(self, case_id: str, *, allow_handed_over: bool = False) -> _CaseWrite:
        """Open a case for a change; a handed-over case is read-only (see transfer.py)."""
        row = self._case_row(case_id)
        proven = self._proven_manifest(case_id, row["manifest"])
        try:
            keys = self._keys(case_id, row["case_key"])
            manifest: Any = proven
            if manifest is None:
                manifest = keys.open("cases", case_id, case_id, "manifest", row["manifest"])
            info = self._open_info(case_id, row["info"])
            if not manifest_mod.well_formed(manifest) or not isinstance(info, dict):
                raise ValueError("unexpected payload")
        except (vault.SealBroken, ValueError):
            raise CaseDamaged("the case's key or manifest does not open") from None
        if proven is None:
            self._check_case_sealed(row, manifest, keys)
        if info.get("handed_over") and not allow_handed_over:
            raise CaseHandedOver("the case was handed over and is read-only here")
        return self._case_write(row, keys, manifest, info)

    def _case_write(
        self,
        row: dict[str, Any],
        keys: CaseKeys,
        sealed: dict[str, Any],
        info: dict[str, Any],
        *,
        info_changed: bool = False,
    ) -> _CaseWrite:
        tally = manifest_mod.Tally(self._conn, keys.acc_key, str(row["id"]), sealed)
        return _CaseWrite(row, keys, sealed, info, tally, info_changed=info_changed)

    def _commit_write(self, w: _CaseWrite, event: str) -> None:
        """Reseal the list blob and manifest, update the case row and log the event."""
        row = w.row
        case_id = w.case_id
        row["updated_at"] = self._now()
        if sealcheck.bind_clear_columns(w.info, row) or w.info_changed:
            # Unset fields are left out: a smaller blob is quicker to open in the list.
            info = {k: v for k, v in w.info.items() if v is not None}
            row["info"] = self._list_sealer.seal(
                codec.dump(info), ad("cases", case_id, case_id, "info")
            )
        w.tally.into(w.manifest)
        w.manifest["case"] = case_row_digest(row)
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
        # Should the transaction roll back, the stored blob differs: proven in full next time.
        self._sealed_by_us(case_id, row["manifest"], w.manifest)

    def _stored_digest(self, table: str, row_id: str) -> str:
        cols = CHILD_COLUMNS[table]
        found = self._conn.execute(
            f"SELECT {', '.join(cols)} FROM {table} WHERE id = ?", (row_id,)
        ).fetchone()
        if found is None:
            raise CaseDamaged("a record of the case went missing during the change")
        return child_row_digest(table, dict(zip(cols, found, strict=True)))

    def _put_child(self, w: _CaseWrite, table: str, row: dict[str, Any], *, insert: bool) -> None:
        cols = CHILD_COLUMNS[table]
        was = None if insert else self._stored_digest(table, row["id"])
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
        w.tally.put(table, row["id"], child_row_digest(table, row), was=was)

    def _new_case_id(self) -> str:
        while True:
            case_id = codec.new_id(codec.CASE_ID_LENGTH)
            # A shredded case's id is never handed out again (the log keeps a keyed tag of it).
            taken = self._conn.execute(
                "SELECT 1 FROM cases WHERE id = ? UNION ALL SELECT 1 FROM audit WHERE case_id = ? "
                "UNION ALL SELECT 1 FROM audit WHERE event = 'case_shredded' AND state = ?",
                (case_id, case_id, self._shredded_tag(case_id)),
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
            w = self._case_write(row, keys, manifest_mod.empty(), info, info_changed=True)
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

    def save_answer(
        self,
        case_id: str,
        question_id: str,
        value: Any,
        *,
        author_role: str,
        progress: Progress | None = None,
        position: str | _Unchanged | None = UNCHANGED,
    ) -> AnswerWritten | None:
        """Set (or, with None, clear) one answer together with the progress it causes.

        `position` (the step on screen) rides along, so moving between steps costs no write of
        its own.

        One transaction, so one fsync and one audit entry per answer typed in the wizard; the
        caller updates its open case from what is returned instead of reading it back. None
        when clearing an answer that was not set (nothing is written then).
        """
        if value is not None:
            codec.dump(value)  # refuse a value that cannot be stored before touching anything
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            now = self._now()
            if value is None:
                previous = self._remove_answer(w, question_id)
                if previous is _NOT_SET:
                    return None
            else:
                payload = {"q": question_id, "v": value, "by": author_role, "at": now}
                previous = self._replace_answer(w, question_id, payload)
            cleared = value is None
            self._add_history(w, question_id, value, previous, author_role, now, cleared=cleared)
            if progress is not None:
                self._set_progress(w, progress)
            if not isinstance(position, _Unchanged):
                w.info["position"] = position
                w.info_changed = True
            self._commit_write(w, "answer_cleared" if cleared else "answer_set")
            change = AnswerChange(
                question_id, value, previous, author_role, codec.parse_iso(now), cleared
            )
            return AnswerWritten(change, codec.parse_iso(w.row["updated_at"]))

    def _remove_answer(self, w: _CaseWrite, question_id: str) -> Any:
        """Delete an answer's row; its old value (for the history), or _NOT_SET."""
        tag = w.keys.tag(question_id)
        found = self._conn.execute(
            "SELECT id, body FROM answers WHERE case_id = ? AND tag = ?", (w.case_id, tag)
        ).fetchone()
        if found is None:
            return _NOT_SET
        previous = self._old_answer(w, found[0], found[1])
        was = self._stored_digest("answers", found[0])
        self._conn.execute("DELETE FROM answers WHERE id = ?", (found[0],))
        w.tally.drop("answers", found[0], was)
        return previous

    @staticmethod
    def _set_progress(w: _CaseWrite, progress: Progress) -> None:
        if progress.status not in CASE_STATUSES:
            raise ValueError("status must be open, monitoring or closed")
        for name in ("current_step", "melden", "hulp"):
            w.info[name] = getattr(progress, name)
        w.info_changed = True
        w.row["status"] = progress.status
        w.row["next_deadline"] = codec.iso_or_none(progress.next_deadline)

    def clear_answer(self, case_id: str, question_id: str, *, author_role: str = "mentor") -> None:
        """Remove an answer (its history keeps the old value); no-op if it was not set."""
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            previous = self._remove_answer(w, question_id)
            if previous is _NOT_SET:
                return
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
        fix: dict[str, Any] | None = None,
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
        if fix is not None:
            payload["fix"] = fix
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
        retention_start: str | _Unchanged | None = UNCHANGED,
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
                "retention_start": retention_start,
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
