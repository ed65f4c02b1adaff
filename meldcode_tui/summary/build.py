"""Build the summary model from a flow, an opened case, its evaluation and the audit log."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from meldcode_tui.flow.conditions import Compare
from meldcode_tui.flow.engine import OFF_PATH, PENDING, SKIPPED, Evaluation
from meldcode_tui.flow.model import Flow, Question, Step
from meldcode_tui.i18n import Translator
from meldcode_tui.summary.audit import audit_trail
from meldcode_tui.summary.fmt import fmt_answer, record_question
from meldcode_tui.summary.history import full_history, off_flow_answers
from meldcode_tui.summary.masking import case_pseudonymiser, pseudo_value
from meldcode_tui.summary.model import (
    LAYERS,
    ActionItem,
    AnswerItem,
    ChronologyItem,
    DeadlineItem,
    DecisionItem,
    Layer,
    NoteItem,
    SkipItem,
    StepItem,
    Summary,
)
from meldcode_tui.summary.pseudonym import Pseudonymiser
from meldcode_tui.summary.visibility import Audience, Visibility, Withheld, staff_route_taken

if TYPE_CHECKING:
    # Type names only: importing the store package would load SQLite into the summary layer.
    from meldcode_tui.store.records import AnswerChange, AuditEntry, Case, Note

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


class _Builder:
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
        text = self.flow.roles.get(role)
        return text.get(self.lang) if text else role

    def author(self, role: str) -> str:
        """Who recorded something, in words: a role id like `alle_medewerkers` never reaches an
        export; a one-word id (`mentor`, `beroepskracht`) already is the word people use."""
        text = self.flow.roles.get(role)
        if text is None or "_" not in role:
            return role
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


def _unreached(step: StepItem, layer: Layer) -> bool:
    """A step not yet reached, with nothing recorded: the record needs no block for it."""
    recorded = step.answers or step.facts or step.interpretations or step.sources or step.skip
    return layer == "record" and step.status == PENDING and not recorded


def build_summary(
    flow: Flow,
    case: Case,
    evaluation: Evaluation,
    audit: Sequence[AuditEntry] = (),
    *,
    lang: str = "nl",
    layer: Layer = "record",
    pseudonymise: bool = True,
    now: datetime | None = None,
    interpretations: Collection[str] = (),
    audience: Audience = "pupil",
    organisation: str | None = None,
    author: str | None = None,
    chronology: Sequence[ChronologyItem] = (),
) -> Summary:
    """The summary of one case in one language and layer; user text is never logged.

    Names marked as [[Name]] (and a full name in the title) become initials unless
    `pseudonymise` is off; `interpretations` are the ids of the questions inviting an opinion
    whose answers the user ticked for the record; `audience` picks the reader
    (summary/visibility.py).
    """
    if layer not in LAYERS:
        raise ValueError("layer must be 'record' or 'full'")
    tr = Translator(lang)
    staff_case = staff_route_taken(flow, evaluation)
    vis = Visibility(
        record=layer == "record", audience=audience, staff_case=staff_case, ticked=interpretations
    )
    pseudo = case_pseudonymiser(case, pseudonymise or audience == "inspection", audience, tr)
    b = _Builder(flow, case, evaluation, lang, layer, pseudo, vis)
    step_ids = {s.id for s in flow.steps}
    by_step: dict[str | None, list[Note]] = {}
    for note in case.notes:
        if note.withdrawn is not None:
            continue  # kept in the case; the full layer lists it under corrections
        key = note.step_id if note.step_id in step_ids else None
        by_step.setdefault(key, []).append(note)
    steps = tuple(
        item
        for i, state in enumerate(evaluation.steps, start=1)
        if state.status != OFF_PATH
        and not _unreached(item := b.step(i, state.step, by_step.get(state.step.id, [])), layer)
    )
    general = b.notes(by_step.get(None, []))
    decisions_json = evaluation.decisions.to_json()
    decision_items = []
    outcome = evaluation.outcome
    meldnormen = evaluation.meldnormen
    shown = vis.decisions(tr("summary.decisions"))
    if not shown:
        # null, as while undecided: the staff route's decisions are about the staff member.
        decisions_json = dict.fromkeys(decisions_json)
        outcome, meldnormen = None, []
    for key in DECISION_KEYS if shown else ():
        mid = DECISION_MOTIVATION.format(key=key)
        value = evaluation.effective.get(mid)
        mq = flow.question(mid)
        if value is not None and not b.vis.free_text(b.label(mq) if mq else mid):
            value = None
        decision_items.append(
            DecisionItem(
                key=key,
                value=decisions_json[key],
                label=evaluation.decision_label(key, lang),
                motivation=pseudo(value) if isinstance(value, str) else None,
                motivation_by=b.author(b.latest[mid].author_role) if mid in b.latest else None,
            )
        )
    off_path: tuple[AnswerItem, ...] = ()
    if not vis.record:
        off_path = tuple(
            b.answer(q, case.answers[qid])
            for qid in evaluation.off_path
            if (q := flow.question(qid)) is not None
            and qid in case.answers
            and (step := flow.step_of(qid)) is not None
            and vis.answer(q, step, b.label(q))
        )
        if vis.audience != "inspection":  # an old protocol's answer has no visibility keys
            off_path += off_flow_answers(flow, case, evaluation, pseudo)
    history = (
        None if vis.record else full_history(flow, case, lang, vis, pseudo, b.author, chronology)
    )
    summary_row = case.summary
    return Summary(
        lang=lang,
        layer=layer,
        pseudonymised=pseudonymise,
        generated_at=now or datetime.now(UTC),
        case_ref=summary_row.id,
        # A staff-route title may name the member of staff: the case reference says enough.
        title=pseudo(summary_row.title) if vis.free_text(tr("summary.case_title")) else "",
        flow_id=flow.id,
        flow_title=flow.title.get(lang),
        flow_version=flow.version,
        # The stored status: closed only once the user closed it, whatever the answers say.
        case_status=summary_row.status,
        created_at=summary_row.created_at,
        updated_at=summary_row.updated_at,
        current_step=evaluation.current_step,
        steps=steps,
        # Notes not tied to a step: facts, interpretations and sources, in that order.
        general_notes=tuple(n for group in general for n in group),
        decisions=decisions_json,
        decision_items=tuple(decision_items),
        outcome_id=outcome.id if outcome else None,
        outcome_title=outcome.title.get(lang) if outcome else None,
        outcome_text=outcome.text.get(lang) if outcome else None,
        meldnormen=tuple(
            m.text.get(lang) for mid in meldnormen if (m := flow.meldnorm(mid)) is not None
        ),
        next_steps=tuple(s.get(lang) for s in outcome.next_steps) if outcome else (),
        actions=tuple(
            ActionItem(
                id=a.id,
                text=pseudo(a.text),
                owner=pseudo(a.owner),
                due=a.due,
                done_at=a.done_at,
                created_at=a.created_at,
            )
            # Agreed follow-up reads best in the order it is due.
            for a in sorted(case.actions, key=lambda a: (a.due is None, a.due or a.created_at))
            if vis.free_text(tr("summary.actions"))
        ),
        deadlines=tuple(
            DeadlineItem(
                id=d.rule.id,
                label=d.rule.label.get(lang),
                due=d.due,
                overdue=d.overdue,
                overdue_text=d.rule.overdue.get(lang) if d.overdue and d.rule.overdue else None,
            )
            for d in evaluation.deadlines
        ),
        monitoring_date=evaluation.next_deadline or summary_row.next_deadline,
        closure_open=tuple(rule.message.get(lang) for rule in evaluation.closure_blockers),
        audit=audit_trail(summary_row.id, audit),
        protocol_sources=tuple(s.title for s in flow.sources),
        off_path=off_path,
        damaged_count=len(case.damaged),
        withheld_interpretations=b.withheld + vis.count("interpretation"),
        audience=audience,
        staff_route=staff_case,
        withheld=tuple(vis.withheld),
        organisation=organisation or None,
        author=author or None,
        chronology=history[0] if history else (),
        corrections=history[1] if history else (),
    )
