"""`meldcode due` and `meldcode close`: time limits across cases; closing under a flow's rules."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

import typer

from meldcode_tui.cli.common import (
    case_title,
    current_time,
    fail,
    flow_fail,
    local_minute,
    print_json,
)
from meldcode_tui.cli.options import CaseArg, JsonOpt, PassFileOpt, RoleOpt, StoreOpt
from meldcode_tui.cli.unlock import opened
from meldcode_tui.flow import FlowError, evaluate, get_flow
from meldcode_tui.i18n import current_language, t


def due(
    within: Annotated[
        int,
        typer.Option("--within", min=0, help="Also list limits due within this many days."),
    ] = 7,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """List what is due or overdue across open cases (clock: MELDCODE_NOW, else now)."""
    from meldcode_tui.store import StoreError

    moment = current_time()
    horizon = moment + timedelta(days=within)
    lang = current_language()
    items: list[dict[str, Any]] = []
    warnings: list[str] = []
    with opened(store, passphrase_file) as (unlocked, _):
        for summary in unlocked.list_cases():
            if summary.status == "closed":
                continue
            try:
                case = unlocked.get_case(summary.id)
                flow = get_flow(summary.flow_id)
            except FlowError:
                warnings.append(t("due.flow_missing", case=summary.id, flow=summary.flow_id))
                continue
            except StoreError:
                # One unreadable case must not hide the deadlines of all the others.
                warnings.append(t("due.case_damaged", case=summary.id))
                continue
            result = evaluate(flow, case.answers, now=moment)
            for deadline in result.deadlines:
                if not deadline.overdue and deadline.due > horizon:
                    continue
                rule = deadline.rule
                open_escalation = rule.escalate in result.missing if rule.escalate else False
                items.append(
                    {
                        "case": summary.id,
                        "title": case_title(summary),
                        "flow": summary.flow_id,
                        "deadline": rule.id,
                        "label": rule.label.get(lang),
                        "due": deadline.due.isoformat(),
                        "overdue": deadline.overdue,
                        "message": rule.overdue.get(lang)
                        if deadline.overdue and rule.overdue
                        else None,
                        "escalate": rule.escalate if open_escalation else None,
                    }
                )
    items.sort(key=lambda item: (item["due"], item["case"]))
    for warning in warnings:
        typer.echo(warning, err=True)
    if as_json:
        print_json({"now": moment.isoformat(), "within_days": within, "items": items})
        return
    if not items:
        typer.echo(t("due.none"))
        return
    for item in items:
        state = t("due.overdue") if item["overdue"] else t("due.open")
        typer.echo(
            t(
                "due.line",
                case=item["case"],
                due=local_minute(datetime.fromisoformat(item["due"])),
                state=state,
                title=item["title"],
                label=item["label"],
            )
        )
        if item["message"]:
            typer.echo(t("due.overdue_hint", text=item["message"]))
        if item["escalate"]:
            typer.echo(t("due.escalate_hint", q=item["escalate"]))


def close(
    case_id: CaseArg,
    role: RoleOpt = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Close a case, only when its flow's closure rules hold and nothing required is open."""
    from meldcode_tui.casework import ClosureRefused, UnknownRole, close_case, closure_reason

    moment = current_time()
    lang = current_language()
    with opened(store, passphrase_file) as (unlocked, _):
        if unlocked.get_case(case_id).summary.status == "closed":
            typer.echo(t("closure.already", case=case_id))
            return
        try:
            close_case(unlocked, case_id, now=moment, author_role=role)
        except FlowError as exc:
            flow_fail(exc)
        except UnknownRole as exc:
            fail(str(exc))
        except ClosureRefused as exc:
            reason = closure_reason(exc.evaluation, lang)
            fail(t("closure.refused", case=case_id, reason=reason))
    typer.echo(t("closure.closed", case=case_id))
