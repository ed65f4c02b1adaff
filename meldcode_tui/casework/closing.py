"""Closing a case: one check shared by `meldcode close` and the wizard's close action."""

from __future__ import annotations

from datetime import datetime

from meldcode_tui.flow import Evaluation, evaluate, get_flow
from meldcode_tui.flow.describe import undecided_text
from meldcode_tui.i18n import t
from meldcode_tui.store import Store


class ClosureRefused(Exception):
    """The case may not be closed yet; `evaluation` says why (closure_blockers, missing)."""

    def __init__(self, evaluation: Evaluation) -> None:
        super().__init__("closure refused")
        self.evaluation = evaluation


def close_case(store: Store, case_id: str, *, now: datetime | None = None) -> Evaluation:
    """Close a case only when its flow's closure rules hold, no required question is open and
    the outcome takes both decisions.

    Raises ClosureRefused (nothing written) when it may not be closed yet, FlowError when the
    case's flow is no longer shipped.
    """
    case = store.get_case(case_id)
    result = evaluate(get_flow(case.summary.flow_id), case.answers, now=now)
    if not result.can_close:
        raise ClosureRefused(result)
    store.update_progress(case_id, status="closed", next_deadline=None)
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
