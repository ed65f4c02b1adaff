"""The one clock for deadlines: the real time, or MELDCODE_NOW for tests and audits."""

from __future__ import annotations

import os
from datetime import UTC, datetime

# An ISO date-time (e.g. 2026-11-24T10:00, local time without a zone) that replaces "now" for
# every deadline computation: lets a test or an audit ask "what was overdue at that moment?".
ENV_NOW = "MELDCODE_NOW"


class ClockError(ValueError):
    """MELDCODE_NOW is set but is not an ISO date-time."""


def parse_moment(text: str) -> datetime:
    """An ISO date-time as an aware UTC moment; a time without a zone is local time."""
    moment = datetime.fromisoformat(text.strip())
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
