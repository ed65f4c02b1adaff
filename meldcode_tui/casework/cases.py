"""Starting a case, answers from a file, notes and shredding: one implementation for CLI and app."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from meldcode_tui.casework.closing import CaseClosed
from meldcode_tui.casework.date_rules import check_all_dates
from meldcode_tui.casework.roles import check_role
from meldcode_tui.casework.session import OpenCase, record_progress
from meldcode_tui.flow import Evaluation, Flow, FlowError, evaluate, get_flow, parse_answers
from meldcode_tui.store import Store
from meldcode_tui.store.records import NOTE_KINDS, Case


def validate_answers(flow_id: str, raw: Mapping[str, Any]) -> tuple[Flow, dict[str, Any]]:
    """Check every answer against the flow before anything is written (AnswerError/FlowError)."""
    flow = get_flow(flow_id)
    return flow, parse_answers(flow, raw)


def evaluate_case(case: Case, *, now: datetime | None = None) -> Evaluation:
    """Evaluate a case as stored (FlowError if its flow is no longer shipped)."""
    flow = get_flow(case.summary.flow_id)
    return evaluate(flow, case.answers, now=now)


def start_case(
    store: Store,
    flow_id: str,
    title: str,
    raw: Mapping[str, Any] | None = None,
    *,
    author_role: str | None = None,
    now: datetime | None = None,
) -> tuple[str, Evaluation]:
    """Create a case under the flow's rules: role and answers checked before the case exists.

    Each answer is then saved as the wizard saves it (one transaction with its progress); a
    case started without answers records its first progress so the list shows step 1.
    """
    flow, answers = validate_answers(flow_id, raw or {})
    check_all_dates(flow, answers, _fixed(now)())
    role = check_role(flow, author_role)
    case_id = store.new_case(flow_id, title, author_role=role)
    opened = OpenCase.open(store, case_id, clock=_fixed(now), author_role=role)
    for question_id, value in answers.items():
        opened.answer(question_id, value)
    if not answers:
        record_progress(store, case_id, opened.evaluation)
    return case_id, opened.evaluation


def save_answers(
    store: Store,
    case_id: str,
    raw: Mapping[str, Any],
    *,
    author_role: str | None = None,
    now: datetime | None = None,
) -> Evaluation:
    """Validate all answers first, then save those that changed, one transaction each.

    CaseClosed (nothing written) when the case is closed.
    """
    opened = OpenCase.open(store, case_id, clock=_fixed(now))
    opened.ensure_open()
    answers = parse_answers(opened.flow, raw)
    check_all_dates(opened.flow, answers, opened.clock())
    opened.author_role = check_role(opened.flow, author_role)
    for question_id, value in answers.items():
        opened.answer(question_id, value)
    return opened.evaluation


def add_note(
    store: Store,
    case_id: str,
    kind: str,
    text: str,
    *,
    step_id: str | None = None,
    author_role: str | None = None,
    for_record: bool = False,
) -> str:
    """Add a note from outside the wizard (the CLI); the role is checked against the flow."""
    if kind not in NOTE_KINDS:
        raise ValueError("note kind must be one of feit, interpretatie, bron")
    case = store.get_case(case_id)
    if case.summary.status == "closed":
        raise CaseClosed(case_id)
    flow_id = case.summary.flow_id
    try:
        role = check_role(get_flow(flow_id), author_role)
    except FlowError:
        # A case whose flow is no longer shipped still takes notes; its roles are unknown.
        role = author_role or "beroepskracht"
    return store.add_note(
        case_id, kind, text, step_id=step_id, author_role=role, for_record=for_record
    )


def shred_case(store: Store, case_id: str) -> None:
    """Destroy a case for good: its key, its rows, every copy in the journal."""
    store.shred(case_id)


def _fixed(now: datetime | None) -> Any:
    """A clock for one command: the moment given (MELDCODE_NOW), else the real time."""
    if now is None:
        from meldcode_tui.flow.clock import now as clock_now

        return clock_now
    return lambda: now
