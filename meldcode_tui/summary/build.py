"""Build the summary model from a flow, an opened case, its evaluation and the audit log."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from meldcode_tui.flow.conditions import Compare
from meldcode_tui.flow.engine import OFF_PATH, SKIPPED, Evaluation
from meldcode_tui.flow.model import Flow, Question, Step
from meldcode_tui.i18n import Translator
from meldcode_tui.summary.fmt import fmt_answer
from meldcode_tui.summary.model import (
    LAYERS,
    ActionItem,
    AnswerItem,
    AuditItem,
    AuditTrail,
    DeadlineItem,
    DecisionItem,
    Layer,
    NoteItem,
    SkipItem,
    StepItem,
    Summary,
)
from meldcode_tui.summary.pseudonym import Pseudonymiser, marked_names

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
        ids = {q.id for q in step.questions}
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
    ) -> None:
        self.flow = flow
        self.case = case
        self.ev = evaluation
        self.lang = lang
        self.layer = layer
        self.tr = Translator(lang)
        self.pseudo = pseudo
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

    def answer(self, q: Question, value: Any) -> AnswerItem:
        display = fmt_answer(q, value, self.tr, self.lang)
        if q.type in ("text", "person", "ledger"):
            display = self.pseudo(display)
        change = self.latest.get(q.id)
        item = AnswerItem(
            question_id=q.id,
            question=q.text.get(self.lang),
            type=q.type,
            value=_pseudo_value(value, self.pseudo),
            display=display,
            answered_by=self.author(change.author_role) if change else None,
            answered_at=change.at if change else None,
        )
        mid = self.motivations.get(q.id)
        if mid is None or mid not in self.ev.effective:
            return item
        mq = self.flow.question(mid)
        mchange = self.latest.get(mid)
        return AnswerItem(
            **{
                **item.__dict__,
                "motivation": self.pseudo(str(self.ev.effective[mid])) if mq else None,
                "motivation_id": mid,
                "motivation_by": self.author(mchange.author_role) if mchange else None,
            }
        )

    def note(self, note: Note) -> NoteItem:
        return NoteItem(
            id=note.id,
            kind=note.kind,
            text=self.pseudo(note.text),
            author=self.author(note.author_role),
            created_at=note.created_at,
            step_id=note.step_id,
            for_record=note.for_record,
        )

    def notes(self, notes: Iterable[Note]) -> tuple[tuple[NoteItem, ...], ...]:
        facts, interpretations, sources = [], [], []
        for note in notes:
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
            if q.id not in self.ev.effective or q.id in self.motivation_ids:
                continue
            item = self.answer(q, self.ev.effective[q.id])
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
            responsible=tuple(self.role(r) for r in step.roles),
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
        )

    def source_titles(self, ids: Iterable[str]) -> tuple[str, ...]:
        out = []
        for sid in ids:
            source = self.flow.source(sid)
            out.append(source.title if source else sid)
        return tuple(out)


def _audit_item(entry: AuditEntry | None) -> AuditItem | None:
    if entry is None:
        return None
    return AuditItem(seq=entry.seq, at=entry.at, event=entry.event, entry_hash=entry.entry_hash)


def audit_trail(case_id: str, entries: Sequence[AuditEntry]) -> AuditTrail:
    mine = [e for e in entries if e.case_id == case_id]
    return AuditTrail(
        count=len(mine),
        first=_audit_item(mine[0] if mine else None),
        last=_audit_item(mine[-1] if mine else None),
        chain_head=_audit_item(entries[-1] if entries else None),
    )


def _strings(value: Any) -> Iterable[str]:
    """Every string inside an answer (ledger entries are lists of tables)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _pseudo_value(value: Any, pseudo: Pseudonymiser) -> Any:
    if isinstance(value, str):
        return pseudo(value)
    if isinstance(value, list):
        return [_pseudo_value(v, pseudo) for v in value]
    if isinstance(value, dict):
        return {k: _pseudo_value(v, pseudo) for k, v in value.items()}
    return value


def _user_texts(case: Case) -> list[str]:
    texts = [case.summary.title]
    texts += [s for v in case.answers.values() for s in _strings(v)]
    texts += [n.text for n in case.notes]
    texts += [a.text for a in case.actions] + [a.owner for a in case.actions]
    return texts


def build_summary(
    flow: Flow,
    case: Case,
    evaluation: Evaluation,
    audit: Sequence[AuditEntry] = (),
    *,
    lang: str = "nl",
    layer: Layer = "record",
    pseudonymise: bool = False,
    now: datetime | None = None,
) -> Summary:
    """The summary of one case in one language and layer; user text is never logged."""
    if layer not in LAYERS:
        raise ValueError("layer must be 'record' or 'full'")
    pseudo = Pseudonymiser(marked_names(_user_texts(case)), enabled=pseudonymise)
    b = _Builder(flow, case, evaluation, lang, layer, pseudo)
    step_ids = {s.id for s in flow.steps}
    by_step: dict[str | None, list[Note]] = {}
    for note in case.notes:
        key = note.step_id if note.step_id in step_ids else None
        by_step.setdefault(key, []).append(note)
    steps = tuple(
        b.step(i, state.step, by_step.get(state.step.id, []))
        for i, state in enumerate(evaluation.steps, start=1)
        if state.status != OFF_PATH
    )
    general = b.notes(by_step.get(None, []))
    decisions_json = evaluation.decisions.to_json()
    decision_items = []
    for key in DECISION_KEYS:
        mid = DECISION_MOTIVATION.format(key=key)
        value = evaluation.effective.get(mid)
        decision_items.append(
            DecisionItem(
                key=key,
                value=decisions_json[key],
                label=evaluation.decision_label(key, lang),
                motivation=pseudo(value) if isinstance(value, str) else None,
                motivation_by=b.author(b.latest[mid].author_role) if mid in b.latest else None,
            )
        )
    outcome = evaluation.outcome
    off_path: tuple[AnswerItem, ...] = ()
    if layer == "full":
        off_path = tuple(
            b.answer(q, case.answers[qid])
            for qid in evaluation.off_path
            if (q := flow.question(qid)) is not None and qid in case.answers
        )
    summary_row = case.summary
    return Summary(
        lang=lang,
        layer=layer,
        pseudonymised=pseudonymise,
        generated_at=now or datetime.now(UTC),
        case_ref=summary_row.id,
        title=pseudo(summary_row.title),
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
            m.text.get(lang)
            for mid in evaluation.meldnormen
            if (m := flow.meldnorm(mid)) is not None
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
        withheld_interpretations=b.withheld,
    )
