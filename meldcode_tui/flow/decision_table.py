"""A flow's decision table: every combination of the answers its outcomes read, and the result.

A reviewer checks a flow against its sources without reading code or TOML: for each way the
deciding questions can be answered on a path (the five questions, a disclosure, a kindcheck,
a route choice: whatever this flow's outcomes and meldnormen read, found from the flow itself),
the table gives the outcome, both decisions, the meldnormen that apply, and whether the case
may then be closed under the flow's closure rules (or what must be recorded first, or that it
never can). Each row is a real answers file: `meldcode flows evaluate` gives the same result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from meldcode_tui.flow.conditions import Not
from meldcode_tui.flow.engine import Evaluation, evaluate
from meldcode_tui.flow.model import ClosureRule, Flow, Outcome, Question
from meldcode_tui.flow.reach import OPTIONAL, TRUE, Reach
from meldcode_tui.flow.ticks import TickGroup

# Time limits never change an outcome; a fixed moment keeps the table the same on every run.
_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)

# May a case with these answers be closed: yes; after more is recorded; not with these answers.
YES, AFTER, NO = "yes", "after", "no"


@dataclass(frozen=True)
class Row:
    """One combination: the deciding questions asked on its path, and what follows."""

    # Every deciding question on this path: its answer, or None for an optional one left open.
    # A deciding question that is not asked on this path is absent.
    answers: dict[str, Any]
    outcome: Outcome | None
    meldnormen: tuple[str, ...]
    # Closure rules by what the other answers (those a rule wants recorded, such as a report
    # date or a kindcheck) can do: `pending` ones hold or not depending on them, so a case
    # with these deciding answers may have to record more first; `refused` ones cannot hold
    # whatever is recorded, while these deciding answers stand. Rules in neither always hold.
    pending: tuple[str, ...]
    refused: tuple[str, ...]

    @property
    def melden(self) -> bool | None:
        return self.outcome.melden if self.outcome else None

    @property
    def hulp(self) -> bool | None:
        return self.outcome.hulp if self.outcome else None

    @property
    def undecided(self) -> tuple[str, ...]:
        """The decisions the outcome leaves open: such a case is never closed (engine.can_close)."""
        pairs = (("melden", self.melden), ("hulp", self.hulp))
        return tuple(key for key, value in pairs if value is None)

    @property
    def may_close(self) -> str:
        if self.refused or self.undecided:
            return NO
        return AFTER if self.pending else YES

    def given(self) -> dict[str, Any]:
        """The answers as an answers file: open questions left out."""
        return {qid: value for qid, value in self.answers.items() if value is not None}


@dataclass(frozen=True)
class DecisionTable:
    flow: Flow
    columns: tuple[Question, ...]
    rows: tuple[Row, ...]
    reach: Reach

    def ticks(self, question: Question) -> list[TickGroup]:
        """A checklist's tested options, grouped where only "any"/"all" of a group counts."""
        return self.reach.tick_groups(question) if question.type == "multi" else []

    def other_options(self, question: Question) -> list[str]:
        """Options of a choice question that no condition names: they all act alike."""
        if question.type != "choice":
            return []
        named = self.reach.named_options(question)
        return [o.id for o in question.options if o.id not in named]


def deciding_questions(flow: Flow, reach: Reach | None = None) -> list[Question]:
    """What the outcomes and meldnormen read, and what decides whether those are asked."""
    reach = reach or Reach(flow)
    goals = [o.when for o in flow.outcomes if o.when is not None]
    goals += [m.when for m in flow.meldnormen if m.when is not None]
    questions = [flow.question(qid) for qid in reach.dims_for(goals)]
    return [q for q in questions if q is not None]


def _met(rule: ClosureRule) -> Callable[[Evaluation], bool]:
    return lambda ev: all(r.id != rule.id for r in ev.closure_blockers)


def decision_table(flow: Flow) -> DecisionTable:
    """Every combination of answers to the deciding questions a complete case can have.

    Required questions on the path are answered; an optional one may also be left open.
    """
    reach = Reach(flow)
    columns = deciding_questions(flow, reach)
    ids = [q.id for q in columns]
    rows: list[Row] = []
    known: dict[tuple[str, str], tuple[bool, bool]] = {}
    rule_dims = {rule.id: reach.dims_for([rule.when]) for rule in flow.closure}

    def may(rule: ClosureRule, answers: dict[str, Any]) -> tuple[bool, bool]:
        """Whether the rule holds for some, and fails for some, recording of the other answers.

        The row's deciding answers stay as they are, an open one included: answering it would
        make another row. Only what the rule depends on matters, so rows share the result.
        """
        dims = rule_dims[rule.id]
        pinned = {d: answers[d] for d in dims if d in answers}
        key = (rule.id, repr(sorted(pinned.items())))
        if key not in known:
            met = _met(rule)
            holds = reach.can_hold(rule.when, dims=dims, fixed=pinned, accept=met)
            fails = reach.can_hold(
                Not(rule.when), dims=dims, fixed=pinned, accept=lambda ev: not met(ev)
            )
            known[key] = (holds, fails)
        return known[key]

    for given in reach.search(TRUE, dims=ids, unanswered=OPTIONAL):
        result = evaluate(flow, given, now=_MOMENT)
        asked = {q.id for s in result.steps for q in s.visible}
        answers = {qid: given.get(qid) for qid in ids if qid in asked}
        pending: list[str] = []
        refused: list[str] = []
        for rule in flow.closure:
            holds, fails = may(rule, answers)
            if not holds:
                refused.append(rule.id)
            elif fails:
                pending.append(rule.id)
        rows.append(
            Row(answers, result.outcome, tuple(result.meldnormen), tuple(pending), tuple(refused))
        )
    return DecisionTable(flow, tuple(columns), tuple(rows), reach)


def table_json(table: DecisionTable, lang: str) -> dict[str, Any]:
    """The table for tooling: every row exactly (no merging), with the texts in `lang`."""
    flow = table.flow
    return {
        "flow": flow.id,
        "version": flow.version,
        "lang": lang,
        "columns": [
            {
                "id": q.id,
                "type": q.type,
                "required": q.required,
                "text": q.text.get(lang),
                # A choice answer that no condition names stands for all of these options.
                "other_options": table.other_options(q),
                # For a checklist: the options some condition tests (the others never count).
                "ticks": [{"options": list(g.options), "all": g.every} for g in table.ticks(q)],
            }
            for q in table.columns
        ],
        "outcomes": [
            {
                "id": o.id,
                "title": o.title.get(lang),
                "status": o.status,
                "decisions": {"melden": o.melden, "hulp": o.hulp},
            }
            for o in flow.outcomes
        ],
        "closure": [{"id": r.id, "message": r.message.get(lang)} for r in flow.closure],
        "rows": [
            {
                "answers": row.answers,
                "outcome": row.outcome.id if row.outcome else None,
                "decisions": {"melden": row.melden, "hulp": row.hulp},
                "meldnormen": list(row.meldnormen),
                "may_close": row.may_close,
                "closure": {
                    "pending": list(row.pending),
                    "refused": list(row.refused),
                    "undecided": list(row.undecided),
                },
            }
            for row in table.rows
        ],
    }
