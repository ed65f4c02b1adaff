"""Agreed actions of a case (add, complete) and the record that a summary left the store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from meldcode_tui.store import beside, codec
from meldcode_tui.store.errors import CaseNotFound, RecordNotFound, StoreError
from meldcode_tui.store.rows import CHILD_COLUMNS
from meldcode_tui.store.writes import CaseWrites


class CaseActions(CaseWrites):
    """Each change is its own transaction with one audit entry, like every other write."""

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

    def record_export(self, case_id: str, *, inspection: bool = False) -> None:
        """Log that a summary of the case left the encrypted store; no case data changes.

        `inspection`: the export answered a parent's request to inspect (AVG art. 15), which
        the school must be able to show later; the event name says so, never the contents.

        The record then shows months later when a summary was exported; the entry pins the
        case's current manifest like every other case entry, so `verify` stays clean.
        """
        with self._op(write=True), self._db.atomic():
            # Pinning the current manifest would launder a case put back to an older state.
            w = self._begin_write(case_id, allow_handed_over=True)
            # A new manifest (its counter moves on): cutting this entry off the log's end
            # then reads as the case put back, not as nothing.
            w.manifest["n"] = int(w.manifest.get("n", 0)) + 1
            manifest = w.keys.seal("cases", case_id, case_id, "manifest", w.manifest)
            self._conn.execute("UPDATE cases SET manifest = ? WHERE id = ?", (manifest, case_id))
            event = "inspection_exported" if inspection else "summary_exported"
            self._audit(event, case_id, codec.blob_digest(manifest))

    def note_export_beside(self, case_id: str, *, inspection: bool = False) -> Path:
        """An export by a reader beside the app: a sealed note the next writer records.

        Raises OSError when the store's folder cannot be written (the caller says so).
        """
        with self._op():
            self._case_row(case_id)  # an existing case, or CaseNotFound
        return beside.leave_note(
            self._master, self.path, case_id, inspection=inspection, at=self._clock()
        )

    def record_beside_exports(self) -> int:
        """Record the exports that readers noted beside this store; how many were recorded.

        Each becomes the export's ordinary audit entry, dated when it is recorded (the note's
        own moment is not trusted further than the note). A case shredded meanwhile drops its
        note; one that cannot be written now (damaged) keeps it for a later writer.
        """
        if self._readonly:
            return 0
        recorded = 0
        for note in beside.pending(self._master, self.path):
            try:
                self.record_export(note.case_id, inspection=note.inspection)
                recorded += 1
            except CaseNotFound:
                pass
            except StoreError:
                continue
            beside.remove(note)
        return recorded

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
