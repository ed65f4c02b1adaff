"""The one clock for deadlines: the real time, or MELDCODE_NOW for tests and audits."""

from __future__ import annotations

import os
from datetime import UTC, datetime

# An ISO date-time (e.g. 2026-11-24T10:00, local time without a zone) that replaces "now" for
# every deadline computation: lets a test or an audit ask "what was overdue at that moment?".
ENV_NOW = "MELDCODE_NOW"
# Dates a case can sensibly hold. Year 9999 typed by mistake made "start + 24 hours"
# overflow, and year 1 overflowed on conversion to local time: both are refused when typed,
# and a stored one (from an older version or a doctored file) counts as no date at all.
MIN_YEAR = 1900
MAX_YEAR = 2199


class ClockError(ValueError):
    """MELDCODE_NOW is set but is not an ISO date-time."""


def in_range(year: int) -> bool:
    """True for a year between MIN_YEAR and MAX_YEAR, where date arithmetic cannot overflow."""
    return MIN_YEAR <= year <= MAX_YEAR


def parse_moment(text: str) -> datetime:
    """An ISO date-time as an aware UTC moment; a time without a zone is local time.

    ValueError for a text that is not one, or a year outside MIN_YEAR..MAX_YEAR.
    """
    moment = datetime.fromisoformat(text.strip())
    if not in_range(moment.year):
        raise ValueError("year out of range")
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def now() -> datetime:
    """The current moment (UTC), overridden by MELDCODE_NOW when set."""
    override = os.environ.get(ENV_NOW, "").strip()
    if not override:
        return datetime.now(UTC)
    try:
        return parse_moment(override)
    except ValueError:
        raise ClockError(ENV_NOW) from None
