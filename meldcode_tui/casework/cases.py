"""Starting a case, answers from a file, notes and shredding: one implementation for CLI and app."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from meldcode_tui.casework.closing import CaseClosed, HandedOverReadOnly
from meldcode_tui.casework.corrections import parse_entry_ref
from meldcode_tui.casework.date_rules import check_all_dates
from meldcode_tui.casework.notes import add_note
from meldcode_tui.casework.roles import check_role
from meldcode_tui.casework.session import Clock, OpenCase, record_progress
from meldcode_tui.flow import (
    AnswerError,
    Evaluation,
    Flow,
    FlowError,
    clock,
    evaluate,
    get_flow,
    parse_answers,
)
from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.store.records import Case


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
    clear: Sequence[str] = (),
    now: datetime | None = None,
) -> Evaluation:
    """Validate everything first, then save the answers that changed and clear those named.

    Each change is its own transaction with its progress, as in the wizard. CaseClosed
    (nothing written) when the case is closed.
    """
    opened = OpenCase.open(store, case_id, clock=_fixed(now))
    opened.ensure_open()
    answers = parse_answers(opened.flow, raw)
    for question_id in clear:
        if opened.flow.question(question_id) is None:
            raise AnswerError(t("answers.unknown_id", id=question_id, flow=opened.flow.id))
    check_all_dates(opened.flow, answers, opened.clock())
    opened.author_role = check_role(opened.flow, author_role)
    for question_id, value in answers.items():
        opened.answer(question_id, value)
    for question_id in clear:
        opened.clear(question_id)
    return opened.evaluation


def note_from_outside(
    store: Store,
    case_id: str,
    kind: str,
    text: str,
    *,
    step_id: str | None = None,
    author_role: str | None = None,
    for_record: bool = False,
) -> str:
    """A note added outside the wizard (the CLI): the case's flow, if shipped, checks the role.

    CaseClosed (nothing written) when the case is closed.
    """
    case = store.get_case(case_id)
    if case.handed_over:
        raise HandedOverReadOnly(case_id, case.handed_over)
    if case.summary.status == "closed":
        raise CaseClosed(case_id)
    try:
        flow: Flow | None = get_flow(case.summary.flow_id)
    except FlowError:
        flow = None
    return add_note(
        store,
        case_id,
        kind,
        text,
        flow=flow,
        step_id=step_id,
        author_role=author_role,
        for_record=for_record,
    )


def fix_entry_from_outside(
    store: Store,
    case_id: str,
    ref: str,
    *,
    entry: dict[str, Any] | None,
    reason: str,
    now: datetime,
    author_role: str | None = None,
) -> Evaluation:
    """`meldcode answer --correct-entry/--withdraw-entry`: as the app does it, via OpenCase."""
    question_id, index = parse_entry_ref(ref)
    opened = OpenCase.open(store, case_id, clock=lambda: now)
    opened.ensure_open()
    opened.author_role = check_role(opened.flow, author_role)
    if entry is None:
        opened.withdraw_entry(question_id, index, reason)
    else:
        opened.correct_entry(question_id, index, entry, reason)
    return evaluate(opened.flow, opened.answers, now)


def shred_case(store: Store, case_id: str) -> None:
    """Destroy a case for good: its key, its rows, every copy in the journal."""
    store.shred(case_id)


def _fixed(now: datetime | None) -> Clock:
    """A clock for one command: the moment given, else the engine's (MELDCODE_NOW or now)."""
    if now is None:
        return clock.now
    return lambda: now
