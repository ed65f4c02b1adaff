"""An export's default name. Writing it is store.files.write_private (the one atomic write)."""

from __future__ import annotations

from datetime import date


def default_filename(case_ref: str, fmt: str, day: date, preset: str | None = None) -> str:
    """meldcode-<case reference>-<YYYY-MM-DD>[-<preset>].<format>: the reference is a pseudonym."""
    safe = "".join(c for c in case_ref if c.isalnum() or c in "-_") or "casus"
    tail = f"-{preset}" if preset else ""
    return f"meldcode-{safe}-{day.isoformat()}{tail}.{fmt}"
