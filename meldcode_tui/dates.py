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
    """A date typed by a person; ValueError when it is not one (or does not exist)."""
    found = _day_first(text)
    if found is not None:
        day, at = found
        if at is not None:
            raise ValueError("a date, not a date and time")
        return day
    return date.fromisoformat(text.strip())


def parse_moment(text: str) -> datetime:
    """A date and time typed by a person, as an aware UTC moment; a time without zone is local.

    ValueError when it is not one. A date alone is the start of that day.
    """
    found = _day_first(text)
    if found is not None:
        day, at = found
        moment = datetime.combine(day, at or time(0, 0))
    else:
        moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
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
