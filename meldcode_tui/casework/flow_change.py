"""Giving a case another protocol: what carries over, and what is kept off the path.

An answer whose question id exists in the new protocol and fits it there carries over. An
answer the new protocol has no question for stays as it is, off the path. An answer whose id
the new protocol uses for a different question (another type, other options) is re-filed under
`<old protocol>:<id>`, a key no question has, so it is neither lost nor read as an answer to
the other question. Nothing is erased: the answer history keeps every move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from meldcode_tui.casework.closing import CaseClosed
from meldcode_tui.casework.date_rules import check_dates
from meldcode_tui.casework.roles import check_role
from meldcode_tui.casework.session import progress_of
from meldcode_tui.flow import AnswerError, Evaluation, evaluate, get_flow, normalise_answer
from meldcode_tui.i18n import t
from meldcode_tui.store import Store


class FlowChangeRefused(ValueError):
    """The protocol cannot be changed as asked; the message says why."""


@dataclass(frozen=True)
class FlowChange:
    """What the change did: the answers carried over and those now off the path."""

    before: str
    after: str
    carried: tuple[str, ...]
    off_path: tuple[str, ...]
    evaluation: Evaluation


def change_flow(
    store: Store,
    case_id: str,
    flow_id: str,
    reason: str,
    *,
    now: datetime,
    author_role: str | None = None,
) -> FlowChange:
    """Move a case to protocol `flow_id` (FlowError when it is not shipped), with a reason.

    CaseClosed when the case is closed; FlowChangeRefused without a reason or for the same
    protocol. The role must be one of the new protocol's.
    """
    if not reason.strip():
        raise FlowChangeRefused(t("flowchange.reason_missing"))
    case = store.get_case(case_id)
    if case.summary.status == "closed":
        raise CaseClosed(case_id)
    before = case.summary.flow_id
    if flow_id == before:
        raise FlowChangeRefused(t("flowchange.same_flow", flow=flow_id, case=case_id))
    flow = get_flow(flow_id)
    role = check_role(flow, author_role)
    answers = dict(case.answers)
    moves: dict[str, str] = {}
    carried: list[str] = []
    for qid, value in case.answers.items():
        if flow.question(qid) is None:
            continue
        try:
            stored = normalise_answer(flow, qid, value)
            check_dates(flow, qid, stored, now)
        except AnswerError:
            moves[qid] = f"{before}:{qid}"
            answers[moves[qid]] = answers.pop(qid)
            continue
        carried.append(qid)
    evaluation = evaluate(flow, answers, now)
    store.change_flow(
        case_id,
        flow_id,
        author_role=role,
        reason=reason.strip(),
        moves=moves,
        progress=progress_of(evaluation),
    )
    off = tuple(sorted(set(answers) - set(carried)))
    return FlowChange(before, flow_id, tuple(carried), off, evaluation)
