"""The one clock for deadlines: the real time, or MELDCODE_NOW for tests and audits.

settings.py reads the variable (`now_override`), at each call: an audit or a test changes it
between calls, and `evaluate()` without a moment must honour it for every caller.
"""

from __future__ import annotations

from datetime import UTC, datetime

# The year bounds live with the one date parser; named here for the deadline code.
from meldcode_tui.dates import MAX_YEAR, MIN_YEAR, in_range, parse_moment
from meldcode_tui.settings import ENV_NOW, now_override

# MELDCODE_NOW: a date-time as people type it (2026-11-24T10:00 or 24-11-2026 10:00; local
# time without a zone, see dates.py) that replaces "now" for every deadline computation: lets
# a test or an audit ask "what was overdue at that moment?".

__all__ = ["ENV_NOW", "MAX_YEAR", "MIN_YEAR", "ClockError", "in_range", "now", "parse_moment"]


class ClockError(ValueError):
    """MELDCODE_NOW is set but is not a date-time (or has a year outside the bounds)."""


def now() -> datetime:
    """The current moment (UTC), overridden by MELDCODE_NOW when set."""
    override = now_override()
    if override is None:
        return datetime.now(UTC)
    try:
        return parse_moment(override)
    except ValueError:
        raise ClockError(ENV_NOW) from None
