"""The summary laid out as neutral blocks, so txt, md and pdf show the very same facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from meldcode_tui.dates import show_date, show_moment
from meldcode_tui.i18n import Translator
from meldcode_tui.summary.fmt import local, yes_no
from meldcode_tui.summary.model import ActionItem, AnswerItem, NoteItem, StepItem, Summary


@dataclass(frozen=True)
class Heading:
    level: int  # 1 title, 2 section, 3 step
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class Item:
    """A bullet: the text, with an optional line of who/when in front."""

    text: str
    meta: str = ""
    depth: int = 0


@dataclass(frozen=True)
class QA:
    """A question with its answer, and who answered when."""

    question: str
    answer: str
    meta: str = ""


@dataclass(frozen=True)
class Signature:
    labels: tuple[str, ...]


Block = Heading | Para | Field | Item | QA | Signature


class _Layout:
    def __init__(self, s: Summary) -> None:
        self.s = s
        self.tr = Translator(s.lang)
        self.out: list[Block] = []

    def add(self, *blocks: Block) -> None:
        self.out.extend(blocks)

    def field(self, key: str, value: str | None) -> None:
        if value:
            self.add(Field(self.tr(f"summary.{key}"), value))

    def span(self, first: object, last: object) -> str | None:
        if first is None or last is None:
            return None
        a, b = show_date(first, "-"), show_date(last, "-")  # type: ignore[arg-type]
        return a if a == b else f"{a} - {b}"

    @property
    def record(self) -> bool:
        """The record layer: minimal, one role/date line per step instead of per answer."""
        return self.s.layer == "record"

    def answer(self, a: AnswerItem) -> None:
        when = show_date(a.answered_at, "-") if a.answered_at else ""
        if a.interpretation:
            # An opinion always says whose it is (JGZ-richtlijn), answers as well as notes.
            meta = self.tr("summary.interpretation_of", role=a.answered_by or "-", date=when)
        elif self.record:
            meta = ""
        else:
            meta = ", ".join(x for x in (a.answered_by, when) if x)
        self.add(QA(a.question, a.display, meta))
        if a.motivation:
            who = a.motivation_by or a.answered_by or "-"
            key = "record.motivation_interpretation" if a.motivation_interpretation else None
            label = self.tr(key, role=who) if key else self.tr("summary.motivation_by", role=who)
            self.add(Item(a.motivation, label, depth=1))

    def note(self, n: NoteItem) -> None:
        when = show_moment(n.created_at, "-")
        if n.kind == "interpretatie":
            # An opinion always says whose it is (JGZ-richtlijn).
            meta = self.tr("summary.interpretation_of", role=n.author, date=when)
        elif self.record:
            # No group headings in the record: each note says what kind it is.
            meta = self.tr(f"record.note_meta_{n.kind}", role=n.author, date=when)
        else:
            meta = f"{n.author}, {when}"
        if n.corrected_at is not None and not self.record:
            meta += "; " + self.tr(
                "corrections.corrected_mark",
                date=show_date(n.corrected_at, "-"),
                role=n.corrected_by or "-",
            )
        self.add(Item(n.text, meta))

    def notes(
        self,
        facts: tuple[NoteItem, ...],
        interp: tuple[NoteItem, ...],
        sources: tuple[NoteItem, ...],
    ) -> None:
        for key, group in (("facts", facts), ("interpretations", interp), ("sources", sources)):
            if group:
                if not self.record:
                    self.add(Para(self.tr(f"summary.{key}")))
                for n in group:
                    self.note(n)

    def header(self) -> None:
        s, tr = self.s, self.tr
        self.add(Heading(1, tr("summary.title")))
        if s.organisation:
            self.add(Field(tr("record.organisation"), s.organisation))
        self.field("case_ref", s.case_ref)
        self.field("case_title", s.title)
        self.field(
            "protocol",
            tr("summary.protocol_value", title=s.flow_title, id=s.flow_id, version=s.flow_version),
        )
        self.field("status", tr(f"summary.case_status_{s.case_status}"))
        if not self.record:
            self.field("created", show_date(s.created_at, "-"))
            self.field("updated", show_moment(s.updated_at, "-"))
        self.field("generated", show_moment(s.generated_at, "-"))
        if s.author:
            self.add(Field(tr("record.author"), s.author))
        if s.audience != "pupil":
            # "volledig (alle notities)" would not be true of an inspection or a staff file.
            self.add(Field(tr("summary.layer"), tr(f"record.audience_{s.audience}")))
        elif not self.record:
            self.field("layer", tr(f"summary.layer_{s.layer}"))
        self.field("pseudonymised", yes_no(s.pseudonymised, tr))
        if s.audience == "pupil":
            self.add(Para(tr(f"summary.layer_{s.layer}_note")))
        else:
            self.add(Para(tr(f"record.audience_{s.audience}_note")))
        if s.staff_route and s.audience == "pupil" and s.layer == "record":
            self.add(Para(tr("record.staff_case_note")))
        if s.withheld_interpretations:
            self.add(Para(tr.plural("plural.summary_withheld", s.withheld_interpretations)))
        if s.damaged_count:
            self.add(Para(tr.plural("plural.summary_damaged", s.damaged_count)))

    def decisions(self) -> None:
        s, tr = self.s, self.tr
        self.add(Heading(2, tr("summary.decisions")))
        if not s.decision_items:
            self.add(Para(tr("record.staff_route_note")))
        for d in s.decision_items:
            if d.label:
                self.add(Field(d.label, yes_no(d.value, tr)))
            else:
                self.field(f"decision_{d.key}", yes_no(d.value, tr))
            if d.motivation:
                who = f" ({d.motivation_by})" if d.motivation_by else ""
                self.add(Item(d.motivation, tr("summary.motivation") + who))
        self.field("outcome", s.outcome_title)
        # The protocol's own guidance is for the professional, not a parent's copy.
        guidance = not self.record and s.audience != "inspection"
        if s.outcome_text and guidance:
            self.add(Para(s.outcome_text))
        if s.meldnormen and self.record:
            self.add(Field(tr("summary.meldnormen").rstrip(":"), " ".join(s.meldnormen)))
        elif s.meldnormen:
            self.add(Para(tr("summary.meldnormen")))
            self.add(*(Item(m) for m in s.meldnormen))
        if s.next_steps and guidance:
            self.add(Para(tr("summary.next_steps")))
            self.add(*(Item(n) for n in s.next_steps))

    def step(self, st: StepItem) -> None:
        tr = self.tr
        self.add(Heading(3, st.title))
        events = event_dates(st, tr, self.s.generated_at)
        if self.record:
            # One line per step: when it happened (the dates the user gave), and who recorded it.
            if st.status != "done":
                self.field("step_status", tr(f"summary.status_{st.status}"))
            when = events or self.span(st.first_at, st.last_at) or "-"
            who = ", ".join(st.recorded_by) or ", ".join(st.responsible) or "-"
            self.add(Field(tr("record.step_line"), f"{when}; {who}"))
        else:
            self.field("step_status", tr(f"summary.status_{st.status}"))
            if events:
                self.add(Field(tr("record.event_dates"), events))
            self.field("step_date", self.span(st.first_at, st.last_at))
            self.field("responsible", ", ".join(st.responsible))
            self.field("recorded_by", ", ".join(st.recorded_by))
        if st.staff_route and self.s.audience == "pupil" and self.s.layer == "record":
            self.add(Para(tr("record.staff_route_note")))
        if st.skip is not None:
            if st.skip.skipped and st.skip.reason_label:
                self.field("skipped_reason", st.skip.reason_label)
                for a in st.skip.details:
                    self.answer(a)
            elif st.skip.skipped:
                if not self.record:  # the record's status line already says so
                    self.field("step_held", tr("summary.no"))
                for a in st.skip.details:
                    self.answer(a)
            else:
                self.field("step_held", tr("summary.yes"))
        for a in st.answers:
            self.answer(a)
        self.notes(st.facts, st.interpretations, st.sources)

    def build(self) -> list[Block]:
        s, tr = self.s, self.tr
        self.header()
        self.decisions()
        self.add(Heading(2, tr("summary.steps")))
        for st in s.steps:
            self.step(st)
        if s.general_notes:
            self.add(Heading(2, tr("summary.general_notes")))
            for n in s.general_notes:
                self.note(n)
        self.add(Heading(2, tr("summary.actions")))
        if not s.actions:
            self.add(Para(tr("summary.none")))
        for a in s.actions:
            self.add(Item(a.text, action_meta(a, tr)))
        if not self.record:
            self.add(Heading(2, tr("summary.monitoring")))
        if not s.deadlines and not s.monitoring_date and not self.record:
            self.field("next_deadline", tr("summary.none"))
        for line, overdue_text in deadline_lines(s, tr):
            self.add(Item(line))
            if overdue_text:
                self.add(Para(overdue_text))
        if s.closure_open and not self.record:
            # What is still to do before closing is the professional's to-do list; the record
            # says the case is open.
            self.add(Para(tr("summary.closure_open")))
            self.add(*(Item(message) for message in s.closure_open))
        if s.off_path:
            self.add(Heading(2, tr("summary.off_path")))
            self.add(Para(tr("summary.off_path_note")))
            for gone in s.off_path:
                self.answer(gone)
        history_blocks(self)
        self.withheld()
        if s.protocol_sources and not self.record:
            self.add(Heading(2, tr("summary.protocol_sources")))
            self.add(*(Item(x) for x in s.protocol_sources))
        self.add(Heading(2, tr("summary.signature")))
        self.add(
            Signature(tuple(tr(f"summary.sign_{k}") for k in ("name", "role", "date", "sign")))
        )
        # The hashes are for checking, not for reading: a short appendix after the signature.
        self.audit()
        return self.out

    def withheld(self) -> None:
        """For a parent's inspection: what was left out, and on which legal ground."""
        s, tr = self.s, self.tr
        if s.audience != "inspection":
            return
        self.add(Heading(2, tr("record.withheld_heading")))
        if not s.withheld:
            self.add(Para(tr("record.withheld_nothing")))
            return
        self.add(Para(tr("record.withheld_intro")))
        for reason in ("family", "staff", "identity"):
            what = list(dict.fromkeys(w.what for w in s.withheld if w.reason == reason))
            if not what:
                continue
            self.add(Para(tr(f"record.ground_{reason}")))
            if reason == "staff":
                # Even the questions would tell (a date of a police report was recorded).
                self.add(Item(tr.plural("plural.withheld_staff_items", len(what))))
            else:
                self.add(*(Item(x) for x in what))

    def audit(self) -> None:
        a, tr = self.s.audit, self.tr
        self.add(Heading(2, tr("record.audit_appendix")))
        head = a.chain_head
        if self.record and head is not None:
            # The record keeps the count and the seal; the full layer shows first and last too.
            at, event = show_moment(head.at, "-"), event_name(head.event, tr)
            self.add(
                Para(
                    tr.plural("plural.audit_short", a.count, seq=head.seq, at=at, event=event)
                    + " "
                    + head.entry_hash
                )
            )
            return
        self.field("audit_count", str(a.count))
        entries = (("audit_first", a.first), ("audit_last", a.last), ("audit_head", a.chain_head))
        for key, entry in entries[2:] if self.record else entries:  # the record: the seal only
            if entry is not None:
                self.field(
                    key,
                    tr(
                        "summary.audit_entry",
                        seq=entry.seq,
                        at=show_moment(entry.at, "-"),
                        event=event_name(entry.event, tr),
                        hash=entry.entry_hash,
                    ),
                )


