"""Which copies exist outside the store, as the audit trail tells it: backups and exports.

Every verified backup (`backup_verified`), every restore (`store_restored`) and every summary
that left the store (`summary_exported`, `inspection_exported`, also those made beside the app,
store/beside.py) is an audit entry. This turns them into the lines `meldcode verify` and
`meldcode show` print, so the user knows months later which copies to look for. Never where
they went nor what they held: the log keeps neither.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from meldcode_tui.i18n import t
from meldcode_tui.store.records import AuditEntry

EXPORT_EVENTS = ("summary_exported", "inspection_exported")


@dataclass(frozen=True)
class Tally:
    count: int
    last: datetime | None


def _tally(entries: Sequence[AuditEntry], events: tuple[str, ...]) -> Tally:
    moments = [e.at for e in entries if e.event in events]
    return Tally(len(moments), max(moments) if moments else None)


def store_copies_lines(entries: Sequence[AuditEntry], when: Callable[[datetime], str]) -> list[str]:
    """Backups, restores and exports of the whole store (`verify`)."""
    backups = _tally(entries, ("backup_verified",))
    restores = _tally(entries, ("store_restored",))
    exports = _tally(entries, EXPORT_EVENTS)
    lines = [t("trust.copies_header")]
    if backups.last is None:
        lines.append(t("trust.copies_no_backup"))
    else:
        lines.append(t("trust.copies_backups", count=backups.count, last=when(backups.last)))
    if restores.last is not None:
        lines.append(t("trust.copies_restores", count=restores.count, last=when(restores.last)))
    if exports.last is None:
        lines.append(t("trust.copies_no_export"))
    else:
        lines.append(t("trust.copies_exports", count=exports.count, last=when(exports.last)))
    return lines


def case_export_lines(
    entries: Sequence[AuditEntry], case_id: str, when: Callable[[datetime], str]
) -> list[str]:
    """Every export of one case, newest last (`show`); empty when it never left the store."""
    mine = [e for e in entries if e.case_id == case_id and e.event in EXPORT_EVENTS]
    return [t("trust.case_export", when=when(e.at), what=t(f"trust.case_{e.event}")) for e in mine]
