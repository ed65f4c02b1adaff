"""Dates and times as people type and read them: one parser, one display format, everywhere.

Typed: `7-1-2026`, `7-1-2026 14:30` (also with / or . between the numbers) or ISO
(`2026-01-07`, `2026-01-07T14:30`, `2026-01-07 14:30`, with or without a zone). Shown:
`7-1-2026` and `7-1-2026 14:30`, in the reader's local time. The wizard, answers files, the CLI
and the engine all call these; stored values stay ISO (UTC for moments).

Imports nothing of the package, so every layer may use it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

# Dates a case can sensibly hold. Year 9999 typed by mistake made "start + 24 hours"
# overflow, and year 1 overflowed on conversion to local time: both are refused when typed,
# and a stored one (from an older version or a doctored file) counts as no date at all.
MIN_YEAR = 1900
MAX_YEAR = 2199


class YearOutOfRange(ValueError):
    """A real date, but with a year outside MIN_YEAR..MAX_YEAR."""


def in_range(year: int) -> bool:
    """True for a year between MIN_YEAR and MAX_YEAR, where date arithmetic cannot overflow."""
    return MIN_YEAR <= year <= MAX_YEAR


def _bounded(year: int) -> None:
    if not in_range(year):
        raise YearOutOfRange(year)


_DAY_FIRST = re.compile(
    r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})"
    r"(?:[ T]+(?P<H>\d{1,2})[:.](?P<M>\d{2}))?$"
)


def _day_first(text: str) -> tuple[date, time | None] | None:
    match = _DAY_FIRST.match(text.strip())
    if match is None:
        return None
    day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    if match["H"] is None:
        return day, None
    return day, time(int(match["H"]), int(match["M"]))


def parse_date(text: str) -> date:
    """A date typed by a person; ValueError when it is not one (or does not exist).

    YearOutOfRange (a ValueError) for a year outside MIN_YEAR..MAX_YEAR.
    """
    found = _day_first(text)
    if found is not None:
        day, at = found
        if at is not None:
            raise ValueError("a date, not a date and time")
    else:
        day = date.fromisoformat(text.strip())
    _bounded(day.year)
    return day


def parse_moment(text: str) -> datetime:
    """A date and time typed by a person, as an aware UTC moment; a time without zone is local.

    ValueError when it is not one, YearOutOfRange (a ValueError) for a year outside
    MIN_YEAR..MAX_YEAR. A date alone is the start of that day.
    """
    found = _day_first(text)
    if found is not None:
        day, at = found
        moment = datetime.combine(day, at or time(0, 0))
    else:
        moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    # Checked before the zone conversion, which itself overflows for year 1 or 9999.
    _bounded(moment.year)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def end_of_day(day: date) -> datetime:
    """When a limit given as a day runs out: the last second of that day (UTC)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def show_date(value: date | datetime | None, empty: str = "") -> str:
    """`7-1-2026`; a moment as its local date; `empty` for None."""
    if value is None:
        return empty
    if isinstance(value, datetime):
        value = value.astimezone().date() if value.tzinfo else value.date()
    return f"{value.day}-{value.month}-{value.year}"


def show_moment(value: datetime | None, empty: str = "") -> str:
    """`7-1-2026 14:30` in local time; `empty` for None."""
    if value is None:
        return empty
    local = value.astimezone() if value.tzinfo else value
    return f"{show_date(local.date())} {local:%H:%M}"