def history_blocks(doc: _Layout) -> None:
    """The full layer's chronology and corrections (summary/history.py)."""
    s, tr = doc.s, doc.tr
    if s.chronology:
        doc.add(Heading(2, tr("chronology.title")))
        doc.add(Para(tr("chronology.intro")))
        for c in s.chronology:
            when = show_date(c.at, "-") if c.day_only else show_moment(c.at, "-")
            meta = ", ".join(
                x for x in (when, c.step, tr("chronology.by", role=c.by) if c.by else "") if x
            )
            doc.add(Item(f"{c.what}: {c.detail}" if c.detail else c.what, meta))
    if s.corrections:
        doc.add(Heading(2, tr("corrections.heading")))
        for k in s.corrections:
            mark = "corrected_mark" if k.kind == "corrected" else "withdrawn_mark"
            meta = tr(f"corrections.{mark}", date=show_moment(k.at, "-"), role=k.by)
            if k.reason:
                meta += ", " + tr("corrections.reason", reason=k.reason)
            doc.add(Item(k.what, meta))
            doc.add(Item(tr("corrections.earlier_text", text=k.before), depth=1))
            if k.after:
                doc.add(Item(tr("corrections.now_text", text=k.after), depth=1))


def action_meta(a: ActionItem, tr: Translator) -> str:
    """Who does an agreed action, by when, and when it was done: 'wie: mentor, uiterlijk ...'."""
    parts = [tr("summary.action_owner", owner=a.owner)]
    if a.due:
        parts.append(tr("summary.action_due", date=show_date(a.due, "-")))
    if a.done_at:
        parts.append(tr("summary.action_done", date=show_date(a.done_at, "-")))
    return ", ".join(parts)


