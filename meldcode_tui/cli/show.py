"""`meldcode list` and `meldcode show`: the cases, and one case with everything it holds."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import typer

from meldcode_tui.cli.common import (
    case_title,
    current_time,
    damaged_line,
    echo_line,
    local_day,
    local_minute,
    print_json,
    yes_no,
)
from meldcode_tui.cli.common import echo as cli_echo
from meldcode_tui.cli.handover_show import handover_lines
from meldcode_tui.cli.options import CaseArg, JsonOpt, PassFileOpt, StoreOpt
from meldcode_tui.cli.revisions import (
    fix_json,
    ledger_corrections_json,
    ledger_lines,
    ledger_questions,
    note_revision_lines,
    note_revisions_json,
    withdrawn_lines,
)
from meldcode_tui.cli.unlock import opened
from meldcode_tui.i18n import current_language, t

if TYPE_CHECKING:
    from meldcode_tui.casework.contacts import Contact
    from meldcode_tui.flow import Evaluation
    from meldcode_tui.store.records import Case, CaseSummary, DamagedRecord


def _status(status: str) -> str:
    """A case status in words; an unknown (doctored) one as it is stored."""
    from meldcode_tui.store import CASE_STATUSES

    return t(f"cases.status.{status}") if status in CASE_STATUSES else status


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _summary_json(s: CaseSummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "flow": s.flow_id,
        "status": s.status,
        "created_at": _iso(s.created_at),
        "updated_at": _iso(s.updated_at),
        "next_deadline": _iso(s.next_deadline),
        "current_step": s.current_step,
        "decisions": {"melden": s.melden, "hulp": s.hulp},
        "damaged": s.damaged,
    }


def _damaged_json(d: DamagedRecord) -> dict[str, Any]:
    return {
        "table": d.table,
        "row": d.row_id,
        "case": d.case_id,
        "field": d.field,
        "reason": d.reason,
    }


def list_cases(
    as_json: JsonOpt = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """List the cases, most recently changed first."""
    from meldcode_tui.casework.retention import expired_cases
    from meldcode_tui.cli.retention import today, years_setting

    with opened(store, passphrase_file, reader=True) as (unlocked, _):
        cases = unlocked.checked_cases()
        expired = {e.summary.id for e in expired_cases(unlocked, years_setting(), today())}
    overdue = _overdue_ids(cases)
    if as_json:
        print_json(
            [
                {**_summary_json(c), "overdue": c.id in overdue, "past_retention": c.id in expired}
                for c in cases
            ]
        )
        return
    if not cases:
        typer.echo(t("cases.none"))
        return
    typer.echo(t("cases.list_header"))
    mark = "  ! " + t("due.list_overdue")
    past = "  ! " + t("retention.list_past")
    for c in cases:
        flag = mark if c.id in overdue else past if c.id in expired else ""
        echo_line(
            f"{c.id:<9} {_status(c.status):<11} {c.flow_id:<14} {local_minute(c.updated_at):<18} "
            f"{local_day(c.next_deadline):<12} {case_title(c)}{flag}"
            + ("  ! " + t("security.list_damaged") if c.damaged else "")
            + ("  (" + t("tui.handover.badge") + ")" if c.handed_over else "")
        )


def _overdue_ids(cases: list[CaseSummary]) -> set[str]:
    """Cases whose next time limit has passed; closed cases are never overdue.

    The shared clock (MELDCODE_NOW or now) is read once, and only when some case has a limit.
    """
    limits = [
        (c.id, c.next_deadline)
        for c in cases
        if c.status != "closed" and c.next_deadline is not None
    ]
    if not limits:
        return set()
    now = current_time()
    return {case_id for case_id, deadline in limits if deadline < now}


def _evaluation(case: Case) -> Evaluation | None:
    from meldcode_tui.casework import evaluate_case
    from meldcode_tui.flow import FlowError

    try:
        return evaluate_case(case)
    except FlowError:
        return None


def show(
    case_id: CaseArg,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Show a case: answers, path, decisions, notes, actions, and anything damaged."""
    from meldcode_tui.casework.contacts import list_contacts
    from meldcode_tui.casework.copies import EXPORT_EVENTS, case_export_lines

    with opened(store, passphrase_file, reader=True) as (unlocked, _):
        case = unlocked.get_case(case_id)
        entries = unlocked.audit()
        contacts = list_contacts(unlocked)
    result = _evaluation(case)
    if as_json:
        print_json(
            {
                "case": _summary_json(case.summary),
                "position": case.position,
                "answers": case.answers,
                "history": [
                    {
                        "question": h.question_id,
                        "value": h.value,
                        "previous": h.previous,
                        "role": h.author_role,
                        "at": _iso(h.at),
                        "cleared": h.cleared,
                        "fix": fix_json(h.fix),
                    }
                    for h in case.history
                ],
                "notes": [
                    {
                        "id": n.id,
                        "kind": n.kind,
                        "text": n.text,
                        "step": n.step_id,
                        "role": n.author_role,
                        "at": _iso(n.created_at),
                        "for_record": n.for_record,
                        **note_revisions_json(n),
                    }
                    for n in case.notes
                ],
                "ledger_corrections": ledger_corrections_json(case),
                "actions": [
                    {
                        "id": a.id,
                        "text": a.text,
                        "owner": a.owner,
                        "due": _iso(a.due),
                        "done_at": _iso(a.done_at),
                        "created_at": _iso(a.created_at),
                    }
                    for a in case.actions
                ],
                "lifecycle": [
                    {
                        "event": e.event,
                        "at": _iso(e.at),
                        "role": e.author_role,
                        "reason": e.reason,
                        **({"from": e.before, "to": e.after} if e.event == "flow_changed" else {}),
                    }
                    for e in case.lifecycle
                ],
                "evaluation": result.to_json() if result else None,
                "damaged": [_damaged_json(d) for d in case.damaged],
                # When a summary of this case left the store (the audit trail; never where).
                "exports": [
                    {"event": e.event, "at": _iso(e.at)}
                    for e in entries
                    if e.case_id == case.summary.id and e.event in EXPORT_EVENTS
                ],
            }
        )
        return
    _show_text(case, result, contacts)
    exports = case_export_lines(entries, case.summary.id, local_minute)
    if exports:
        cli_echo("")
        cli_echo(t("trust.case_exports_header"))
        for line in exports:
            cli_echo(line)


