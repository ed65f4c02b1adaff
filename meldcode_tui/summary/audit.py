"""The audit trail of one case as the summary shows it: count, first, last, the chain's seal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from meldcode_tui.summary.model import AuditItem, AuditTrail

if TYPE_CHECKING:
    from meldcode_tui.store.records import AuditEntry


def _audit_item(entry: AuditEntry | None) -> AuditItem | None:
    if entry is None:
        return None
    return AuditItem(seq=entry.seq, at=entry.at, event=entry.event, entry_hash=entry.entry_hash)


def audit_trail(case_id: str, entries: Sequence[AuditEntry]) -> AuditTrail:
    mine = [e for e in entries if e.case_id == case_id]
    return AuditTrail(
        count=len(mine),
        first=_audit_item(mine[0] if mine else None),
        last=_audit_item(mine[-1] if mine else None),
        chain_head=_audit_item(entries[-1] if entries else None),
    )