def deadline_lines(s: Summary, tr: Translator) -> list[tuple[str, str | None]]:
    """Each deadline under its own rule's label ("Terugkoppeling van Veilig Thuis ...: 12-3-2025"),
    with what to do when it is overdue.

    The next deadline is not always the monitoring date: after a report it may be Veilig
    Thuis's feedback. A next deadline the flow no longer lists (the one stored with the case)
    is called just that.
    """
    out: list[tuple[str, str | None]] = []
    for d in s.deadlines:
        late = f" ({tr('summary.overdue')})" if d.overdue else ""
        out.append((f"{d.label}: {show_date(d.due, '-')}{late}", d.overdue_text))
    listed = {show_date(d.due) for d in s.deadlines}
    if s.monitoring_date and show_date(s.monitoring_date) not in listed:
        out.append((f"{tr('summary.next_deadline')}: {show_date(s.monitoring_date)}", None))
    return out


def event_dates(st: StepItem, tr: Translator, now: datetime) -> str:
    """The dates the user gave for what happened at a step (not when they typed them).

    A date still to come (the desired term, a follow-up) is a plan, not an event.
    """
    items = [*st.answers, *(st.skip.details if st.skip else ())]
    days: list[str] = []
    today = local(now).date()
    for a in items:
        if a.type in ("date", "datetime") and isinstance(a.value, str):
            try:
                moment = datetime.fromisoformat(a.value)
            except ValueError:
                continue
            if moment.date() <= today:
                days.append(show_date(moment, "-"))
    return ", ".join(dict.fromkeys(days))


def event_name(event: str, tr: Translator) -> str:
    """'case_created' as words; an event this version does not know stays as recorded."""
    for key in (f"record.event_{event}", f"corrections.event_{event}"):
        text = tr(key)
        if text != key:
            return text
    return event


def layout(summary: Summary) -> list[Block]:
    """The blocks of the summary document, in reading order."""
    return _Layout(summary).build()
