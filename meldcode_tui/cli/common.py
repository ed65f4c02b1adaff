"""Shared CLI plumbing: one-line errors with exit codes, language, JSON output."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from meldcode_tui.cli.guard import unknown_language_line
from meldcode_tui.dates import show_date, show_moment
from meldcode_tui.flow.clock import ClockError
from meldcode_tui.flow.clock import now as clock_now
from meldcode_tui.flow.problems import FlowError
from meldcode_tui.i18n import UnknownLanguage, resolve_lang, set_language, t
from meldcode_tui.terminal_text import safe_json, safe_line, safe_text

if TYPE_CHECKING:
    from meldcode_tui.store.records import CaseSummary, DamagedRecord

from meldcode_tui.cli.exit_codes import EXIT_CHECK_FAILED as EXIT_CHECK_FAILED
from meldcode_tui.cli.exit_codes import EXIT_OK as EXIT_OK
from meldcode_tui.cli.exit_codes import EXIT_USAGE as EXIT_USAGE


def echo(text: str, *, err: bool = False) -> None:
    """Print case text or stored values: newlines kept, every control made visible."""
    typer.echo(safe_text(text), err=err)


def echo_line(text: str, *, err: bool = False) -> None:
    """Print one line of stored values (a case list row): nothing in it may break the line."""
    typer.echo(safe_line(text), err=err)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one clear line on stderr and exit; never a traceback."""
    typer.echo(safe_line(t("cli.error_prefix") + message), err=True)
    raise typer.Exit(code)


def flow_fail(exc: FlowError) -> NoReturn:
    """A flow that cannot be used: its first problem (where, what, how to fix) as the line."""
    fail(str(exc.problems[0]))


def current_time() -> datetime:
    """The shared clock (MELDCODE_NOW for tests and audits); a bad value is one clear line."""
    try:
        return clock_now()
    except ClockError:
        fail(t("due.bad_now"))


def local_minute(moment: datetime | None) -> str:
    """A moment in local time to the minute (7-1-2026 14:30), or "-"."""
    return show_moment(moment, "-")


def local_day(moment: datetime | None) -> str:
    """A moment's local date (7-1-2026), or "-"."""
    return show_date(moment, "-")


def yes_no(value: bool | None) -> str:
    """A decision or yes/no answer in words; None is "not yet decided"."""
    if value is None:
        return t("decision.undecided")
    return t("common.yes") if value else t("common.no")


def apply_language(lang: str | None) -> None:
    try:
        set_language(resolve_lang(lang))
    except UnknownLanguage as exc:
        typer.echo(unknown_language_line(exc.args[0]), err=True)
        raise typer.Exit(EXIT_USAGE) from None


def case_title(summary: CaseSummary) -> str:
    """A case's title for a listing; a damaged or empty one says so."""
    if summary.damaged and not summary.title:
        return t("cases.damaged_title")
    return summary.title or t("cases.no_title")


def damaged_line(d: DamagedRecord) -> str:
    """Where a record failed to open, never what it held."""
    return safe_line(
        t(
            "store.damaged_line",
            table=d.table,
            row=d.row_id,
            case=d.case_id or t("store.no_case"),
            field=d.field,
            reason=t(f"store.damage.{d.reason}"),
        )
    )


def print_json(data: Any) -> None:
    sys.stdout.write(safe_json(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
