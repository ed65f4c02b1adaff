"""Checks across a whole flow: ids, references, order of conditions, cycles, reachability."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from meldcode_tui.flow.conditions import DATE_OPS, Condition
from meldcode_tui.flow.model import Flow, Question
from meldcode_tui.flow.problems import Collector
from meldcode_tui.flow.reachability import check_paths


def _duplicates(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for i in ids:
        if i in seen and i not in dups:
            dups.append(i)
        seen.add(i)
    return dups


def _value_possible(question: Question, op: str, value: Any) -> bool:
    """Whether `op value` can ever hold for an answer to `question`."""
    if question.type == "notice":
        # A notice is shown, never answered: no condition can test it.
        return False
    if op == "answered":
        return True
    if op in DATE_OPS:
        return question.type in ("date", "datetime")
    values = value if op == "in" else [value]
    if question.type == "ledger":
        # A list of entries: only whether it is answered can be tested.
        return False
    if question.type == "yesno":
        return op != "contains" and any(isinstance(v, bool) for v in values)
    if question.type == "choice":
        return op != "contains" and any(question.option(v) for v in values if isinstance(v, str))
    if question.type == "multi":
        return op == "contains" and isinstance(value, str) and question.option(value) is not None
    return op != "contains" and any(isinstance(v, str) for v in values)


class _FlowChecker:
    def __init__(self, flow: Flow, c: Collector, *, search_paths: bool = True) -> None:
        self.flow = flow
        self.c = c
        self.search_paths = search_paths
        # Position of every question in reading order: (step index, question index).
        self.position: dict[str, tuple[int, int]] = {}
        for si, step in enumerate(flow.steps):
            for qi, question in enumerate(step.questions):
                self.position.setdefault(question.id, (si, qi))
        self.in_cycle: set[str] = set()

    def run(self) -> None:
        self.check_ids()
        self.check_references()
        self.check_cycles()
        self.check_order()
        self.check_skips()
        self.check_reachability()

    def check_ids(self) -> None:
        f, c = self.flow, self.c
        for dup in _duplicates(s.id for s in f.steps):
            c.add("duplicate_step", step=dup)
        for dup in _duplicates(q.id for q in f.questions()):
            step = f.step_of(dup)
            c.add("duplicate_question", step=step.id if step else None, question=dup)
        for dup in _duplicates(o.id for o in f.outcomes):
            c.add("duplicate_id", kind="outcome", value=dup)
        for dup in _duplicates(m.id for m in f.meldnormen):
            c.add("duplicate_id", kind="meldnorm", value=dup)
        for dup in _duplicates(s.id for s in f.sources):
            c.add("duplicate_id", kind="source", value=dup)
        for dup in _duplicates(d.id for d in f.deadlines):
            c.add("duplicate_id", kind="deadline", value=dup)
        for dup in _duplicates(r.id for r in f.closure):
            c.add("duplicate_id", kind="closure", value=dup)

    def _condition_refs(
        self, cond: Condition | None, *, step: str | None, question: str | None = None
    ) -> None:
        if cond is None:
            return
        for ref in cond.references():
            target = self.flow.question(ref.question)
            if target is None:
                self.c.add("unknown_question_ref", step=step, question=question, ref=ref.question)
            elif not _value_possible(target, ref.op, ref.value):
                self.c.add(
                    "impossible_value",
                    step=step,
                    question=question,
                    ref=ref.question,
                    op=ref.op,
                    value=repr(ref.value),
                    type=target.type,
                )
            if ref.op in DATE_OPS:
                other = self.flow.question(str(ref.value))
                if other is not None and other.type not in ("date", "datetime"):
                    self.c.add(
                        "impossible_value",
                        step=step,
                        question=question,
                        ref=ref.value,
                        op=ref.op,
                        value=repr(ref.question),
                        type=other.type,
                    )

    def check_references(self) -> None:
        f, c = self.flow, self.c
        source_ids = {s.id for s in f.sources}
        for step in f.steps:
            for role in step.roles:
                if role not in f.roles:
                    c.add("unknown_role", step=step.id, role=role)
            for src in step.sources:
                if src not in source_ids:
                    c.add("unknown_source", step=step.id, source=src)
            self._condition_refs(step.when, step=step.id)
            for q in step.questions:
                for src in q.sources:
                    if src not in source_ids:
                        c.add("unknown_source", step=step.id, question=q.id, source=src)
                self._condition_refs(q.when, step=step.id, question=q.id)
        for outcome in f.outcomes:
            self._condition_refs(outcome.when, step=None, question=None)
            for norm in outcome.meldnormen:
                if f.meldnorm(norm) is None:
                    c.add("unknown_meldnorm", outcome=outcome.id, meldnorm=norm)
        for rule in f.deadlines:
            self._condition_refs(rule.when, step=None)
            self._condition_refs(rule.done_when, step=None)
            ref = rule.date or rule.start
            target = f.question(ref) if ref else None
            wanted = ("date",) if rule.date else ("date", "datetime")
            if target is None or target.type not in wanted:
                c.add(
                    "deadline_needs_date", deadline=rule.id, ref=ref or "?", types="/".join(wanted)
                )
            if rule.escalate and f.question(rule.escalate) is None:
                c.add("deadline.escalate_unknown", deadline=rule.id, ref=rule.escalate)
            if rule.done_at:
                done_at = f.question(rule.done_at)
                if done_at is None or done_at.type not in ("date", "datetime"):
                    c.add(
                        "deadline_needs_date",
                        deadline=rule.id,
                        ref=rule.done_at,
                        types="date/datetime",
                    )
        for closure in f.closure:
            self._condition_refs(closure.when, step=None)
        for meldnorm in f.meldnormen:
            self._condition_refs(meldnorm.when, step=None)

    def _edges(self) -> dict[str, list[str]]:
        """Dependency graph: a node depends on the questions its condition reads."""
        edges: dict[str, list[str]] = {}
        for step in self.flow.steps:
            node = f"step:{step.id}"
            edges[node] = [r.question for r in step.when.references()] if step.when else []
            for q in step.questions:
                deps = [node]
                if q.when:
                    deps += [r.question for r in q.when.references()]
                edges.setdefault(q.id, deps)
        return edges

    def check_cycles(self) -> None:
        edges = self._edges()
        state: dict[str, int] = {}  # 1 = on the stack, 2 = finished
        reported: set[frozenset[str]] = set()

        def visit(node: str, stack: list[str]) -> None:
            state[node] = 1
            stack.append(node)
            for nxt in edges.get(node, []):
                if nxt not in edges:
                    continue
                if state.get(nxt) == 1:
                    cycle = [*stack[stack.index(nxt) :], nxt]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        self.in_cycle.update(cycle)
                        first_q = next((n for n in cycle if not n.startswith("step:")), None)
                        step = self.flow.step_of(first_q) if first_q else None
                        self.c.add(
                            "cycle",
                            step=step.id if step else cycle[0].removeprefix("step:"),
                            question=first_q,
                            chain=" -> ".join(n.removeprefix("step:") for n in cycle),
                        )
                elif state.get(nxt) is None:
                    visit(nxt, stack)
            stack.pop()
            state[node] = 2

        for node in edges:
            if node not in state:
                visit(node, [])

    def check_order(self) -> None:
        """A condition may only read questions that come before the thing it guards."""
        for si, step in enumerate(self.flow.steps):
            if step.when:
                for ref in step.when.references():
                    pos = self.position.get(ref.question)
                    if pos and pos[0] >= si and ref.question not in self.in_cycle:
                        self.c.add("condition_on_later", step=step.id, ref=ref.question)
            for qi, q in enumerate(step.questions):
                if not q.when:
                    continue
                for ref in q.when.references():
                    pos = self.position.get(ref.question)
                    if pos and pos > (si, qi) and ref.question not in self.in_cycle:
                        self.c.add(
                            "condition_on_later", step=step.id, question=q.id, ref=ref.question
                        )

    def check_skips(self) -> None:
        for step in self.flow.steps:
            if step.skip is None:
                continue
            own = {q.id: q for q in step.questions}
            for qid in step.skip.question_ids:
                if qid not in own:
                    self.c.add("skip_ref_outside_step", step=step.id, ref=qid)
            toggle = own.get(step.skip.question)
            if toggle is not None and toggle.type != "yesno":
                self.c.add("skip_needs_yesno", step=step.id, question=toggle.id)

    def check_reachability(self) -> None:
        # The search assumes conditions read only earlier questions: run it on sound flows only.
        if self.c.problems or not self.search_paths:
            return
        check_paths(self.flow, self.c)


def check_flow(flow: Flow, c: Collector, *, search_paths: bool = True) -> None:
    """Add every cross-reference problem of a structurally sound flow to `c`."""
    _FlowChecker(flow, c, search_paths=search_paths).run()
