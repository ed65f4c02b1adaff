"""The decision summary as plain data: what every renderer (txt, md, pdf, json) shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from meldcode_tui.summary.visibility import Withheld

Layer = Literal["record", "full"]
LAYERS: tuple[Layer, ...] = ("record", "full")

# Bumped whenever a field of the JSON export changes meaning or goes away (docs/EXPORT.md).
SCHEMA = "meldcode-summary"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class AnswerItem:
    """One answered question, with the motivation the user gave for it (if the flow asks one)."""

    question_id: str
    question: str
    type: str
    value: Any
    display: str
    answered_by: str | None = None
    answered_at: datetime | None = None
    motivation: str | None = None
    motivation_id: str | None = None
    motivation_by: str | None = None
    # The flow marks the question as inviting an opinion: shown as "interpretation of ROLE".
    interpretation: bool = False
    motivation_interpretation: bool = False
    # The answer holds a ground for not telling the family (full layer only).
    family_ground: bool = False


@dataclass(frozen=True)
class NoteItem:
    id: str
    kind: str
    text: str
    author: str
    created_at: datetime
    step_id: str | None
    for_record: bool
    # The latest correction (full layer): when and by whom.
    corrected_at: datetime | None = None
    corrected_by: str | None = None


@dataclass(frozen=True)
class SkipItem:
    """A step that may be skipped: whether it was, why, and what was recorded with it."""

    skipped: bool
    reason: str | None = None
    reason_label: str | None = None
    details: tuple[AnswerItem, ...] = ()


@dataclass(frozen=True)
class StepItem:
    id: str
    number: int
    title: str
    status: str
    first_at: datetime | None
    last_at: datetime | None
    responsible: tuple[str, ...]
    recorded_by: tuple[str, ...]
    persons: tuple[str, ...]
    signals: tuple[str, ...]
    answers: tuple[AnswerItem, ...]
    facts: tuple[NoteItem, ...]
    interpretations: tuple[NoteItem, ...]
    sources: tuple[NoteItem, ...]
    protocol_sources: tuple[str, ...]
    veilig_thuis: bool = False
    skip: SkipItem | None = None
    staff_route: bool = False


@dataclass(frozen=True)
class DecisionItem:
    key: str  # "melden" or "hulp"
    value: bool | None
    # The protocol's own name for this decision; None means the meldcode's wording.
    label: str | None = None
    motivation: str | None = None
    motivation_by: str | None = None


@dataclass(frozen=True)
class ActionItem:
    id: str
    text: str
    owner: str
    due: datetime | None
    done_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class DeadlineItem:
    id: str
    label: str
    due: datetime
    overdue: bool
    # What the protocol says to do once it is overdue (safeguarding: alert the Support Leads).
    overdue_text: str | None = None


@dataclass(frozen=True)
class AuditItem:
    seq: int
    at: datetime
    event: str
    entry_hash: str


@dataclass(frozen=True)
class AuditTrail:
    count: int
    first: AuditItem | None
    last: AuditItem | None
    # The newest entry of the whole store's chain: it seals every earlier entry.
    chain_head: AuditItem | None


@dataclass(frozen=True)
class CorrectionItem:
    """A correction or withdrawal, with the version it replaced (full layer only)."""

    at: datetime
    kind: str  # corrected | withdrawn
    what: str  # "Notitie (feit)", or the ledger's label
    before: str
    after: str  # empty for a withdrawal
    by: str
    reason: str = ""


@dataclass(frozen=True)
class ChronologyItem:
    """One thing that happened in a case, at the date it happened (casework/chronology.py)."""

    at: datetime
    # event (a date the user gave), ledger, decision, note, created, closed, reopened,
    # flow_changed, corrected, withdrawn
    kind: str
    what: str
    detail: str = ""
    by: str = ""
    # True when only the day is known (a date question), False for a recorded moment.
    day_only: bool = False
    step: str = ""


@dataclass(frozen=True)
class Summary:
    lang: str
    layer: Layer
    pseudonymised: bool
    generated_at: datetime
    case_ref: str
    title: str
    flow_id: str
    flow_title: str
    flow_version: str
    case_status: str
    created_at: datetime
    updated_at: datetime
    current_step: str | None
    steps: tuple[StepItem, ...]
    general_notes: tuple[NoteItem, ...]
    decisions: dict[str, bool | None]
    decision_items: tuple[DecisionItem, ...]
    outcome_id: str | None
    outcome_title: str | None
    outcome_text: str | None
    meldnormen: tuple[str, ...]
    next_steps: tuple[str, ...]
    actions: tuple[ActionItem, ...]
    deadlines: tuple[DeadlineItem, ...]
    monitoring_date: datetime | None
    audit: AuditTrail
    protocol_sources: tuple[str, ...]
    off_path: tuple[AnswerItem, ...] = ()
    # Why the case cannot be closed yet, in the protocol's words (empty when it can).
    closure_open: tuple[str, ...] = ()
    damaged_count: int = 0
    withheld_interpretations: int = 0
    # Who the summary is for (summary/visibility.py) and what it left out for them, and why.
    audience: str = "pupil"
    staff_route: bool = False
    withheld: tuple[Withheld, ...] = ()
    # Who files it, for the PDF a school keeps (settings, --organisation/--author).
    organisation: str | None = None
    author: str | None = None
    # The full layer's chronology, oldest first (empty in the record layer).
    chronology: tuple[ChronologyItem, ...] = ()
    # Every correction and withdrawal, oldest first (full layer only: the record shows only
    # the current version).
    corrections: tuple[CorrectionItem, ...] = ()
