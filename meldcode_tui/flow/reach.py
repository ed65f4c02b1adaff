"""Which answers a flow can ever be in: a search over the answers its conditions read.

The flow check and the decision table ask questions such as "can outcome X ever be chosen?"
or "can question Y ever be shown?". Answering them by hand-written rules per flow would miss
what a flow editor did not foresee, so this module searches the answers themselves: it walks
the questions in reading order, gives each question that a condition reads every value that
can make a difference (plus "not answered"), and only where the question is on the path. A
goal is a condition on those answers; three-valued evaluation (true, false, not yet known)
cuts off every branch where the goal can no longer hold. A witness found this way is checked
with the real engine before it counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from meldcode_tui.flow.conditions import All, AnyOf, Compare, Condition, Not
from meldcode_tui.flow.engine import Evaluation, evaluate
from meldcode_tui.flow.model import Flow, Question, Step
from meldcode_tui.flow.ticks import TickGroup, group_ticks

# Branches explored per search before the check gives up with a clear message.
DEFAULT_BUDGET = 200_000

# Time limits never change the path or the outcome; one fixed moment keeps the check pure.
_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)

TRUE = All(())  # a condition that always holds: the goal of "any path at all"

# Placeholder answers for questions whose exact value no condition compares with.
_PLACEHOLDER: dict[str, Any] = {
    "text": "x",
    "person": "x",
    "date": "2000-01-01",
    "datetime": "2000-01-01T00:00+00:00",
}


def _entry(ledger: Question) -> dict[str, Any]:
    """One ledger entry the answers parser accepts: each required field with a placeholder."""
    entry: dict[str, Any] = {}
    for fld in ledger.fields:
        if not fld.required:
            continue
        if fld.type == "yesno":
            entry[fld.id] = False
        elif fld.type == "choice":
            entry[fld.id] = fld.options[0].id if fld.options else "x"
        elif fld.type == "multi":
            entry[fld.id] = []
        else:
            entry[fld.id] = _PLACEHOLDER.get(fld.type, "x")
    return entry


# Which questions on the path a search may leave unanswered: any (a case in progress), only
# the optional ones (a complete case), or none (nothing left that could still change it).
ANY, OPTIONAL, NEVER = "any", "optional", "never"


def _may_be_unanswered(question: Question, unanswered: str) -> bool:
    return unanswered == ANY or (unanswered == OPTIONAL and not question.required)


class SearchLimit(Exception):
    """The search would need more than its budget of branches: the flow is too complex."""

    def __init__(self, budget: int) -> None:
        super().__init__(str(budget))
        self.budget = budget


# Tests on one answer alone; any other comparison (flows10's `after`, `not_before`) compares an
# answer with another question's answer, named by its value.
_SIMPLE_OPS = ("equals", "in", "contains", "answered")


def _refs(cond: Condition | None) -> Iterator[Compare]:
    if cond is not None:
        yield from cond.references()


class _State:
    """The answers decided so far; `effective` holds only answers on the path."""

    def __init__(self) -> None:
        self.decided: set[str] = set()
        self.effective: dict[str, Any] = {}
        # Multi questions being decided option by option: option -> ticked.
        self.ticks: dict[str, dict[str, bool]] = {}
        self.open_multi: set[str] = set()


class Reach:
    """Reachability questions about one flow (see the module docstring)."""

    def __init__(self, flow: Flow, budget: int | None = None) -> None:
        self.flow = flow
        self.budget = budget or DEFAULT_BUDGET
        self.branches = 0
        self.order: dict[str, int] = {}
        for step in flow.steps:
            ids = [q.id for q in step.questions]
            if step.skip and step.skip.question in ids:
                # The skip toggle decides which other questions of its step are shown.
                ids.remove(step.skip.question)
                ids.insert(0, step.skip.question)
            for qid in ids:
                self.order.setdefault(qid, len(self.order))
        self.compared: dict[str, list[Compare]] = {}
        # Questions one condition compares with another question's answer (dates in order).
        self.ordered: set[str] = set()
        for cond in self._all_conditions():
            for ref in _refs(cond):
                self.compared.setdefault(ref.question, []).append(ref)
                if ref.op not in _SIMPLE_OPS:
                    self.ordered.add(ref.question)
                    if isinstance(ref.value, str) and flow.question(ref.value) is not None:
                        self.ordered.add(ref.value)
        self._visible: dict[str, Condition] = {}
        self._groups: dict[str, list[TickGroup]] = {}

    def _all_conditions(self) -> Iterator[Condition | None]:
        f = self.flow
        for step in f.steps:
            yield step.when
            for q in step.questions:
                yield q.when
        yield from (o.when for o in f.outcomes)
        yield from (r.when for r in f.closure)
        yield from (m.when for m in f.meldnormen)
        for d in f.deadlines:
            yield d.when
            yield d.done_when

    # -- what it takes for a question to be on the path ------------------------------------

    def visible(self, question_id: str) -> Condition:
        """A condition on the answers that holds exactly when the question is shown."""
        if question_id in self._visible:
            return self._visible[question_id]
        step = self.flow.step_of(question_id)
        question = self.flow.question(question_id)
        parts: list[Condition] = []
        if step is not None and question is not None:
            parts += self.step_visible(step).parts
            if step.skip and question_id != step.skip.question:
                skipping = Compare(step.skip.question, "equals", True)
                if question_id in step.skip.question_ids:
                    parts.append(skipping)
                elif question.type != "notice":
                    # A notice (a warning, never answered) still shows in a skipped step.
                    parts.append(Not(skipping))
            if question.when is not None:
                parts.append(question.when)
        built = All(tuple(parts))
        self._visible[question_id] = built
        return built

    def step_visible(self, step: Step) -> All:
        return All((step.when,)) if step.when is not None else All(())

    def dims_for(self, goals: Iterable[Condition]) -> list[str]:
        """The questions a goal depends on: those it reads, and what decides whether they show."""
        wanted: set[str] = set()
        todo = [ref.question for goal in goals for ref in _refs(goal)]
        while todo:
            qid = todo.pop()
            if qid in wanted or qid not in self.order:
                continue
            wanted.add(qid)
            todo += [ref.question for ref in _refs(self.visible(qid))]
        return sorted(wanted, key=self.order.__getitem__)

    # -- the values worth trying --------------------------------------------------------------

    def _literals(self, question: Question) -> list[Any]:
        """The values conditions compare this question's answer with (`equals`, `in`)."""
        literals: list[Any] = []
        for ref in self.compared.get(question.id, []):
            if ref.op == "equals":
                literals.append(ref.value)
            elif ref.op == "in" and isinstance(ref.value, list):
                literals += ref.value
        return literals

    def named_values(self, question: Question) -> list[Any]:
        """The values some condition compares this question's answer with."""
        return self._literals(question)

    def named_options(self, question: Question) -> list[str]:
        """The options of a choice question that some condition names."""
        literals = self._literals(question)
        return [o.id for o in question.options if o.id in literals]

    def _domain(self, question: Question, unanswered: str) -> list[Any]:
        """Answers that differ for some condition; `None` stands for "not answered"."""
        literals = self._literals(question)
        values: list[Any] = []
        if question.type == "notice":
            return [None]  # shown, never answered
        if question.id in self.ordered:
            # Compared with other dates: as many distinct days as there are such questions
            # gives every order between them (earlier, same day, later).
            days = [f"2000-01-{d:02d}" for d in range(1, max(len(self.ordered), 2) + 1)]
            values += days if question.type == "date" else [f"{d}T12:00+00:00" for d in days]
        elif question.type == "yesno":
            values += [True, False]
        elif question.type == "choice":
            # Options no condition names all act alike: one of them stands for the rest.
            values += [o.id for o in question.options if o.id in literals]
            values += [o.id for o in question.options if o.id not in literals][:1]
        else:
            placeholder = (
                [_entry(question)]
                if question.type == "ledger"
                else _PLACEHOLDER.get(question.type, "x")
            )
            values += dict.fromkeys(v for v in literals if isinstance(v, str))
            if placeholder not in values:
                values.append(placeholder)
        if _may_be_unanswered(question, unanswered):
            values.append(None)
        return values

    def ticks(self, question: Question) -> list[str]:
        """The options of a multi question that some condition tests with `contains`."""
        tested = {r.value for r in self.compared.get(question.id, []) if r.op == "contains"}
        return [o.id for o in question.options if o.id in tested]

    def tick_groups(self, question: Question) -> list[TickGroup]:
        """The tested options of a checklist, grouped where only "any" or "all" of them counts.

        Options that are tested only side by side in the same `any` conditions make the same
        difference whether one or several are ticked, so one of them stands for the group (and
        likewise for `all`). A long checklist of referrals then costs a few branches, not 2^n.
        """
        if question.id not in self._groups:
            self._groups[question.id] = group_ticks(
                question.id, self.ticks(question), self._all_conditions()
            )
        return self._groups[question.id]

    # -- three-valued evaluation on partly decided answers ------------------------------------

    def _tri(self, cond: Condition, s: _State) -> bool | None:
        if isinstance(cond, Compare) and cond.op not in _SIMPLE_OPS:
            # A comparison of two answers (e.g. two dates): known once both are decided.
            if all(r.question in s.decided and r.question not in s.open_multi for r in _refs(cond)):
                return cond.holds(s.effective)
            return None
        if isinstance(cond, Compare):
            if cond.question not in s.decided:
                return None
            if cond.question in s.open_multi:
                if cond.op == "answered":
                    return bool(cond.value)
                if cond.op == "contains" and cond.value in s.ticks[cond.question]:
                    return s.ticks[cond.question][cond.value]
                return None
            return cond.holds(s.effective)
        if isinstance(cond, All | AnyOf):
            seen = [self._tri(p, s) for p in cond.parts]
            decisive = isinstance(cond, AnyOf)
            if decisive in seen:
                return decisive
            return None if None in seen else not decisive
        if isinstance(cond, Not):
            inner = self._tri(cond.part, s)
            return None if inner is None else not inner
        # A condition kind this search does not know: evaluate it once everything it reads is in.
        if all(r.question in s.decided and r.question not in s.open_multi for r in _refs(cond)):
            return cond.holds(s.effective)
        return None

    # -- the search ----------------------------------------------------------------------------

    def search(
        self,
        goal: Condition,
        dims: Iterable[str] | None = None,
        *,
        unanswered: str = ANY,
        fixed: Mapping[str, Any] | None = None,
        accept: Callable[[Evaluation], bool] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Answers (on the path only) under which `goal` holds, one per distinct branch.

        `dims` are the questions to vary (default: what the goal depends on); `unanswered` says
        which questions on the path may stay open (ANY, OPTIONAL or NEVER); `fixed` pins answers
        (None: unanswered); `accept` tests the engine's evaluation of each witness.
        """
        if dims is None:
            names = self.dims_for([goal])
        else:
            names = sorted((d for d in set(dims) if d in self.order), key=self.order.__getitem__)
        return _Search(self, goal, names, unanswered, dict(fixed or {}), accept).walk(0)

    # -- questions asked by the flow check and the table --------------------------------------

    def witness(self, goal: Condition, **kwargs: Any) -> dict[str, Any] | None:
        return next(self.search(goal, **kwargs), None)

    def can_hold(self, goal: Condition, **kwargs: Any) -> bool:
        return self.witness(goal, **kwargs) is not None


class _Search:
    """One depth-first search; a branch ends as soon as the goal can no longer hold."""

    def __init__(
        self,
        reach: Reach,
        goal: Condition,
        names: list[str],
        unanswered: str,
        pinned: dict[str, Any],
        accept: Callable[[Evaluation], bool] | None,
    ) -> None:
        self.reach = reach
        self.goal = goal
        self.names = names
        self.unanswered = unanswered
        self.pinned = pinned
        self.accept = accept
        self.state = _State()

    def _alive(self) -> bool:
        self.reach.branches += 1
        if self.reach.branches > self.reach.budget:
            raise SearchLimit(self.reach.budget)
        return self.reach._tri(self.goal, self.state) is not False

    def _leaf(self) -> Iterator[dict[str, Any]]:
        answers = dict(self.state.effective)
        # The real engine has the last word: the search only proposes.
        result = evaluate(self.reach.flow, answers, now=_MOMENT)
        if self.goal.holds(result.effective) and (self.accept is None or self.accept(result)):
            yield answers

    def walk(self, i: int) -> Iterator[dict[str, Any]]:
        if not self._alive():
            return
        if i == len(self.names):
            yield from self._leaf()
            return
        qid = self.names[i]
        question = self.reach.flow.question(qid)
        assert question is not None
        s = self.state
        s.decided.add(qid)
        if not self.reach._tri(self.reach.visible(qid), s):
            yield from self.walk(i + 1)  # off the path: no answer counts
        elif question.type == "multi" and qid not in self.pinned:
            yield from self._multi(question, i)
        else:
            pinned = qid in self.pinned
            values = [self.pinned[qid]] if pinned else self.reach._domain(question, self.unanswered)
            for value in values:
                if value is not None:
                    s.effective[qid] = value
                yield from self.walk(i + 1)
                s.effective.pop(qid, None)
        s.decided.discard(qid)

    def _multi(self, question: Question, i: int) -> Iterator[dict[str, Any]]:
        """A checklist: not answered, or each option a condition tests ticked or not."""
        qid, s = question.id, self.state
        if _may_be_unanswered(question, self.unanswered):
            yield from self.walk(i + 1)
        options = self.reach.ticks(question)
        groups = self.reach.tick_groups(question)
        ticks: dict[str, bool] = {}
        s.ticks[qid] = ticks
        s.open_multi.add(qid)

        def tick(k: int) -> Iterator[dict[str, Any]]:
            if k == len(groups):
                s.open_multi.discard(qid)
                s.effective[qid] = [o for o in options if ticks[o]]
                yield from self.walk(i + 1)
                s.effective.pop(qid, None)
                s.open_multi.add(qid)
                return
            group = groups[k]
            for ticked in (True, False):
                ticks.update(group.ticked() if ticked else dict.fromkeys(group.options, False))
                if self._alive():
                    yield from tick(k + 1)
                for option in group.options:
                    del ticks[option]

        yield from tick(0)
        s.open_multi.discard(qid)
        del s.ticks[qid]
