"""The summary's items for one case, step by step: each answer with its motivation and who
gave it, the notes sorted into facts, interpretations and sources, a skipped step's reason.
Apart from build.py, which puts these together with the decisions, deadlines and history."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from meldcode_tui.flow.conditions import Compare
from meldcode_tui.flow.engine import SKIPPED, Evaluation
from meldcode_tui.flow.model import Flow, Question, Step
from meldcode_tui.flow.roles import role_label, role_words
from meldcode_tui.i18n import Translator
from meldcode_tui.summary.fmt import fmt_answer, record_question
from meldcode_tui.summary.masking import pseudo_value
from meldcode_tui.summary.model import AnswerItem, Layer, NoteItem, SkipItem, StepItem
from meldcode_tui.summary.pseudonym import Pseudonymiser
from meldcode_tui.summary.visibility import Visibility, Withheld

if TYPE_CHECKING:
    # Type names only: importing the store package would load SQLite into the summary layer.
    from meldcode_tui.store.records import AnswerChange, Case, Note

# Flows name the motivation of each decision by convention (docs/EXPORT.md).
DECISION_KEYS = ("melden", "hulp")
DECISION_MOTIVATION = "motivatie_{key}"


def motivation_questions(flow: Flow) -> dict[str, str]:
    """question id -> id of the text question that explains its answer.

    A text question shown only once another question of the same step is answered
    (`when = { question = X, answered = true }`) is that question's motivation.
    """
    found: dict[str, str] = {}
    for step in flow.steps:
        # Only a yes/no or a choice is motivated: the text after a date ("date of the report",
        # then "what did Veilig Thuis say") is an answer of its own, not the date's reason.
        ids = {q.id for q in step.questions if q.type in ("yesno", "choice")}
        for q in step.questions:
            cond = q.when
            if (
                q.type == "text"
                and isinstance(cond, Compare)
                and cond.op == "answered"
                and cond.value is True
                and cond.question in ids
                and cond.question not in found
            ):
                found[cond.question] = q.id
    return found


class StepBuilder:
    """One case's answers, notes and steps as summary items, for one layer and reader."""

    def __init__(
        self,
        flow: Flow,
        case: Case,
        evaluation: Evaluation,
        lang: str,
        layer: Layer,
        pseudo: Pseudonymiser,
        vis: Visibility,
    ) -> None:
        self.flow = flow
        self.case = case
        self.ev = evaluation
        self.lang = lang
        self.layer = layer
        self.tr = Translator(lang)
        self.pseudo = pseudo
        self.vis = vis
        self.motivations = motivation_questions(flow)
        # Shown once: beside their question, or beside the decision they motivate.
        self.motivation_ids = set(self.motivations.values()) | {
            DECISION_MOTIVATION.format(key=k) for k in DECISION_KEYS
        }
        self.latest: dict[str, AnswerChange] = {}
        self.times: dict[str, list[datetime]] = {}
        for change in case.history:
            if not change.cleared:
                self.latest[change.question_id] = change
            self.times.setdefault(change.question_id, []).append(change.at)
        self.withheld = 0

    def role(self, role: str) -> str:
        """A protocol role as the flow names it (for who is responsible at a step)."""
        return role_words(self.flow, role, self.lang)

    def author(self, role: str) -> str:
        """Who recorded something, in words: a role id like `alle_medewerkers` never reaches an
        export; a one-word id (`mentor`, `beroepskracht`) already is the word people use."""
        text = role_label(self.flow, role)
        if "_" not in role:
            return role
        if text is None:
            return role.replace("_", " ")
        # The label up to its explanation ("alle medewerkers van school: mentor, ...").
        return re.split(r"[:(]", text.get(self.lang), maxsplit=1)[0].strip() or role

    def answer(self, q: Question, value: Any, step: Step | None = None) -> AnswerItem:
        if q.type == "ledger" and isinstance(value, list):
            value = self.ledger_entries(q, value)
        if q.type == "person" and self.vis.audience == "inspection":
            # A colleague's or third party's identity is not the child's data (AVG art. 15(4)).
            value = self.role_only(str(value), self.label(q))
        record = self.layer == "record"
        display = fmt_answer(q, value, self.tr, self.lang, short=record)
        if q.type in ("text", "person", "ledger"):
            display = self.pseudo(display)
        change = self.latest.get(q.id)
        item = AnswerItem(
            question_id=q.id,
            question=record_question(self.label(q), q.type) if record else self.label(q),
            type=q.type,
            value=pseudo_value(value, self.pseudo),
            display=display,
            answered_by=self.author(change.author_role) if change else None,
            answered_at=change.at if change else None,
            interpretation=q.invites_opinion,
            family_ground=q.withhold_from_family,
        )
        mid = self.motivations.get(q.id)
        if mid is None or mid not in self.ev.effective:
            return item
        mq = self.flow.question(mid)
        if mq is None or (step is not None and not self.vis.answer(mq, step, self.label(mq))):
            return item
        mchange = self.latest.get(mid)
        return AnswerItem(
            **{
                **item.__dict__,
                "motivation": self.pseudo(str(self.ev.effective[mid])),
                "motivation_id": mid,
                "motivation_by": self.author(mchange.author_role) if mchange else None,
                "motivation_interpretation": mq.invites_opinion,
            }
        )

    def label(self, q: Question) -> str:
        return q.text.get(self.lang)

    def ledger_entries(self, q: Question, entries: list[Any]) -> list[Any]:
        """Ledger entries without the fields that hold a ground for not telling the family."""
        hidden = {f.id for f in q.fields if not self.vis.family_ground(f, self.label(f))}
        return [
            {k: v for k, v in e.items() if k not in hidden} if isinstance(e, dict) else e
            for e in entries
        ]

    def role_only(self, person: str, label: str) -> str:
        """'A. Özdemir, directeur' -> '[naam weggelaten], directeur' ("name, role" convention)."""
        hidden = self.tr("record.identity_withheld")
        self.vis.withheld.append(Withheld("identity", label))
        _, sep, role = person.partition(",")
        return f"{hidden},{role}" if sep else hidden

    def note(self, note: Note) -> NoteItem:
        return NoteItem(
            id=note.id,
            kind=note.kind,
            text=self.pseudo(note.text),
            author=self.author(note.author_role),
            created_at=note.created_at,
            step_id=note.step_id,
            for_record=note.for_record,
            # The record shows the current text only; the full layer says it was corrected.
            corrected_at=rev.at if (rev := note.corrected) and self.layer == "full" else None,
            corrected_by=self.author(rev.author_role) if rev and self.layer == "full" else None,
        )

    def notes(self, notes: Iterable[Note]) -> tuple[tuple[NoteItem, ...], ...]:
        facts: list[NoteItem] = []
        interpretations: list[NoteItem] = []
        sources: list[NoteItem] = []
        for note in notes:
            if not self.vis.free_text(self.tr(f"record.note_{note.kind}")):
                continue
            if note.kind == "interpretatie":
                # Parents may read the record: an opinion goes there only when the user said so.
                if self.layer == "record" and not note.for_record:
                    self.withheld += 1
                    continue
                interpretations.append(self.note(note))
            elif note.kind == "bron":
                sources.append(self.note(note))
            else:
                facts.append(self.note(note))
        return tuple(facts), tuple(interpretations), tuple(sources)

    def step(self, number: int, step: Step, notes: Sequence[Note]) -> StepItem:
        state = self.ev.state(step.id)
        assert state is not None  # evaluate() reports every step of the flow
        skip_ids = set(step.skip.question_ids) if step.skip else set()
        answers: list[AnswerItem] = []
        skip_details: list[AnswerItem] = []
        for q in state.visible:
            # A notice is guidance on screen, never an answer of the record.
            if q.type == "notice":
                continue
            if q.id not in self.ev.effective or q.id in self.motivation_ids:
                continue
            if not self.vis.answer(q, step, self.label(q)):
                continue
            item = self.answer(q, self.ev.effective[q.id], step)
            if step.skip and q.id in skip_ids:
                if q.id not in (step.skip.question, step.skip.reason):
                    skip_details.append(item)
                continue
            answers.append(item)
        skip: SkipItem | None = None
        if step.skip and step.skip.question in self.ev.effective:
            skipped = state.status == SKIPPED
            reason = state.skip_reason if skipped else None
            reason_q = self.flow.question(step.skip.reason)
            if reason_q is not None and not self.vis.answer(reason_q, step, self.label(reason_q)):
                # The reason (e.g. "the child's safety") is itself the ground: full layer only.
                reason_q = None
                reason = None
            label = (
                fmt_answer(reason_q, reason, self.tr, self.lang) if reason_q and reason else None
            )
            skip = SkipItem(
                skipped=skipped,
                reason=str(reason) if reason is not None else None,
                reason_label=label,
                details=tuple(skip_details),
            )
        moments = [m for q in step.questions for m in self.times.get(q.id, [])]
        moments += [n.created_at for n in notes]
        latest = self.latest
        authors = [self.author(latest[q.id].author_role) for q in step.questions if q.id in latest]
        authors += [self.author(n.author_role) for n in notes]
        facts, interpretations, sources = self.notes(notes)
        on_path = [*answers, *skip_details]
        return StepItem(
            id=step.id,
            number=number,
            title=step.title.get(self.lang),
            status=state.status,
            first_at=min(moments) if moments else None,
            last_at=max(moments) if moments else None,
            # The record names roles as people say them ("beroepskracht"), not the flow's
            # explanation of each role ("beroepskracht (bijv. mentor, docent)").
            responsible=tuple(
                (self.author(r) if self.layer == "record" else self.role(r)) for r in step.roles
            ),
            recorded_by=tuple(dict.fromkeys(authors)),
            persons=tuple(a.display for a in on_path if a.type == "person"),
            signals=tuple(
                label for a in on_path if a.type == "multi" for label in a.display.split("; ")
            ),
            answers=tuple(answers),
            facts=facts,
            interpretations=interpretations,
            sources=sources,
            protocol_sources=self.source_titles(step.sources),
            veilig_thuis=step.veilig_thuis,
            skip=skip,
            staff_route=step.staff_route,
        )

    def source_titles(self, ids: Iterable[str]) -> tuple[str, ...]:
        out = []
        for sid in ids:
            source = self.flow.source(sid)
            out.append(source.title if source else sid)
        return tuple(out)
