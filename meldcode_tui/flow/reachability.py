"""The flow check's questions about paths: what can never be shown, chosen or met.

Every answer is found by a search over the flow's own answers (flow/reach.py), so the check
holds for any flow, not only for the shipped ones.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from meldcode_tui.flow.conditions import All, Condition, Not
from meldcode_tui.flow.engine import OFF_PATH, Evaluation, evaluate
from meldcode_tui.flow.model import ClosureRule, Flow, Outcome, Step
from meldcode_tui.flow.problems import Collector
from meldcode_tui.flow.reach import NEVER, Reach, SearchLimit

# Time limits never change a path; one fixed moment keeps the check independent of the clock.
_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)


def _both(a: Condition | None, b: Condition | None) -> All:
    return All(tuple(c for c in (a, b) if c is not None))


def render_answers(answers: dict[str, Any]) -> str:
    """Answers as a flow editor writes them in an answers file: `id = value`, in order."""
    parts = []
    for qid, value in answers.items():
        if isinstance(value, bool):
            shown = "true" if value else "false"
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            shown = "[" + ", ".join(f'"{v}"' for v in value) + "]"
        else:
            shown = f'"{value}"' if isinstance(value, str) else "..."
        parts.append(f"{qid} = {shown}")
    return ", ".join(parts) or "-"


def _on_path(step: Step) -> Callable[[Evaluation], bool]:
    return lambda ev: any(s.step.id == step.id and s.status != OFF_PATH for s in ev.steps)


def _shown(question_id: str) -> Callable[[Evaluation], bool]:
    return lambda ev: any(q.id == question_id for s in ev.steps for q in s.visible)


def _chosen(outcome: Outcome) -> Callable[[Evaluation], bool]:
    return lambda ev: ev.outcome is not None and ev.outcome.id == outcome.id


def _met(rule: ClosureRule) -> Callable[[Evaluation], bool]:
    return lambda ev: all(r.id != rule.id for r in ev.closure_blockers)


class _Paths:
    def __init__(self, flow: Flow, c: Collector) -> None:
        self.flow = flow
        self.c = c
        self.reach = Reach(flow)
        self.shown: set[str] = set()
        # Most questions of a step share one condition for being shown: search each once.
        self.witnesses: dict[str, Evaluation | None] = {}

    def _reached(self, goal: Condition, accept: Callable[[Evaluation], bool]) -> bool:
        key = repr(goal)
        if key not in self.witnesses:
            found = self.reach.witness(goal)
            self.witnesses[key] = None if found is None else evaluate(self.flow, found, now=_MOMENT)
        result = self.witnesses[key]
        if result is None:
            return False  # no answers meet the goal at all, so none the engine accepts either
        if accept(result):
            return True
        return self.reach.can_hold(goal, accept=accept)

    def run(self) -> None:
        self.steps_and_questions()
        self.outcomes()
        self.closure()

    def steps_and_questions(self) -> None:
        for step in self.flow.steps:
            if not self._reached(self.reach.step_visible(step), _on_path(step)):
                self.c.add("unreachable_step", step=step.id)
                continue
            for q in step.questions:
                if self._reached(self.reach.visible(q.id), _shown(q.id)):
                    self.shown.add(q.id)
                else:
                    self.c.add("unreachable_question", step=step.id, question=q.id)

    def _outcome_problem(self, i: int, outcome: Outcome) -> None:
        earlier = self.flow.outcomes[:i]
        fallback = next((o for o in earlier if o.when is None), None)
        if fallback is not None:
            self.c.add("reach.after_fallback", outcome=outcome.id, fallback=fallback.id)
            return
        if not self.reach.can_hold(_both(outcome.when, None)):
            self.c.add("unreachable_outcome", outcome=outcome.id)
            return
        # Its own condition can hold, so outcomes above it take every such case: name them.
        takers = [o.id for o in earlier if self.reach.can_hold(_both(outcome.when, o.when))]
        self.c.add("reach.shadowed", outcome=outcome.id, by=", ".join(takers))

    def outcomes(self) -> None:
        outcomes = self.flow.outcomes
        for i, outcome in enumerate(outcomes):
            # The first outcome whose condition holds is the outcome (engine.evaluate).
            parts = [Not(o.when) for o in outcomes[:i] if o.when is not None]
            goal = All((*_both(outcome.when, None).parts, *parts))
            if any(o.when is None for o in outcomes[:i]) or not self.reach.can_hold(
                goal, accept=_chosen(outcome)
            ):
                self._outcome_problem(i, outcome)

    def closure(self) -> None:
        for rule in self.flow.closure:
            refs = sorted({r.question for r in rule.when.references()})
            if refs and not any(q in self.shown for q in refs):
                self.c.add("reach.closure_off_path", rule=rule.id, refs=", ".join(refs))
                continue
            if not self.reach.can_hold(rule.when, accept=_met(rule)):
                self.c.add("closure.unreachable", rule=rule.id)
                continue
            # A path on which every question the rule reads is off the path, and the rule
            # does not hold: with everything on it answered, nothing left could lift the rule,
            # so a case that took that path could never be closed.
            stuck = self.reach.witness(
                All((*(Not(self.reach.visible(q)) for q in refs), Not(rule.when))),
                accept=lambda ev, rule=rule: not _met(rule)(ev),
                unanswered=NEVER,
            )
            if stuck is not None:
                self.c.add(
                    "reach.closure_blocks_path",
                    rule=rule.id,
                    refs=", ".join(refs),
                    answers=render_answers(stuck),
                )


def check_paths(flow: Flow, c: Collector) -> None:
    """Add a problem for every step, question, outcome and closure rule no path can meet."""
    try:
        _Paths(flow, c).run()
    except SearchLimit as exc:
        c.add("reach.too_complex", budget=exc.budget)
