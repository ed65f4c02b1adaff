"""The chronology of a case: everything that happened, ordered by the date it happened.

Built once here (pure: a case, its flow and evaluation in, items out) for the app's F12 view
and the full export alike. What happened comes from the date questions of the flow that are
about the past (signals told, consultations, conversations, reports, feedback), the dated
entries of ledgers (information shared, contacts), the decisions, the notes, and the case's
own record of closing, reopening, protocol changes and corrections. A date question gives a
day; the rest are moments. Dates of things still to come are plans and not listed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from meldcode_tui import dates
from meldcode_tui.casework.sender import sender_label
from meldcode_tui.flow import Evaluation, Flow, Question
from meldcode_tui.flow.earlier import earlier_question
from meldcode_tui.i18n import Translator
from meldcode_tui.store.records import Case, Revision
from meldcode_tui.summary.ledger_history import EntryMark, ledger_history
from meldcode_tui.summary.model import ChronologyItem

if TYPE_CHECKING:
    from meldcode_tui.casework.contacts import Contact

DECISION_KEYS = ("melden", "hulp")


def _moment(question: Question, value: Any) -> tuple[datetime, bool] | None:
    """When a date answer says it happened (a day: local midnight), or None if it is none."""
    try:
        if question.type == "date":
            day = dates.parse_date(str(value))
            return datetime.combine(day, time()).astimezone(), True
        return dates.parse_moment(str(value)), False
    except ValueError:
        return None


def _revised(revision: Revision | EntryMark, kind: str, what: str) -> ChronologyItem:
    """A correction or withdrawal: when, who and why come from its revision record."""
    return ChronologyItem(revision.at, kind, what, detail=revision.reason, by=revision.author_role)


def _short(text: str) -> str:
    """A ledger's label up to its explanation ("Overzicht van gedeelde informatie: ...")."""
    return text.split(":", 1)[0].strip() or text


