"""`meldcode due` and `meldcode close`: time limits across cases; closing under a flow's rules."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

import typer

from meldcode_tui.casework import ClosureRefused, close_case, closure_reason
from meldcode_tui.cli_cases import CaseArg, JsonOpt, PassFileOpt, StoreOpt, _opened, _title
from meldcode_tui.cli_common import (
    EXIT_CHECK_FAILED,
    current_time,
    fail,
    flow_fail,
    local_minute,
    print_json,
)
from meldcode_tui.flow import FlowError, evaluate, get_flow
from meldcode_tui.i18n import current_language, t
from meldcode_tui.store import StoreError
from meldcode_tui.terminal_text import echo


def due(
    within: Annotated[
        int,
        typer.Option(
            "--within", min=0, max=36500, help="Also list limits due within this many days."
        ),
    ] = 7,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """List what is due or overdue across open cases (clock: MELDCODE_NOW, else now)."""
    moment = current_time()
    horizon = moment + timedelta(days=within)
    lang = current_language()
    items: list[dict[str, Any]] = []
    warnings: list[str] = []
    damaged: list[str] = []
    with _opened(store, passphrase_file, reader=True) as (opened, _):
        # Status and deadlines come from sealed data; a damaged case is reported, not skipped.
        for summary in opened.checked_cases():
            try:
                case = opened.get_case(summary.id)
            except StoreError:
                case = None
            if case is None or summary.damaged or case.damaged:
                damaged.append(summary.id)
                last = local_minute(summary.next_deadline)
                warnings.append(t("security.due_damaged", case=summary.id, deadline=last))
                if case is None:
                    continue
            elif summary.status == "closed":
                continue
            try:
                flow = get_flow(summary.flow_id)
            except FlowError:
                warnings.append(t("due.flow_missing", case=summary.id, flow=summary.flow_id))
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
                        "title": _title(summary),
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
        echo(warning, err=True)
    if as_json:
        print_json(
            {"now": moment.isoformat(), "within_days": within, "items": items, "damaged": damaged}
        )
    elif not items:
        typer.echo(t("due.none"))
    else:
        _due_lines(items)
    if damaged:
        raise typer.Exit(EXIT_CHECK_FAILED)


def _due_lines(items: list[dict[str, Any]]) -> None:
    for item in items:
        state = t("due.overdue") if item["overdue"] else t("due.open")
        echo(
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
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Close a case, only when its flow's closure rules hold and nothing required is open."""
    moment = current_time()
    lang = current_language()
    with _opened(store, passphrase_file) as (opened, _):
        if opened.get_case(case_id).summary.status == "closed":
            typer.echo(t("closure.already", case=case_id))
            return
        try:
            close_case(opened, case_id, now=moment)
        except FlowError as exc:
            flow_fail(exc)
        except ClosureRefused as exc:
            reason = closure_reason(exc.evaluation, lang)
            fail(t("closure.refused", case=case_id, reason=reason))
    typer.echo(t("closure.closed", case=case_id))


def register(app: typer.Typer) -> None:
    """Add `due` and `close` to the main `meldcode` app."""
    app.command("due")(due)
    app.command("close")(close)
