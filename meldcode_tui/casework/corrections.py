"""Corrections that keep history, for the CLI and the app alike: a note or a ledger entry
corrected or withdrawn with a reason. The earlier version is never erased (store/revisions.py);
a closed case refuses every correction, as it refuses every other change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from meldcode_tui.casework.closing import CaseClosed
from meldcode_tui.casework.date_rules import check_dates
from meldcode_tui.casework.roles import check_role
from meldcode_tui.flow import Flow, FlowError, get_flow, normalise_answer
from meldcode_tui.i18n import t
from meldcode_tui.store import RecordNotFound, Store
from meldcode_tui.store.records import Case, EntryFix


class CorrectionRefused(ValueError):
    """A correction that cannot be made as asked; the message (translated) says what to fix.

    `key` and `fields` let the app say it its own way (tui/app_words.py): the message names
    the command line's options.
    """

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(t(key, **fields))
        self.key = key
        self.fields = fields


def _flow_of(case: Case) -> Flow | None:
    try:
        return get_flow(case.summary.flow_id)
    except FlowError:
        return None


def _role(flow: Flow | None, role: str | None) -> str:
    return check_role(flow, role) if flow is not None else role or "beroepskracht"


def _open_case(store: Store, case_id: str) -> Case:
    case = store.get_case(case_id)
    if case.summary.status == "closed":
        raise CaseClosed(case_id)
    return case


def _revise(
    store: Store,
    case_id: str,
    note_id: str,
    text: str | None,
    reason: str,
    author_role: str | None,
) -> None:
    case = _open_case(store, case_id)
    note = next((n for n in case.notes if n.id == note_id), None)
    if note is None or note.withdrawn is not None:
        raise CorrectionRefused("corrections.note_not_found", id=note_id, case=case_id)
    role = _role(_flow_of(case), author_role)
    try:
        store.revise_note(case_id, note_id, text=text, author_role=role, reason=reason)
    except RecordNotFound:
        raise CorrectionRefused("corrections.note_not_found", id=note_id, case=case_id) from None


def correct_note(
    store: Store,
    case_id: str,
    note_id: str,
    text: str,
    *,
    reason: str = "",
    author_role: str | None = None,
) -> None:
    """Give a note a new text; the earlier text stays, marked corrected on a date by a role."""
    if not text.strip():
        raise CorrectionRefused("corrections.text_empty")
    _revise(store, case_id, note_id, text, reason.strip(), author_role)


def withdraw_note(
    store: Store, case_id: str, note_id: str, reason: str, *, author_role: str | None = None
) -> None:
    """Withdraw a note with a reason: it stays in the case, out of the record layer."""
    if not reason.strip():
        raise CorrectionRefused("corrections.reason_missing")
    _revise(store, case_id, note_id, None, reason.strip(), author_role)


def parse_entry_ref(ref: str) -> tuple[str, int]:
    """'informatiedeling:2' -> ('informatiedeling', 1): the question and the entry from 0."""
    question_id, sep, number = ref.rpartition(":")
    if not sep or not question_id or not number.isdigit() or int(number) < 1:
        raise CorrectionRefused("corrections.entry_ref_bad", ref=ref)
    return question_id, int(number) - 1


def ledger_entries(flow: Flow, case: Case, question_id: str, index: int) -> list[Any]:
    """The entries of a ledger answer, after checking the question is one and has the entry."""
    question = flow.question(question_id)
    if question is None or question.type != "ledger":
        raise CorrectionRefused("corrections.not_a_ledger", question=question_id, flow=flow.id)
    entries = list(case.answers.get(question_id) or [])
    if not 0 <= index < len(entries):
        raise CorrectionRefused(
            "corrections.entry_not_found",
            question=question_id,
            n=index + 1,
            count=len(entries),
            case=case.summary.id,
        )
    return entries


def fixed_entries(
    flow: Flow,
    case: Case,
    question_id: str,
    index: int,
    entry: dict[str, Any] | None,
    now: datetime,
) -> list[Any] | None:
    """The ledger list with entry `index` replaced by `entry` (checked like any answer), or
    without it when `entry` is None; None when nothing is left."""
    entries = ledger_entries(flow, case, question_id, index)
    if entry is None:
        rest = entries[:index] + entries[index + 1 :]
        return rest or None
    entries[index] = entry
    stored = normalise_answer(flow, question_id, entries)
    check_dates(flow, question_id, stored, now)
    return list(stored)


def entry_fix(op: str, index: int, reason: str) -> EntryFix:
    """The record of what was done to which entry; a withdrawal needs a reason."""
    if op == "withdrawn" and not reason.strip():
        raise CorrectionRefused("corrections.reason_missing")
    return EntryFix("withdrawn" if op == "withdrawn" else "corrected", index, reason.strip())
