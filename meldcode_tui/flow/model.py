"""The flow model: immutable dataclasses built by the loader from flows/*.toml."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from meldcode_tui.flow.conditions import Condition

# The types a ledger entry's fields may have: every question type but `ledger` itself.
FIELD_TYPES = ("yesno", "choice", "multi", "text", "date", "datetime", "person")
# A `notice` is shown, never answered: a warning that appears when its condition holds.
QUESTION_TYPES = (*FIELD_TYPES, "ledger", "notice")
OUTCOME_STATUSES = ("open", "monitoring", "closed")
LANGS = ("nl", "en")


@dataclass(frozen=True)
class Text:
    """A text in both languages; every flow text must have nl and en."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    file: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Option:
    id: str
    label: Text


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: Text
    help: Text | None = None
    required: bool = True
    options: tuple[Option, ...] = ()
    when: Condition | None = None
    sources: tuple[str, ...] = ()
    # For `ledger` questions: the typed fields of one entry (themselves questions, never ledgers).
    fields: tuple[Question, ...] = ()
    # For the record a parent may read (docs/EXPORT.md): an answer to a question that invites
    # an opinion is an interpretation; one that holds the grounds for not telling the family
    # stays in the full layer.
    invites_opinion: bool = False
    withhold_from_family: bool = False
    # For dates: "past" (something that happened: not after today) or "future" (a date to
    # come, such as a monitoring date: not before today); None: any date.
    date_kind: str | None = None

    @property
    def is_notice(self) -> bool:
        return self.type == "notice"

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def field(self, field_id: str) -> Question | None:
        return next((f for f in self.fields if f.id == field_id), None)


@dataclass(frozen=True)
class Skip:
    """How a step may be skipped: a yes/no question, the reason, and what else must be recorded."""

    question: str
    reason: str
    requires: tuple[str, ...] = ()

    @property
    def question_ids(self) -> tuple[str, ...]:
        return (self.question, self.reason, *self.requires)


@dataclass(frozen=True)
class Step:
    id: str
    title: Text
    guidance: Text
    roles: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    when: Condition | None = None
    skip: Skip | None = None
    # Offer Veilig Thuis advice (0800-2000) at this step.
    veilig_thuis: bool = False
    reminder: Text | None = None
    # A route about a suspected member of staff: its answers go to the staff file, never to
    # the pupil's record (docs/EXPORT.md).
    staff_route: bool = False


@dataclass(frozen=True)
class Meldnorm:
    id: str
    text: Text
    # With a condition the norm applies, beside the outcome's own list, whenever the outcome
    # decides to report and the condition holds (e.g. "new signals: report, even with help").
    when: Condition | None = None


RETENTION_STARTS = ("pupil_left", "case_closed")


@dataclass(frozen=True)
class Retention:
    """How long a case's records are kept, and from when (meldcode_tui/retention.py)."""

    years: int
    start: str  # one of RETENTION_STARTS
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    id: str
    title: Text
    text: Text
    when: Condition | None = None
    melden: bool | None = None
    hulp: bool | None = None
    status: str = "open"
    meldnormen: tuple[str, ...] = ()
    next_steps: tuple[Text, ...] = ()
    # A route within a protocol may mean something else by its decisions (onderwijs: a staff
    # member suspected -> "melden" is the school board's aangifte); overrides the flow's names.
    decision_labels: dict[str, Text] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class DeadlineRule:
    """A time limit: a date answer itself, or hours or working days after a moment answered."""

    id: str
    label: Text
    date: str | None = None
    start: str | None = None
    hours: int | None = None
    when: Condition | None = None
    done_when: Condition | None = None
    overdue: Text | None = None
    # Or a number of working days (Monday to Friday) after `start`, e.g. Veilig Thuis's
    # safety assessment within five working days of a report.
    working_days: int | None = None
    # A question that becomes required once the limit has passed (e.g. when the escalation
    # happened), and a date/datetime question saying when the limit was met, so a limit met
    # late still requires the escalation to be recorded.
    escalate: str | None = None
    done_at: str | None = None


@dataclass(frozen=True)
class ClosureRule:
    """A condition that must hold before a case may be closed, with the message when it does not."""

    id: str
    when: Condition
    message: Text


@dataclass(frozen=True)
class Flow:
    id: str
    version: str
    title: Text
    description: Text
    sources: tuple[Source, ...]
    roles: dict[str, Text]
    steps: tuple[Step, ...]
    outcomes: tuple[Outcome, ...] = ()
    meldnormen: tuple[Meldnorm, ...] = ()
    deadlines: tuple[DeadlineRule, ...] = ()
    closure: tuple[ClosureRule, ...] = ()
    # What the two decisions mean in this protocol, when it is not the meldcode's own wording
    # (e.g. the Flemish API: "police or another authority contacted"); keys "melden", "hulp".
    decision_labels: dict[str, Text] = field(default_factory=dict, compare=False)
    retention: Retention | None = None
    path: Path | None = None
    _questions: dict[str, tuple[Step, Question]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for step in self.steps:
            for question in step.questions:
                self._questions[question.id] = (step, question)

    def decision_label(self, key: str, lang: str) -> str | None:
        """The flow's own name for decision `key` ("melden" or "hulp"), or None for the default."""
        label = self.decision_labels.get(key)
        return label.get(lang) if label else None

    def questions(self) -> Iterator[Question]:
        for step in self.steps:
            yield from step.questions

    def question(self, question_id: str) -> Question | None:
        found = self._questions.get(question_id)
        return found[1] if found else None

    def step_of(self, question_id: str) -> Step | None:
        found = self._questions.get(question_id)
        return found[0] if found else None

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def meldnorm(self, meldnorm_id: str) -> Meldnorm | None:
        return next((m for m in self.meldnormen if m.id == meldnorm_id), None)

    def outcome(self, outcome_id: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.id == outcome_id), None)
