"""Build the summary model from a flow, an opened case, its evaluation and the audit log."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from meldcode_tui.flow.engine import OFF_PATH, PENDING, Evaluation
from meldcode_tui.flow.model import Flow
from meldcode_tui.i18n import Translator
from meldcode_tui.summary.audit import audit_trail
from meldcode_tui.summary.build_steps import (
    DECISION_KEYS,
    DECISION_MOTIVATION,
    StepBuilder,
    motivation_questions,
)
from meldcode_tui.summary.history import full_history, off_flow_answers
from meldcode_tui.summary.masking import case_pseudonymiser
from meldcode_tui.summary.model import (
    LAYERS,
    ActionItem,
    AnswerItem,
    ChronologyItem,
    DeadlineItem,
    DecisionItem,
    Layer,
    StepItem,
    Summary,
)
from meldcode_tui.summary.visibility import Audience, Visibility, staff_route_taken

# Imported from here before the step items moved to build_steps.py.
__all__ = ["DECISION_KEYS", "DECISION_MOTIVATION", "build_summary", "motivation_questions"]

if TYPE_CHECKING:
    # Type names only: importing the store package would load SQLite into the summary layer.
    from meldcode_tui.store.records import AuditEntry, Case, Note


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
    b = StepBuilder(flow, case, evaluation, lang, layer, pseudo, vis)
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
            off_path += off_flow_answers(flow, case, evaluation, pseudo, b.answer)
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
