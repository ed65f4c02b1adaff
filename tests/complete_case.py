"""A complete case for given answers: every required question answered, every closure rule held.

Tests of closing need a case in which nothing but the rule under test could block it. The
reachability search finds answers to what the closure rules read (keeping the pinned ones);
every other open question gets a plain fictitious answer, which no condition the search
varied can read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from meldcode_tui.flow import Evaluation, Flow, Question, evaluate
from meldcode_tui.flow.conditions import All
from meldcode_tui.flow.reach import OPTIONAL, Reach

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
NOW_ENV = "2026-11-20T10:00+00:00"

_PLAIN: dict[str, Any] = {
    "yesno": True,
    "text": "Fictief.",
    "person": "A. (fictief)",
    "date": "2026-11-20",
    "datetime": "2026-11-20T09:00+00:00",
}


def plain_answer(question: Question) -> Any:
    if question.type in _PLAIN:
        return _PLAIN[question.type]
    if question.type == "choice":
        return question.options[0].id
    if question.type == "multi":
        return [question.options[0].id]
    if question.type == "ledger":
        return [{f.id: plain_answer(f) for f in question.fields if f.required and f.when is None}]
    raise AssertionError(f"no plain answer for a {question.type} question")


def complete_case(
    flow: Flow, pinned: Mapping[str, Any], outcome_id: str, reach: Reach | None = None
) -> tuple[dict[str, Any], Evaluation] | None:
    """Answers keeping `pinned`, reaching `outcome_id`, nothing open, no closure rule failing."""
    reach = reach or Reach(flow)
    goals = tuple(rule.when for rule in flow.closure)
    dims = sorted(set(reach.dims_for(goals)) | set(pinned))

    def wanted(ev: Evaluation) -> bool:
        return ev.outcome is not None and ev.outcome.id == outcome_id and not ev.closure_blockers

    for found in reach.search(
        All(goals), dims=dims, fixed=dict(pinned), unanswered=OPTIONAL, accept=wanted
    ):
        answers = dict(found)
        result = evaluate(flow, answers, now=NOW)
        for _ in range(len(list(flow.questions()))):
            if not result.missing:
                break
            for qid in result.missing:
                question = flow.question(qid)
                assert question is not None
                answers[qid] = plain_answer(question)
            result = evaluate(flow, answers, now=NOW)
        if wanted(result) and not result.missing:
            return answers, result
    return None
