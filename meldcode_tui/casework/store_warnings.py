"""The lines a command prints when it opens a store: a risky place, an old or missing backup."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from meldcode_tui.flow import clock
from meldcode_tui.i18n import plural, t
from meldcode_tui.store import Store
from meldcode_tui.store_location import (
    BACKUP_REMINDER_DAYS,
    backup_overdue,
    days_since,
    last_verified_backup,
    store_location_risk,
)


def _now() -> datetime:
    # The deadlines' clock, so MELDCODE_NOW moves the reminder too; a bad value is reported
    # by the command that needs it, not here.
    try:
        return clock.now()
    except clock.ClockError:
        return datetime.now(UTC)


def backup_age_days(store: Store, now: datetime | None = None) -> int | None:
    """Whole days since the newest verified backup; None if there never was one."""
    events = [(entry.event, entry.at) for entry in store.audit()]
    return days_since(last_verified_backup(events), now or _now())


def open_warnings(
    store: Store, path: Path, *, now: datetime | None = None, limit: int = BACKUP_REMINDER_DAYS
) -> list[str]:
    moment = now or _now()
    lines: list[str] = []
    if store.kdf_warning is not None:
        # Made with the test-only light key settings: cheap to guess until strengthened, and
        # every older copy of the file stays so.
        lines.append(t(f"trust.kdf_{store.kdf_warning}", path=path))
    risk = store_location_risk(path)
    if risk is not None:
        key = "location.synced" if risk.kind == "synced" else "location.network"
        lines.append(t(key, path=path, service=risk.service))
    events = [(entry.event, entry.at) for entry in store.audit()]
    last = last_verified_backup(events)
    born = [at for event, at in events if event in ("store_created", "store_restored")]
    if backup_overdue(last, max(born) if born else None, moment, limit):
        since = days_since(last, moment)
        if since is None:
            lines.append(t("location.backup_never"))
        else:
            lines.append(plural("plural.backup_old", since))
    return lines
