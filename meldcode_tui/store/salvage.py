"""Saving what still opens from a damaged store: every readable case, copied into a new one.

One bad page can make a store refuse to open, or a case fail to read; the other cases are
still there. `salvage` reads the damaged file without ever writing it (an immutable, read-only
open), and copies each case that opens into a fresh store under the same passphrase, with its
answers and their history (who changed what, when), notes (with their times), actions,
closing and reopening, the retention clock and progress. The audit trail starts anew: the
copy's entries are dated as the originals, but the old chain is not carried over.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from meldcode_tui import vault
from meldcode_tui.store import files
from meldcode_tui.store.base import open_vault_errors, utc_now
from meldcode_tui.store.errors import StoreDamaged, StoreError, StoreNotFound
from meldcode_tui.store.records import Case
from meldcode_tui.store.schema import connect
from meldcode_tui.store.store import Store

# When the case table itself is damaged, rows are probed one by one; stop after this many
# row numbers in a row hold nothing.
_PROBE_GAP = 500


@dataclass
class SalvageReport:
    recovery_key: str | None
    copied: list[str] = field(default_factory=list)
    # Copied, but some records of the case did not open and are missing from the copy.
    partial: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def _case_ids(conn: sqlite3.Connection) -> list[str]:
    try:
        return [str(r[0]) for r in conn.execute("SELECT id FROM cases ORDER BY rowid")]
    except sqlite3.DatabaseError:
        pass
    ids: list[str] = []
    rowid, misses = 0, 0
    while misses < _PROBE_GAP:
        rowid += 1
        try:
            found = conn.execute("SELECT id FROM cases WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            found = None
        if found is None:
            misses += 1
            continue
        misses = 0
        ids.append(str(found[0]))
    return ids


def _copy_answers(case: Case, new_id: str, into: Store, moment: list[datetime]) -> None:
    """Replay the answer history (who changed what, when), then make sure the answers are
    exactly the salvaged ones: a history row that did not open leaves a gap, never a wrong
    answer (a value the history misses is set as of the case's last change)."""
    replayed: dict[str, object] = {}
    for change in sorted(case.history, key=lambda h: h.at):
        moment[0] = change.at
        if change.cleared:
            into.clear_answer(new_id, change.question_id, author_role=change.author_role)
            replayed.pop(change.question_id, None)
        else:
            into.set_answer(
                new_id, change.question_id, change.value, author_role=change.author_role
            )
            replayed[change.question_id] = change.value
    moment[0] = case.summary.updated_at
    for question in sorted(set(replayed) - set(case.answers)):
        into.clear_answer(new_id, question)
    for question, value in sorted(case.answers.items()):
        if question not in replayed or replayed[question] != value:
            into.set_answer(new_id, question, value)


def _copy(case: Case, into: Store) -> str:
    """Write one opened case into the new store, keeping its times; returns the new id."""
    moment: list[datetime] = [case.summary.created_at]
    into._clock = lambda: moment[0]
    s = case.summary
    new_id = into.new_case(s.flow_id, s.title)
    _copy_answers(case, new_id, into, moment)
    for note in case.notes:
        moment[0] = note.created_at
        into.add_note(
            new_id,
            note.kind,
            note.text,
            step_id=note.step_id,
            author_role=note.author_role,
            for_record=note.for_record,
        )
    for action in case.actions:
        moment[0] = action.created_at
        action_id = into.add_action(new_id, action.text, owner=action.owner, due=action.due)
        if action.done_at is not None:
            moment[0] = action.done_at
            into.complete_action(new_id, action_id)
    # Closing and reopening, with who and why (the status itself is set below).
    for event in case.lifecycle:
        if event.event == "flow_changed":
            # The copy is made under the case's current protocol; the change of protocol itself
            # is not replayed (its answers already sit where the change put them).
            continue
        moment[0] = event.at
        into.set_lifecycle(
            new_id,
            event.event,
            status="closed" if event.event == "closed" else "open",
            author_role=event.author_role,
            reason=event.reason,
        )
    moment[0] = s.updated_at
    status = s.status if s.status in ("open", "monitoring", "closed") else "open"
    into.update_progress(
        new_id,
        status=status,
        current_step=s.current_step,
        melden=s.melden,
        hulp=s.hulp,
        next_deadline=s.next_deadline,
        position=case.position,
        retention_start=case.retention_start,
    )
    return new_id


def salvage(
    src: str | os.PathLike[str], dest: str | os.PathLike[str], passphrase: str
) -> SalvageReport:
    """Copy every case of `src` that opens into a new store at `dest` (never writes `src`)."""
    src, dest = Path(src), Path(dest)
    if not src.is_file():
        raise StoreNotFound("no store at that path")
    try:
        # A WAL left beside the file may hold the last saves: read through it then (immutable
        # otherwise, so not even an empty journal is left beside the damaged file).
        wal = files.side_file(src, "-wal")
        conn = connect(src, beside_writer=wal.is_file(), readonly=not wal.is_file())
        try:
            header = files.read_header(conn)
        except StoreError:
            conn.close()
            conn = connect(src, readonly=True)
            header = files.read_header(conn)
    except sqlite3.DatabaseError:
        raise StoreDamaged("store file is not readable") from None
    try:
        master = open_vault_errors(lambda: vault.unlock(header, passphrase))
        reader = Store(
            path=src,
            conn=conn,
            lock=None,
            master=master,
            header=header,
            clock=utc_now,
            readonly=True,
        )
        ids = _case_ids(conn)
        created, recovery_key = Store.create(dest, passphrase, recovery=True)
        report = SalvageReport(recovery_key)
        with created:
            for case_id in ids:
                try:
                    case = reader.get_case(case_id)
                except (StoreError, sqlite3.DatabaseError):
                    report.lost.append(case_id)
                    continue
                if any(d.field == "case_key" for d in case.damaged):
                    report.lost.append(case_id)  # without its key nothing of it opens
                    continue
                _copy(case, created)
                (report.partial if case.damaged else report.copied).append(case_id)
            created._clock = utc_now
        return report
    finally:
        conn.close()
