"""Corrections that keep history: a note or a ledger entry corrected or withdrawn, a protocol
changed. Nothing is erased: the earlier version stays sealed in the case (a note keeps its
earlier texts in its own body; a ledger change keeps the list as it was in the answer history),
and each correction is one transaction with one audit entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from meldcode_tui import vault
from meldcode_tui.store import codec
from meldcode_tui.store.errors import CaseDamaged, RecordNotFound
from meldcode_tui.store.records import AnswerChange, EntryFix
from meldcode_tui.store.rows import CHILD_COLUMNS
from meldcode_tui.store.writes import _NOT_SET, AnswerWritten, CaseWrites, Progress


class CaseRevisions(CaseWrites):
    """Corrections and withdrawals; the reading side is in reads.py (Note.earlier, .withdrawn)."""

    def revise_note(
        self,
        case_id: str,
        note_id: str,
        *,
        text: str | None,
        author_role: str,
        reason: str = "",
    ) -> None:
        """Correct a note (`text` is its new text) or withdraw it (`text` None, with a reason).

        The earlier text is kept in the note itself; a withdrawn note stays in the case.
        RecordNotFound when the case has no such note (or it is withdrawn already).
        """
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            cols = CHILD_COLUMNS["notes"]
            found = self._conn.execute(
                f"SELECT {', '.join(cols)} FROM notes WHERE id = ? AND case_id = ?",
                (note_id, case_id),
            ).fetchone()
            if found is None:
                raise RecordNotFound("no note with that id")
            row = dict(zip(cols, found, strict=True))
            try:
                payload = w.keys.open("notes", note_id, case_id, "body", row["body"])
                if not isinstance(payload, dict):
                    raise ValueError("unexpected payload")
            except (vault.SealBroken, ValueError):
                raise CaseDamaged("the note does not open") from None
            if payload.get("gone"):
                raise RecordNotFound("the note is withdrawn")
            mark: dict[str, Any] = {"at": self._now(), "by": author_role}
            if reason:
                mark["why"] = reason
            if text is None:
                payload["gone"] = mark
                event = "note_withdrawn"
            else:
                payload["was"] = [
                    *list(payload.get("was") or []),
                    {**mark, "text": payload["text"]},
                ]
                payload["text"] = text
                event = "note_corrected"
            row["body"] = w.keys.seal("notes", note_id, case_id, "body", payload)
            self._put_child(w, "notes", row, insert=False)
            self._commit_write(w, event)

    def save_entry_fix(
        self,
        case_id: str,
        question_id: str,
        value: list[Any] | None,
        fix: EntryFix,
        *,
        author_role: str,
        progress: Progress | None = None,
    ) -> AnswerWritten | None:
        """Save a ledger list with one entry corrected or withdrawn (None: the last one went).

        The history entry holds the list as it was and which entry changed, and why; the audit
        says entry_corrected or entry_withdrawn. None when the ledger was not there to change.
        """
        if value is not None:
            codec.dump(value)
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
            marks: dict[str, Any] = {"op": fix.op, "n": fix.entry}
            if fix.reason:
                marks["why"] = fix.reason
            self._add_history(
                w,
                question_id,
                value,
                previous,
                author_role,
                now,
                cleared=value is None,
                fix=marks,
            )
            if progress is not None:
                self._set_progress(w, progress)
            self._commit_write(w, f"entry_{fix.op}")
            change = AnswerChange(
                question_id,
                value,
                previous,
                author_role,
                codec.parse_iso(now),
                value is None,
                fix,
            )
            return AnswerWritten(change, codec.parse_iso(w.row["updated_at"]))

    def change_flow(
        self,
        case_id: str,
        flow_id: str,
        *,
        author_role: str,
        reason: str,
        moves: Mapping[str, str],
        progress: Progress,
    ) -> None:
        """Give a case another protocol in one transaction (audit: flow_changed).

        `moves` re-files answers the new protocol cannot take under a key no question has
        (old id -> new key), so they stay in the case, off the path, with their history.
        """
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            now = self._now()
            before = str(w.row["flow_id"])
            for old, new in moves.items():
                value = self._remove_answer(w, old)
                if value is _NOT_SET:
                    continue
                self._add_history(w, old, None, value, author_role, now, cleared=True)
                payload = {"q": new, "v": value, "by": author_role, "at": now}
                self._replace_answer(w, new, payload)
                self._add_history(w, new, value, None, author_role, now, cleared=False)
            entries = list(w.info.get("lifecycle") or [])
            entry = {"e": "flow_changed", "at": now, "by": author_role, "from": before}
            entry["to"] = flow_id
            if reason:
                entry["why"] = reason
            entries.append(entry)
            w.info["lifecycle"] = entries
            w.row["flow_id"] = flow_id
            # _commit_write updates only the columns a change usually touches.
            self._conn.execute("UPDATE cases SET flow_id = ? WHERE id = ?", (flow_id, case_id))
            self._set_progress(w, progress)
            self._commit_write(w, "flow_changed")
