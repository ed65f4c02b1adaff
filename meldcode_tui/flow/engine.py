"""Evaluate answers against a flow: path, current step, open questions, outcome, decisions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from meldcode_tui.dates import end_of_day, parse_date, parse_moment
from meldcode_tui.flow import clock
from meldcode_tui.flow.model import ClosureRule, DeadlineRule, Flow, Outcome, Question, Step

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

    def to_json(self) -> dict[str, bool | None]:
        return {"melden": self.melden, "hulp": self.hulp}


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
    # Closure rules of the flow that do not hold yet: the case may not be closed.
    closure_blockers: tuple[ClosureRule, ...] = field(default=())
    # Questions made required because a time limit passed (see DeadlineRule.escalate).
    escalated: tuple[str, ...] = field(default=())

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
    def undecided(self) -> tuple[str, ...]:
        """The decisions ("melden", "hulp") the outcome leaves open."""
        pairs = (("melden", self.decisions.melden), ("hulp", self.decisions.hulp))
        return tuple(key for key, value in pairs if value is None)

    @property
    def can_close(self) -> bool:
        """Every closure rule holds, no required question on the path is open, and the outcome
        takes both decisions.

        An outcome that leaves melden or hulp open (consult the reporter first, an action plan
        still to make) is a step on the way, never an end: closing there would file a case whose
        decisions nobody took. A flow's "no suspicion" outcome sets both decisions to no.
        """
        return not self.closure_blockers and not self.missing and not self.undecided

    @property
    def status(self) -> str:
        """Case status: closed or monitoring only once complete and the outcome says so."""
        if self.complete and self.outcome is not None:
            if self.outcome.status == "closed" and self.closure_blockers:
                return "open"
            if self.outcome.status == "closed" and self.deadlines:
                # A planned follow-up or evaluation is still to come: not closed yet.
                return "monitoring"
            return self.outcome.status
        return "open"

    def decision_label(self, key: str, lang: str) -> str | None:
        """What decision `key` means here: the outcome's own name, else the flow's, else None."""
        if self.outcome is not None and key in self.outcome.decision_labels:
            return self.outcome.decision_labels[key].get(lang)
        return self.flow.decision_label(key, lang)

    @property
    def meldnormen(self) -> list[str]:
        """The outcome's reporting standards, then those whose own condition holds."""
        if self.outcome is None:
            return []
        ids = list(self.outcome.meldnormen)
        if self.outcome.melden is True:
            ids += [
                m.id
                for m in self.flow.meldnormen
                if m.when is not None and m.when.holds(self.effective) and m.id not in ids
            ]
        return ids

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
            "decisions": self.decisions.to_json(),
            "missing": self.missing,
            "off_path": list(self.off_path),
            "steps": [
                {"id": s.step.id, "status": s.status, "skip_reason": s.skip_reason}
                for s in self.steps
            ],
            "meldnormen": self.meldnormen,
            "deadlines": [
                {
                    "id": d.rule.id,
                    "due": d.due.isoformat(),
                    "overdue": d.overdue,
                    "escalate": d.rule.escalate,
                }
                for d in self.deadlines
            ],
            "next_deadline": self.next_deadline.isoformat() if self.next_deadline else None,
            "escalated": list(self.escalated),
            "closure": {
                "can_close": self.can_close,
                "blockers": [rule.id for rule in self.closure_blockers],
                "undecided": list(self.undecided),
            },
        }


def _as_moment(value: Any) -> datetime | None:
    """A date answer is due at the end of that day (UTC); a datetime answer at that moment."""
    try:
        if isinstance(value, str) and "T" in value:
            return parse_moment(value)
        if isinstance(value, str):
            return end_of_day(parse_date(value))
    except ValueError:
        return None
    return None


def add_working_days(moment: datetime, days: int) -> datetime:
    """`days` working days (Monday to Friday) after `moment`, at the same time of day.

    Public holidays are not known here and count as working days: a limit around a holiday
    falls early, never late.
    """
    current = moment
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def _due(rule: DeadlineRule, effective: Mapping[str, Any]) -> datetime | None:
    if rule.date and rule.date in effective:
        return _as_moment(effective[rule.date])
    if rule.start and rule.start in effective and (rule.hours or rule.working_days):
        start = _as_moment(effective[rule.start])
        if start is None:
            return None
        if rule.working_days:
            return add_working_days(start, rule.working_days)
        return start + timedelta(hours=rule.hours or 0)
    return None


def _deadlines(
    flow: Flow, effective: Mapping[str, Any], now: datetime
) -> tuple[tuple[Deadline, ...], tuple[str, ...]]:
    """The active time limits, earliest first, and the questions their passing made required."""
    found: list[Deadline] = []
    escalated: list[str] = []
    for rule in flow.deadlines:
        if rule.when and not rule.when.holds(effective):
            continue
        due = _due(rule, effective)
        if rule.done_when and rule.done_when.holds(effective):
            # Met, but after the limit: the escalation that was due must still be on record.
            met = _as_moment(effective.get(rule.done_at)) if rule.done_at else None
            if rule.escalate and due is not None and met is not None and met > due:
                escalated.append(rule.escalate)
            continue
        if due is not None:
            found.append(Deadline(rule, due, overdue=now > due))
            if rule.escalate and now > due:
                escalated.append(rule.escalate)
    return tuple(sorted(found, key=lambda d: d.due)), tuple(dict.fromkeys(escalated))


def _step_statuses(states: list[StepState]) -> list[StepState]:
    """The first step on the path with an open question is current; later ones are pending."""
    out: list[StepState] = []
    current_seen = False
    for s in states:
        if s.status == OFF_PATH:
            out.append(s)
            continue
        if s.missing:
            status = PENDING if current_seen else CURRENT
            current_seen = True
        else:
            status = SKIPPED if s.status == SKIPPED else DONE
        out.append(StepState(s.step, status, s.visible, s.missing, s.skip_reason))
    return out


def evaluate(flow: Flow, answers: Mapping[str, Any], now: datetime | None = None) -> Evaluation:
    """Walk the flow in order; only answers on the path count for later conditions.

    Answers that a later change makes irrelevant are kept by the caller and reported here
    as `off_path`, so the wizard can show them as no longer on the path.
    """
    moment = now or clock.now()
    effective: dict[str, Any] = {}
    states: list[StepState] = []
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
            # A warning still applies when the step is skipped (e.g. "do not tell the family").
            if skipping and q.id not in skip_ids and not q.is_notice:
                continue
            if q.when and not q.when.holds(effective):
                continue
            visible.append(q)
            if q.is_notice:
                continue
            if q.id in answers:
                effective[q.id] = answers[q.id]
            elif q.required or (skipping and q.id in skip_ids):
                missing.append(q.id)
        # The final status is set below, once escalations may have added open questions.
        reason = answers.get(step.skip.reason) if skipping and step.skip else None
        status = SKIPPED if skipping else DONE
        states.append(StepState(step, status, tuple(visible), tuple(missing), reason))
    deadlines, escalated = _deadlines(flow, effective, moment)
    if escalated:
        states = [
            StepState(
                s.step,
                s.status,
                s.visible,
                s.missing
                + tuple(
                    q.id
                    for q in s.visible
                    if q.id in escalated and q.id not in effective and q.id not in s.missing
                ),
                s.skip_reason,
            )
            for s in states
        ]
    states = _step_statuses(states)
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
        deadlines=deadlines,
        closure_blockers=tuple(r for r in flow.closure if not r.when.holds(effective)),
        escalated=escalated,
    )