def _show_text(case: Case, result: Evaluation | None, contacts: list[Contact]) -> None:
    s = case.summary
    lang = current_language()
    echo = cli_echo
    echo(t("cases.show_title", id=s.id, title=case_title(s)))
    for line in handover_lines(case, contacts):
        echo(line)
    echo(
        t(
            "cases.show_meta",
            flow=s.flow_id,
            status=_status(s.status),
            created=local_minute(s.created_at),
            updated=local_minute(s.updated_at),
        )
    )
    if result is None:
        echo(t("cases.flow_unknown", flow=s.flow_id))
        melden, hulp, step = s.melden, s.hulp, s.current_step
    else:
        echo(t("cases.show_path", path=" -> ".join(result.path)))
        if result.outcome is not None:
            echo(t("cases.show_outcome", title=result.outcome.title.get(lang)))
        melden, hulp, step = result.decisions.melden, result.decisions.hulp, result.current_step
    if step:
        echo(t("cases.show_step", step=step))
    for key, value in (("melden", melden), ("hulp", hulp)):
        label = result.decision_label(key, lang) if result is not None else None
        if label:
            echo(t("cases.show_decision", label=label, value=yes_no(value)))
        else:
            echo(t(f"cases.show_{key}", value=yes_no(value)))
    if s.next_deadline:
        echo(t("cases.show_deadline", date=local_minute(s.next_deadline)))
    if result is not None and result.missing:
        echo(t("cases.show_missing", ids=", ".join(result.missing)))
    echo("")
    echo(t("cases.show_answers"))
    if not case.answers:
        echo(t("cases.show_none"))
    off_path = set(result.off_path) if result is not None else set()
    for qid, value in _in_flow_order(case, result):
        marker = " " + t("cases.show_answer_off_path") if qid in off_path else ""
        if isinstance(value, list) and value and all(isinstance(e, dict) for e in value):
            echo(f"  {qid}:{marker}")
            for line in ledger_lines(case, qid, value, _answer_text):
                echo("    " + line)
            continue
        echo(f"  {qid}: {_answer_text(value)}{marker}")
    for qid in ledger_questions(case):
        # Every entry withdrawn: the answer is gone, what it held is not.
        if qid not in case.answers and (gone := withdrawn_lines(case, qid, _answer_text)):
            echo(f"  {qid}: -")
            for line in gone:
                echo("    " + line)
    echo("")
    echo(t("cases.show_notes"))
    if not case.notes:
        echo(t("cases.show_none"))
    for n in case.notes:
        step_part = t("cases.note_step", step=n.step_id) if n.step_id else ""
        echo(
            t(
                "corrections.note_line",
                kind=n.kind,
                id=n.id,
                at=local_minute(n.created_at),
                role=n.author_role,
                step=step_part,
                text=n.text,
            )
        )
        for line in note_revision_lines(n):
            echo("      " + line)
    if case.actions:
        echo("")
        echo(t("cases.show_actions"))
        for a in case.actions:
            due = t("cases.action_due", date=local_day(a.due)) if a.due else ""
            echo(
                t(
                    "cases.action_line",
                    mark="x" if a.done_at else " ",
                    id=a.id,
                    text=a.text,
                    owner=a.owner,
                    due=due,
                )
            )
    if case.lifecycle:
        echo("")
        echo(t("lifecycle.show_history"))
        for e in case.lifecycle:
            reason = t("lifecycle.history_reason", reason=e.reason) if e.reason else ""
            if e.event == "flow_changed":
                echo(
                    t(
                        "flowchange.history_line",
                        before=e.before,
                        after=e.after,
                        at=local_minute(e.at),
                        role=e.author_role,
                        reason=reason,
                    )
                )
                continue
            echo(
                t(
                    "lifecycle.history_line",
                    event=t(f"lifecycle.event_{e.event}"),
                    at=local_minute(e.at),
                    role=e.author_role,
                    reason=reason,
                )
            )
    if case.damaged:
        echo("")
        echo(t("cases.show_damaged"))
        for d in case.damaged:
            echo("  " + damaged_line(d))


def _in_flow_order(case: Case, result: Evaluation | None) -> list[tuple[str, Any]]:
    """Answers in the order the flow asks them (the store keeps no order); unknown ids last."""
    if result is None:
        return sorted(case.answers.items())
    order = {q.id: i for i, q in enumerate(result.flow.questions())}
    return sorted(case.answers.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _answer_text(value: Any) -> str:
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, list | dict):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)
