"""`meldcode retention` and `meldcode purge`: how long cases are kept, and shredding them after."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from meldcode_tui.cli.common import case_title, current_time, fail
from meldcode_tui.cli.options import CaseArg, PassFileOpt, StoreOpt
from meldcode_tui.cli.resolved import current
from meldcode_tui.cli.unlock import opened
from meldcode_tui.dates import show_date
from meldcode_tui.i18n import plural, t
from meldcode_tui.retention import RetentionState, parse_day


def years_setting() -> int | None:
    """The organisation's own term, if set (one clear error line when it is not a number)."""
    resolution, _ = current()
    if "retention_years" in resolution.problems:
        fail(t("retention.bad_years"))
    return resolution.settings.retention_years


def today() -> date:
    return current_time().astimezone().date()


def retention(
    case_id: CaseArg,
    pupil_left: Annotated[
        str | None,
        typer.Option(
            "--pupil-left",
            help="The day the child left the school or childcare (7-1-2026): the clock starts.",
        ),
    ] = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Show how long a case is kept, or record the day its retention clock starts."""
    start = None
    if pupil_left is not None:
        try:
            start = parse_day(pupil_left).isoformat()
        except ValueError:
            fail(t("retention.bad_date", value=pupil_left))
    years = years_setting()
    with opened(store, passphrase_file) as (unlocked, _):
        case = unlocked.get_case(case_id)
        if start is not None:
            unlocked.update_progress(case_id, retention_start=start)
            case = unlocked.get_case(case_id)
        from meldcode_tui.flow import FlowError, get_flow
        from meldcode_tui.retention import retention_state

        try:
            flow = get_flow(case.summary.flow_id)
        except FlowError:
            fail(t("export.flow_missing", flow=case.summary.flow_id))
        state = retention_state(
            flow,
            status=case.summary.status,
            updated_at=case.summary.updated_at,
            recorded_start=case.retention_start,
            today=today(),
            years=years,
        )
    typer.echo(describe(state, flow.id))


def describe(state: RetentionState | None, flow_id: str) -> str:
    if state is None:
        return t("retention.none", flow=flow_id)
    basis = t(f"retention.basis_{state.basis}")
    if state.ends is None:
        return t("retention.not_started", years=state.years, basis=basis)
    key = "retention.past" if state.past else "retention.until"
    return t(
        key,
        date=show_date(state.ends),
        years=state.years,
        basis=basis,
    )


def purge(
    yes: Annotated[
        bool, typer.Option("--yes", help="Do not ask; the cases are still named first.")
    ] = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Shred the closed cases past their retention, after a confirmation naming each one."""
    years = years_setting()
    with opened(store, passphrase_file) as (unlocked, _):
        from meldcode_tui.casework.retention import expired_cases

        expired = expired_cases(unlocked, years, today())
        if not expired:
            typer.echo(t("retention.nothing"))
            return
        typer.echo(plural("plural.purge_header", len(expired)))
        for e in expired:
            ends = e.state.ends
            assert ends is not None
            day = show_date(ends)
            typer.echo(
                t("retention.purge_line", case=e.summary.id, title=case_title(e.summary), date=day)
            )
        if not yes:
            try:
                answer = typer.prompt(t("retention.confirm", word=t("retention.confirm_word")))
            except typer.Abort:
                # No terminal to answer from (a script): nothing is shredded without --yes.
                fail(t("retention.needs_yes"))
            if answer.strip().casefold() != t("retention.confirm_word").casefold():
                typer.echo(t("retention.cancelled"))
                raise typer.Exit(1)
        for e in expired:
            # shred() empties the WAL too; the audit keeps one content-free line per case.
            unlocked.shred(e.summary.id)
            typer.echo(t("retention.shredded", case=e.summary.id))
    typer.echo(plural("plural.purge_done", len(expired)))
