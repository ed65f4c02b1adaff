"""Evaluate answers against a flow: path, current step, open questions, outcome, decisions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from meldcode_tui.flow.model import DeadlineRule, Flow, Outcome, Question, Step

# Step states, as the wizard shows them.
DONE, SKIPPED, CURRENT, PENDING, OFF_PATH = "done", "skipped", "current", "pending", "off_path"


@dataclass(frozen=True)
class Decisions:
    """The two decisions the meldcode always takes; None while undecided."""

    melden: bool | None
    hulp: bool | None

    @property
    def both_taken(self) -> bool:
        return self.melden is not None and self.hulp is not None


@dataclass(frozen=True)
class StepState:
    step: Step
    status: str
    visible: tuple[Question, ...]
    missing: tuple[str, ...]
    skip_reason: Any = None


@dataclass(frozen=True)
class Deadline:
    rule: DeadlineRule
    due: datetime
    overdue: bool


@dataclass(frozen=True)
class Evaluation:
    flow: Flow
    steps: tuple[StepState, ...]
    effective: dict[str, Any]
    off_path: tuple[str, ...]
    outcome: Outcome | None
    decisions: Decisions
    deadlines: tuple[Deadline, ...] = field(default=())

    @property
    def path(self) -> list[str]:
        return [s.step.id for s in self.steps if s.status != OFF_PATH]

    @property
    def missing(self) -> list[str]:
        return [qid for s in self.steps for qid in s.missing]

    @property
    def current_step(self) -> str | None:
        """The first step on the path that still needs an answer; None when nothing is open."""
        return next((s.step.id for s in self.steps if s.status == CURRENT), None)

    @property
    def complete(self) -> bool:
        return not self.missing and self.decisions.both_taken

    @property
    def status(self) -> str:
        """Case status: closed or monitoring only once complete and the outcome says so."""
        if self.complete and self.outcome is not None:
            return self.outcome.status
        return "open"

    @property
    def next_deadline(self) -> datetime | None:
        return min((d.due for d in self.deadlines), default=None)

    def state(self, step_id: str) -> StepState | None:
        return next((s for s in self.steps if s.step.id == step_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "flow": self.flow.id,
            "version": self.flow.version,
            "complete": self.complete,
            "status": self.status,
            "path": self.path,
            "current_step": self.current_step,
            "outcome": self.outcome.id if self.outcome else None,
            "decisions": {"melden": self.decisions.melden, "hulp": self.decisions.hulp},
            "missing": self.missing,
            "off_path": list(self.off_path),
            "steps": [
                {"id": s.step.id, "status": s.status, "skip_reason": s.skip_reason}
                for s in self.steps
            ],
            "meldnormen": list(self.outcome.meldnormen) if self.outcome else [],
            "deadlines": [
                {"id": d.rule.id, "due": d.due.isoformat(), "overdue": d.overdue}
                for d in self.deadlines
            ],
            "next_deadline": self.next_deadline.isoformat() if self.next_deadline else None,
        }


def _as_moment(value: Any) -> datetime | None:
    """A date answer is due at the end of that day (UTC); a datetime answer at that moment."""
    try:
        if isinstance(value, str) and "T" in value:
            moment = datetime.fromisoformat(value)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        if isinstance(value, str):
            day = date.fromisoformat(value)
            return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)
    except ValueError:
        return None
    return None


def _deadlines(flow: Flow, effective: Mapping[str, Any], now: datetime) -> tuple[Deadline, ...]:
    found: list[Deadline] = []
    for rule in flow.deadlines:
        if rule.when and not rule.when.holds(effective):
            continue
        if rule.done_when and rule.done_when.holds(effective):
            continue
        if rule.date and rule.date in effective:
            due = _as_moment(effective[rule.date])
        elif rule.start and rule.start in effective and rule.hours:
            start = _as_moment(effective[rule.start])
            due = start + timedelta(hours=rule.hours) if start else None
        else:
            due = None
        if due is not None:
            found.append(Deadline(rule, due, overdue=now > due))
    return tuple(sorted(found, key=lambda d: d.due))


def evaluate(flow: Flow, answers: Mapping[str, Any], now: datetime | None = None) -> Evaluation:
    """Walk the flow in order; only answers on the path count for later conditions.

    Answers that a later change makes irrelevant are kept by the caller and reported here
    as `off_path`, so the wizard can show them as no longer on the path.
    """
    moment = now or datetime.now(UTC)
    effective: dict[str, Any] = {}
    states: list[StepState] = []
    current_seen = False
    for step in flow.steps:
        if step.when and not step.when.holds(effective):
            states.append(StepState(step, OFF_PATH, (), ()))
            continue
        skipping = bool(step.skip and answers.get(step.skip.question) is True)
        skip_ids = set(step.skip.question_ids) if step.skip else set()
        visible: list[Question] = []
        missing: list[str] = []
        for q in step.questions:
            if step.skip and q.id in skip_ids and q.id != step.skip.question and not skipping:
                continue
            if skipping and q.id not in skip_ids:
                continue
            if q.when and not q.when.holds(effective):
                continue
            visible.append(q)
            if q.id in answers:
                effective[q.id] = answers[q.id]
            elif q.required or (skipping and q.id in skip_ids):
                missing.append(q.id)
        if missing:
            status = PENDING if current_seen else CURRENT
            current_seen = True
        else:
            status = SKIPPED if skipping else DONE
        reason = answers.get(step.skip.reason) if skipping and step.skip else None
        states.append(StepState(step, status, tuple(visible), tuple(missing), reason))
    off_path = tuple(qid for qid in answers if qid not in effective)
    outcome = next((o for o in flow.outcomes if o.when is None or o.when.holds(effective)), None)
    decisions = Decisions(outcome.melden, outcome.hulp) if outcome else Decisions(None, None)
    return Evaluation(
        flow=flow,
        steps=tuple(states),
        effective=effective,
        off_path=off_path,
        outcome=outcome,
        decisions=decisions,
        deadlines=_deadlines(flow, effective, moment),
    )
