"""`meldcode due` and `meldcode close`: time limits and actions across cases; closing a case."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any

import typer

from meldcode_tui.cli.common import (
    EXIT_CHECK_FAILED,
    case_title,
    current_time,
    echo,
    echo_line,
    fail,
    flow_fail,
    local_minute,
    print_json,
)
from meldcode_tui.cli.options import CaseArg, JsonOpt, PassFileOpt, RoleOpt, StoreOpt
from meldcode_tui.cli.retention import years_setting
from meldcode_tui.cli.unlock import opened
from meldcode_tui.dates import show_date
from meldcode_tui.flow import FlowError
from meldcode_tui.i18n import current_language, t


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
    from meldcode_tui.casework.due import what_is_due

    moment = current_time()
    horizon = moment + timedelta(days=within)
    with opened(store, passphrase_file, reader=True) as (unlocked, _):
        report = what_is_due(unlocked, moment, horizon, current_language(), case_title)
        # Closed cases past their retention are due too: to be shredded (issue 13).
        from meldcode_tui.casework.retention import expired_cases

        expired = [
            {"case": e.summary.id, "title": case_title(e.summary), "ends": str(e.state.ends)}
            for e in expired_cases(unlocked, years_setting(), moment.astimezone().date())
        ]
    items, warnings, damaged = report.items, report.warnings, report.damaged
    for warning in warnings:
        echo(warning, err=True)
    if as_json:
        print_json(
            {
                "now": moment.isoformat(),
                "within_days": within,
                "items": items,
                "past_retention": expired,
                "damaged": damaged,
            }
        )
    else:
        for e in expired:
            day = date.fromisoformat(e["ends"])
            echo_line(
                t("retention.due_line", case=e["case"], date=show_date(day), title=e["title"])
            )
        if not items and not expired:
            typer.echo(t("due.none"))
        elif items:
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
            echo(t("due.overdue_hint", text=item["message"]))
        if item["escalate"]:
            echo(t("due.escalate_hint", q=item["escalate"]))


def close(
    case_id: CaseArg,
    role: RoleOpt = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Close a case, only when its flow's closure rules hold and nothing required is open."""
    from meldcode_tui.casework import (
        CaseClosed,
        ClosureRefused,
        UnknownRole,
        close_case,
        closure_reason,
    )

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
        except (UnknownRole, CaseClosed) as exc:
            # CaseClosed here: the case was handed over (read-only; issue 17).
            fail(str(exc))
        except ClosureRefused as exc:
            reason = closure_reason(exc.evaluation, lang)
            fail(t("closure.refused", case=case_id, reason=reason))
    typer.echo(t("closure.closed", case=case_id))
