"""How long a case is kept: the flow's retention, the case's clock start, and when it ends.

A flow states its retention (`[retention]` in flows/*.toml: so many years after the pupil left or
after the case was closed, with its sources). The clock of a case starts on the date recorded
with `meldcode retention CASE --pupil-left DATE`, or for `case_closed` on the day it was closed.
Only a closed case can be past retention: an open case is still being worked on. Pure: no store,
no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from meldcode_tui.settings import ENV_RETENTION_YEARS, retention_years_from_env

if TYPE_CHECKING:  # only a type here; the CLI's start path need not load the flow model
    from meldcode_tui.flow.model import Flow

# A setting overrides every flow's term: Settings.retention_years (flag-less: the variable,
# else `retention_years` in the settings file). The name is kept for callers of the variable.
YEARS_ENV = ENV_RETENTION_YEARS


@dataclass(frozen=True)
class RetentionState:
    years: int
    basis: str  # "pupil_left" or "case_closed"
    start: date | None  # None: the clock has not started (no date recorded yet)
    ends: date | None
    past: bool


def override_years(environ: Mapping[str, str] | None = None) -> int | None:
    """MELDCODE_RETENTION_YEARS alone, or None (ValueError if bad); settings.py reads it.

    The CLI uses the resolved Settings.retention_years instead, which adds the settings file.
    """
    return retention_years_from_env(environ)


def add_years(day: date, years: int) -> date:
    """29 February plus a year is 28 February: the term never ends later than it should."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retention_state(
    flow: Flow,
    *,
    status: str,
    updated_at: datetime,
    recorded_start: str | None,
    today: date,
    years: int | None = None,
) -> RetentionState | None:
    """The retention of one case, or None when neither the flow nor a setting states one."""
    rule = flow.retention
    if rule is None and years is None:
        return None
    term = years if years is not None else rule.years if rule else 0
    basis = rule.start if rule else "case_closed"
    start: date | None = None
    if recorded_start:
        start = date.fromisoformat(recorded_start)
    elif basis == "case_closed" and status == "closed":
        # A closed case is read-only: its last change is the day it was closed.
        start = updated_at.astimezone().date()
    ends = add_years(start, term) if start else None
    return RetentionState(
        years=term,
        basis=basis,
        start=start,
        ends=ends,
        past=status == "closed" and ends is not None and today >= ends,
    )


def parse_day(text: str) -> date:
    """7-1-2026 or 2026-01-07 (ValueError otherwise)."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        day, month, year = (int(part) for part in text.split("-"))
        if year < 1900:
            raise ValueError("year") from None
        return date(year, month, day)