class _Chronology:
    def __init__(
        self,
        flow: Flow,
        case: Case,
        evaluation: Evaluation,
        lang: str,
        contacts: Sequence[Contact] | None,
    ) -> None:
        self.flow, self.case, self.ev, self.lang = flow, case, evaluation, lang
        self.contacts = contacts
        self.tr = Translator(lang)

    def step_title(self, question_id: str) -> str:
        step = self.flow.step_of(question_id)
        return step.title.get(self.lang) if step else ""

    def protocol(self, flow_id: str | None) -> str:
        """A protocol by its name, not its id (an id no shipped flow has stays as it is)."""
        from meldcode_tui.flow.registry import shipped_flows

        flow = shipped_flows().get(flow_id or "")
        return flow.title.get(self.lang) if flow is not None else flow_id or ""

    def by(self, question_id: str) -> str:
        """Who recorded an answer last (the answer history's latest change)."""
        for change in reversed(self.case.history):
            if change.question_id == question_id:
                return change.author_role
        return ""

    def items(self) -> Iterator[ChronologyItem]:
        tr = self.tr
        yield ChronologyItem(self.case.summary.created_at, "created", tr("chronology.created"))
        yield from self.dated_answers()
        yield from self.ledgers()
        yield from self.decisions()
        yield from self.notes()
        yield from self.lifecycle()
        yield from self.transfers()

    def dated_answers(self) -> Iterator[ChronologyItem]:
        for question in self.flow.questions():
            if question.type not in ("date", "datetime") or question.date_kind == "future":
                continue
            value = self.ev.effective.get(question.id)
            found = _moment(question, value) if value else None
            if found is None:
                continue
            at, day_only = found
            yield ChronologyItem(
                at,
                "event",
                question.text.get(self.lang),
                by=self.by(question.id),
                day_only=day_only,
                step=self.step_title(question.id),
            )

    def ledgers(self) -> Iterator[ChronologyItem]:
        for question in self.flow.questions():
            if question.type != "ledger":
                continue
            label = _short(question.text.get(self.lang))
            entries = self.ev.effective.get(question.id)
            yield from self.ledger_entries(question, entries, label, question.id)
            yield from self.ledger_fixes(question, label)
        yield from self.earlier_protocol_ledgers()

    def earlier_protocol_ledgers(self) -> Iterator[ChronologyItem]:
        """Ledgers kept from the protocol a case was moved from (`oldflow:id`): information
        that left the organisation stays in the timeline (AVG), off the current path or not."""
        for key, entries in self.case.answers.items():
            question = earlier_question(self.flow, key)
            if question is None or question.type != "ledger":
                continue
            label = self.tr(
                "chronology.earlier_protocol", what=_short(question.text.get(self.lang))
            )
            yield from self.ledger_entries(question, entries, label, key)

    def ledger_entries(
        self, question: Question, entries: Any, label: str, answer_key: str
    ) -> Iterator[ChronologyItem]:
        dated = [f for f in question.fields if f.type in ("date", "datetime")]
        named = [f for f in question.fields if f.type == "person"]
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            when = next((m for f in dated if (m := _moment(f, entry.get(f.id))) is not None), None)
            if when is None:
                continue
            who = ", ".join(str(entry[f.id]) for f in named if entry.get(f.id))
            yield ChronologyItem(
                when[0],
                "ledger",
                label,
                detail=who,
                by=self.by(answer_key),
                day_only=when[1],
                step=self.step_title(answer_key),
            )

    def ledger_fixes(self, question: Question, label: str) -> Iterator[ChronologyItem]:
        found = ledger_history(self.case.history, question.id, self.case.answers.get(question.id))
        versions = [v for entry in found.earlier for v in entry]
        for gone in found.withdrawn:
            versions += list(gone.earlier)
            yield _revised(
                gone.revision, "withdrawn", self.tr("chronology.entry_withdrawn", what=label)
            )
        for version in versions:
            yield _revised(
                version.revision, "corrected", self.tr("chronology.entry_corrected", what=label)
            )

    def decisions(self) -> Iterator[ChronologyItem]:
        for key in DECISION_KEYS:
            value = getattr(self.ev.decisions, key)
            motivation = f"motivatie_{key}"
            change = next(
                (c for c in reversed(self.case.history) if c.question_id == motivation), None
            )
            if value is None or change is None or motivation not in self.ev.effective:
                continue
            label = self.ev.decision_label(key, self.lang) or self.tr(f"chronology.decision_{key}")
            answer = self.tr("common.yes") if value else self.tr("common.no")
            yield ChronologyItem(change.at, "decision", f"{label}: {answer}", by=change.author_role)

    def notes(self) -> Iterator[ChronologyItem]:
        for note in self.case.notes:
            kind = self.tr(f"tui.notes.kind.{note.kind}")
            step = self.flow.step(note.step_id) if note.step_id else None
            if note.withdrawn is None:
                yield ChronologyItem(
                    note.created_at,
                    "note",
                    self.tr("chronology.note", kind=kind),
                    detail=note.text,
                    by=note.author_role,
                    step=step.title.get(self.lang) if step else "",
                )
            for revision in note.earlier:
                yield _revised(
                    revision, "corrected", self.tr("chronology.note_corrected", kind=kind)
                )
            if note.withdrawn is not None:
                withdrawn = self.tr("chronology.note_withdrawn", kind=kind)
                yield _revised(note.withdrawn, "withdrawn", withdrawn)

    def lifecycle(self) -> Iterator[ChronologyItem]:
        for event in self.case.lifecycle:
            if event.event == "flow_changed":
                before, after = self.protocol(event.before), self.protocol(event.after)
                what = self.tr("chronology.flow_changed", before=before, after=after)
            else:
                what = self.tr(f"chronology.{event.event}")
            yield ChronologyItem(
                event.at, event.event, what, detail=event.reason, by=event.author_role
            )

    def transfers(self) -> Iterator[ChronologyItem]:
        """Received from a colleague, handed over to one and arrived there: who, by the name
        in the address book (else "not in the address book") and the key's fingerprint.

        The sender is looked up in the address book as it is now (casework/sender.py): one
        added and confirmed after the case came in is named, with the mark.
        """
        tr = self.tr
        got = self.case.received or {}
        at = _iso_moment(got.get("at"))
        if at is not None:
            name = sender_label(got, self.contacts, tr)
            what = tr("chronology.received", name=name, fingerprint=str(got.get("fp", "")))
            yield ChronologyItem(at, "received", what, detail=str(got.get("note") or ""))
        gone = self.case.handed_over or {}
        name = str(gone.get("to") or "") or tr("contacts.no_name")
        fingerprint = str(gone.get("fp", ""))
        for key, kind in (("at", "handed_over"), ("arrived", "arrived")):
            moment = _iso_moment(gone.get(key))
            if moment is not None:
                what = tr(f"chronology.{kind}", name=name, fingerprint=fingerprint)
                yield ChronologyItem(moment, kind, what)


def _iso_moment(value: object) -> datetime | None:
    """A stored moment (ISO 8601); None for a missing or unreadable one (nothing is shown)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _order(item: ChronologyItem) -> tuple[datetime, bool]:
    # On one day, what is known only by its day comes before the moments recorded that day.
    at = item.at if item.at.tzinfo else item.at.replace(tzinfo=UTC)
    return at, not item.day_only


def build_chronology(
    flow: Flow,
    case: Case,
    evaluation: Evaluation,
    lang: str,
    *,
    contacts: Sequence[Contact] | None = None,
) -> tuple[ChronologyItem, ...]:
    """Every dated thing in the case, oldest first (a stable order for equal dates).

    `contacts`: the address book, to name a received case's sender as it stands now; None
    (no book at hand) keeps the name recorded at receipt.
    """
    items = _Chronology(flow, case, evaluation, lang, contacts).items()
    return tuple(sorted(items, key=_order))
