"""Plain records the store hands out: what callers (CLI, TUI, summary) see of a case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

NoteKind = Literal["feit", "interpretatie", "bron"]
NOTE_KINDS: tuple[NoteKind, ...] = ("feit", "interpretatie", "bron")

CaseStatus = Literal["open", "monitoring", "closed"]


# Not frozen, but slotted: a frozen dataclass sets each field through object.__setattr__, which
# made building 10,000 of these a quarter of the case list's 100 ms budget. Treat it as read-only.
@dataclass(slots=True)
class CaseSummary:
    """One row of the case list: cheap to open (one sealed blob per case)."""

    id: str
    title: str
    flow_id: str
    status: str
    created_at: datetime
    updated_at: datetime
    next_deadline: datetime | None
    current_step: str | None
    melden: bool | None
    hulp: bool | None
    damaged: bool = False
    # Handed over to a colleague: read-only here (the mark is sealed in the list blob).
    handed_over: bool = False


@dataclass(frozen=True)
class Revision:
    """A correction or withdrawal: when, by whom and why; `text` is a note's text before it."""

    at: datetime
    author_role: str
    reason: str = ""
    text: str = ""


@dataclass(frozen=True)
class EntryFix:
    """An answer change that corrected or withdrew one entry of a ledger list."""

    op: Literal["corrected", "withdrawn"]
    # The entry's place (from 0) in the list as it was before this change.
    entry: int
    reason: str = ""


@dataclass(frozen=True)
class AnswerChange:
    """One entry of an answer's history: the value that was replaced, by whom, when."""

    question_id: str
    value: Any
    previous: Any
    author_role: str
    at: datetime
    # True when this change removed the answer (value is then None).
    cleared: bool = False
    # Set when the change corrected or withdrew one ledger entry (with its reason).
    fix: EntryFix | None = None


@dataclass(frozen=True)
class Note:
    id: str
    kind: NoteKind
    text: str
    step_id: str | None
    author_role: str
    created_at: datetime
    # Interpretations reach the record-system summary only when the user marks them.
    for_record: bool = False
    # Each correction, oldest first, with the text as it was before it: nothing is erased.
    earlier: tuple[Revision, ...] = ()
    # A withdrawn note stays in the case, out of the record, with who withdrew it and why.
    withdrawn: Revision | None = None

    @property
    def corrected(self) -> Revision | None:
        """The latest correction ("gecorrigeerd op ... door ..."), or None."""
        return self.earlier[-1] if self.earlier else None


LifecycleKind = Literal["closed", "reopened", "flow_changed"]


@dataclass(frozen=True)
class LifecycleEvent:
    """A decision about the case itself: closed, reopened or given another protocol."""

    event: LifecycleKind
    at: datetime
    author_role: str
    reason: str = ""
    # For flow_changed: the protocol before and after.
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Action:
    id: str
    text: str
    owner: str
    due: datetime | None
    done_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    case_id: str | None
    event: str
    entry_hash: str


@dataclass(frozen=True)
class DamagedRecord:
    """A record that failed to open: where it is, never what it held."""

    table: str
    row_id: str
    case_id: str | None
    field: str
    reason: str


@dataclass
class Case:
    """Everything the store holds of one case, opened."""

    summary: CaseSummary
    answers: dict[str, Any]
    history: list[AnswerChange]
    notes: list[Note]
    actions: list[Action]
    # Where the user was in the wizard, so reopening resumes there.
    position: str | None = None
    # Closing and reopening, oldest first (sealed with the case's list blob).
    lifecycle: list[LifecycleEvent] = field(default_factory=list)
    damaged: list[DamagedRecord] = field(default_factory=list)
    # When the retention clock started (ISO date, e.g. the day the pupil left), sealed.
    retention_start: str | None = None
    # Handed over to a colleague (to, fingerprint, at, then, arrived): read-only here.
    handed_over: dict[str, Any] | None = None
    # Received from a colleague (from, fingerprint, at, note), sealed.
    received: dict[str, Any] | None = None
