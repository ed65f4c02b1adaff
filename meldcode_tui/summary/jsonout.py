"""The summary as versioned JSON for machine import (schema in docs/EXPORT.md)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from meldcode_tui.summary.model import (
    SCHEMA,
    SCHEMA_VERSION,
    AnswerItem,
    AuditItem,
    NoteItem,
    StepItem,
    Summary,
)


def _ts(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _answer(a: AnswerItem) -> dict[str, Any]:
    return {
        "question_id": a.question_id,
        "question": a.question,
        "type": a.type,
        "value": a.value,
        "display": a.display,
        "answered_by": a.answered_by,
        "answered_at": _ts(a.answered_at),
        "motivation": (
            {"question_id": a.motivation_id, "text": a.motivation, "by": a.motivation_by}
            if a.motivation is not None
            else None
        ),
    }


def _note(n: NoteItem) -> dict[str, Any]:
    return {
        "id": n.id,
        "kind": n.kind,
        "text": n.text,
        "author_role": n.author,
        "created_at": _ts(n.created_at),
        "step_id": n.step_id,
        "for_record": n.for_record,
        # Full layer: the latest correction (the earlier text is under "corrections").
        "corrected": {"at": _ts(n.corrected_at), "by": n.corrected_by} if n.corrected_at else None,
    }


def _step(st: StepItem) -> dict[str, Any]:
    return {
        "id": st.id,
        "number": st.number,
        "title": st.title,
        "status": st.status,
        "first_at": _ts(st.first_at),
        "last_at": _ts(st.last_at),
        "responsible": list(st.responsible),
        "recorded_by": list(st.recorded_by),
        "persons": list(st.persons),
        "signals": list(st.signals),
        "veilig_thuis_advice_offered": st.veilig_thuis,
        "skip": (
            {
                "skipped": st.skip.skipped,
                "reason": st.skip.reason,
                "reason_label": st.skip.reason_label,
                "details": [_answer(a) for a in st.skip.details],
            }
            if st.skip is not None
            else None
        ),
        "answers": [_answer(a) for a in st.answers],
        "facts": [_note(n) for n in st.facts],
        "interpretations": [_note(n) for n in st.interpretations],
        "sources": [_note(n) for n in st.sources],
        "protocol_sources": list(st.protocol_sources),
    }


def _audit(entry: AuditItem | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {"seq": entry.seq, "at": _ts(entry.at), "event": entry.event, "hash": entry.entry_hash}


def _withheld_counts(s: Summary) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in s.withheld:
        # Even a count of the grounds for not telling the family tells the family something;
        # only the inspection names them (with their legal ground).
        if w.reason == "family" and s.audience != "inspection":
            continue
        counts[w.reason] = counts.get(w.reason, 0) + 1
    return counts


def to_dict(s: Summary) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generated_at": _ts(s.generated_at),
        "lang": s.lang,
        "layer": s.layer,
        "pseudonymised": s.pseudonymised,
        "case": {
            "ref": s.case_ref,
            "title": s.title,
            "status": s.case_status,
            "created_at": _ts(s.created_at),
            "updated_at": _ts(s.updated_at),
            "current_step": s.current_step,
            "damaged_records": s.damaged_count,
            "withheld_interpretations": s.withheld_interpretations,
            # Who the summary is for, and what it left out and why (question labels only).
            "audience": s.audience,
            "staff_route": s.staff_route,
            "withheld": _withheld_counts(s),
            # A parent's inspection says what was left out; the staff route only as a count
            # (even its questions would tell what happened).
            "withheld_items": [
                {"reason": w.reason, "what": w.what}
                for w in s.withheld
                if s.audience == "inspection" and w.reason != "staff"
            ],
            "organisation": s.organisation,
            "author": s.author,
        },
        "protocol": {
            "id": s.flow_id,
            "title": s.flow_title,
            "version": s.flow_version,
            "sources": list(s.protocol_sources),
        },
        # The very object `meldcode flows evaluate --json` prints under "decisions".
        "decisions": dict(s.decisions),
        "decision_motivations": {
            d.key: {"text": d.motivation, "by": d.motivation_by} if d.motivation else None
            for d in s.decision_items
        },
        "outcome": {
            "id": s.outcome_id,
            "title": s.outcome_title,
            "text": s.outcome_text,
            "meldnormen": list(s.meldnormen),
            "next_steps": list(s.next_steps),
        },
        "steps": [_step(st) for st in s.steps],
        "general_notes": [_note(n) for n in s.general_notes],
        "actions": [
            {
                "id": a.id,
                "text": a.text,
                "owner": a.owner,
                "due": _ts(a.due),
                "done_at": _ts(a.done_at),
                "created_at": _ts(a.created_at),
            }
            for a in s.actions
        ],
        "monitoring": {
            "date": _ts(s.monitoring_date),
            "deadlines": [
                {
                    "id": d.id,
                    "label": d.label,
                    "due": _ts(d.due),
                    "overdue": d.overdue,
                    "overdue_text": d.overdue_text,
                }
                for d in s.deadlines
            ],
            "closure_open": list(s.closure_open),
        },
        "off_path": [_answer(a) for a in s.off_path],
        # Full layer only (empty lists in the record layer).
        "chronology": [
            {
                "at": c.at.date().isoformat() if c.day_only else _ts(c.at),
                "kind": c.kind,
                "what": c.what,
                "detail": c.detail,
                "by": c.by or None,
                "step": c.step or None,
            }
            for c in s.chronology
        ],
        "corrections": [
            {
                "at": _ts(k.at),
                "kind": k.kind,
                "what": k.what,
                "before": k.before,
                "after": k.after or None,
                "by": k.by,
                "reason": k.reason,
            }
            for k in s.corrections
        ],
        "audit": {
            "case_entries": s.audit.count,
            "first": _audit(s.audit.first),
            "last": _audit(s.audit.last),
            "chain_head": _audit(s.audit.chain_head),
        },
    }


def render_json(summary: Summary) -> str:
    return json.dumps(to_dict(summary), ensure_ascii=False, indent=2) + "\n"
