"""`meldcode retention` and `meldcode purge`: how long cases are kept, and shredding them after."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from meldcode_tui.cli_cases import CaseArg, PassFileOpt, StoreOpt, _opened, _title
from meldcode_tui.cli_common import current_time, fail
from meldcode_tui.flow import FlowError, get_flow
from meldcode_tui.i18n import t
from meldcode_tui.retention import RetentionState, override_years, parse_day, retention_state
from meldcode_tui.store import Store, StoreError
from meldcode_tui.store.records import CaseSummary


@dataclass(frozen=True)
class Expired:
    summary: CaseSummary
    state: RetentionState


def years_setting() -> int | None:
    """The organisation's own term, if set (one clear error line when it is not a number)."""
    try:
        return override_years()
    except ValueError:
        fail(t("retention.bad_years"))


def state_of(opened: Store, summary: CaseSummary, years: int | None) -> RetentionState | None:
    """The retention of one listed case; opens only a closed one (the rest cannot expire)."""
    try:
        flow = get_flow(summary.flow_id)
    except FlowError:
        return None
    if flow.retention is None and years is None:
        return None
    recorded = None
    if summary.status == "closed":
        # Only a closed case can expire, so only a closed one is opened (the list stays cheap).
        recorded = opened.get_case(summary.id).retention_start
    return retention_state(
        flow,
        status=summary.status,
        updated_at=summary.updated_at,
        recorded_start=recorded,
        today=current_time().astimezone().date(),
        years=years,
    )


def expired_cases(opened: Store, years: int | None) -> list[Expired]:
    """Closed cases past their retention, oldest end first (damaged cases are left alone)."""
    found: list[Expired] = []
    for summary in opened.list_cases():
        if summary.status != "closed" or summary.damaged:
            continue
        try:
            state = state_of(opened, summary, years)
        except StoreError:
            continue
        if state is not None and state.past:
            found.append(Expired(summary, state))
    return sorted(found, key=lambda e: (e.state.ends, e.summary.id))


def retention(
    case_id: CaseArg,
    pupil_left: Annotated[
        str | None,
        typer.Option("--pupil-left", help="The day the pupil left (7-1-2026): the clock starts."),
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
    with _opened(store, passphrase_file) as (opened, _):
        case = opened.get_case(case_id)
        if start is not None:
            opened.update_progress(case_id, retention_start=start)
            case = opened.get_case(case_id)
        try:
            flow = get_flow(case.summary.flow_id)
        except FlowError:
            fail(t("export.flow_missing", flow=case.summary.flow_id))
        state = retention_state(
            flow,
            status=case.summary.status,
            updated_at=case.summary.updated_at,
            recorded_start=case.retention_start,
            today=current_time().astimezone().date(),
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
        date=f"{state.ends.day}-{state.ends.month}-{state.ends.year}",
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
    with _opened(store, passphrase_file) as (opened, _):
        expired = expired_cases(opened, years)
        if not expired:
            typer.echo(t("retention.nothing"))
            return
        typer.echo(t("retention.purge_header", count=len(expired)))
        for e in expired:
            ends = e.state.ends
            assert ends is not None
            day = f"{ends.day}-{ends.month}-{ends.year}"
            typer.echo(
                t("retention.purge_line", case=e.summary.id, title=_title(e.summary), date=day)
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
            opened.shred(e.summary.id)
            typer.echo(t("retention.shredded", case=e.summary.id))
    typer.echo(t("retention.done", count=len(expired)))


def register(app: typer.Typer) -> None:
    """Add `retention` and `purge` to the main app."""
    app.command("retention")(retention)
    app.command("purge")(purge)
