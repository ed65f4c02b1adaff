"""Closing and reopening a case: a decision of the user, never a side effect of an answer.

The engine says what the outcome means (Evaluation.status: closed when the rules hold); the
case's stored status only becomes "closed" through close_case and leaves it only through
reopen_case. A closed case is read-only: every change is refused with CaseClosed.
"""

from __future__ import annotations

from datetime import datetime

from meldcode_tui.casework.roles import check_role
from meldcode_tui.dates import show_date
from meldcode_tui.flow import Evaluation, evaluate, get_flow
from meldcode_tui.flow.describe import undecided_text
from meldcode_tui.i18n import t
from meldcode_tui.store import Store


class ClosureRefused(Exception):
    """The case may not be closed yet; `evaluation` says why (closure_blockers, missing)."""

    def __init__(self, evaluation: Evaluation) -> None:
        super().__init__("closure refused")
        self.evaluation = evaluation


class CaseClosed(Exception):
    """A change to a closed case; the message (translated) says how to reopen it."""

    def __init__(self, case_id: str) -> None:
        super().__init__(t("lifecycle.read_only", case=case_id))
        self.case_id = case_id


def _day(text: object) -> str:
    try:
        return show_date(datetime.fromisoformat(str(text)), "-")
    except ValueError:
        return "-"


class HandedOverReadOnly(CaseClosed):
    """A change to a case handed over to a colleague: read-only here for good.

    The message names the date, not the colleague (a typed name stays out of exceptions);
    `handed_over_line` says to whom.
    """

    def __init__(self, case_id: str, mark: dict[str, object]) -> None:
        Exception.__init__(self, t("handover.read_only_short", date=_day(mark.get("at"))))
        self.case_id = case_id


def handed_over_line(mark: dict[str, object], key: str = "handover.read_only") -> str:
    """ "Overgedragen aan ... op ...", for screens and `show` (never an exception message).

    `key`: the app has its own sentence (tui/read_only.py), the command line this one.
    """
    name = str(mark.get("to") or t("contacts.no_name"))
    return t(key, name=name, date=_day(mark.get("at")))


class ReopenRefused(ValueError):
    """Reopening needs a reason, and a closed case; the message says which is missing."""


def open_status(evaluation: Evaluation) -> str:
    """The status an open case shows: monitoring while a follow-up is planned, else open.

    Never "closed": that the rules hold means the case *can* be closed (see can_close).
    """
    return "monitoring" if evaluation.status == "monitoring" else "open"


def ensure_open(store: Store, case_id: str) -> None:
    """Raise CaseClosed when the case is closed (or handed over): nothing may be written to it."""
    case = store.get_case(case_id)
    if case.handed_over:
        raise HandedOverReadOnly(case_id, case.handed_over)
    if case.summary.status == "closed":
        raise CaseClosed(case_id)


def close_case(
    store: Store, case_id: str, *, now: datetime | None = None, author_role: str | None = None
) -> Evaluation:
    """Close a case only when its flow's closure rules hold, no required question is open and
    the outcome takes both decisions.

    Raises ClosureRefused (nothing written) when it may not be closed yet, FlowError when the
    case's flow is no longer shipped. Recorded in the case and the audit trail (case_closed).
    """
    case = store.get_case(case_id)
    if case.handed_over:
        raise HandedOverReadOnly(case_id, case.handed_over)
    flow = get_flow(case.summary.flow_id)
    result = evaluate(flow, case.answers, now=now)
    if not result.can_close:
        raise ClosureRefused(result)
    role = check_role(flow, author_role)
    store.set_lifecycle(case_id, "closed", status="closed", author_role=role)
    return result


def reopen_case(
    store: Store,
    case_id: str,
    reason: str,
    *,
    now: datetime | None = None,
    author_role: str | None = None,
) -> Evaluation:
    """Reopen a closed case, with the reason recorded (sealed) and a case_reopened audit entry."""
    if not reason.strip():
        raise ReopenRefused(t("lifecycle.reason_missing"))
    case = store.get_case(case_id)
    if case.summary.status != "closed":
        raise ReopenRefused(t("lifecycle.not_closed", case=case_id))
    flow = get_flow(case.summary.flow_id)
    result = evaluate(flow, case.answers, now=now)
    role = check_role(flow, author_role)
    store.set_lifecycle(
        case_id,
        "reopened",
        status=open_status(result),
        author_role=role,
        reason=reason.strip(),
        next_deadline=result.next_deadline,
    )
    return result


def closure_reason(result: Evaluation, lang: str) -> str:
    """Why closing is refused, in one line: the failing rules, the decisions not taken, the open
    questions (each part only when it applies)."""
    parts = [rule.message.get(lang) for rule in result.closure_blockers]
    if result.undecided:
        parts.append(undecided_text(result, lang))
    if result.missing:
        parts.append(t("closure.missing", ids=", ".join(result.missing)))
    return "; ".join(parts)
