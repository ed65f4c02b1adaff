"""Closing and reopening a case: the one write that changes a case's status on purpose.

Answers never touch the status any more (see casework/closing.py); this records the decision
and its reason in the case's sealed list blob and one audit entry (case_closed, case_reopened).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from meldcode_tui.store import codec
from meldcode_tui.store.base import CASE_STATUSES
from meldcode_tui.store.records import LifecycleEvent
from meldcode_tui.store.writes import CaseWrites

LifecycleKind = Literal["closed", "reopened"]
_KINDS = ("closed", "reopened", "flow_changed")


def lifecycle_events(info: Any) -> list[LifecycleEvent]:
    """The lifecycle entries of a case's opened list blob; a doctored entry is left out."""
    if not isinstance(info, dict) or not isinstance(info.get("lifecycle"), list):
        return []
    events: list[LifecycleEvent] = []
    for entry in info["lifecycle"]:
        try:
            kind = entry["e"]
            if kind not in _KINDS:
                continue
            events.append(
                LifecycleEvent(
                    kind,
                    codec.parse_iso(entry["at"]),
                    str(entry["by"]),
                    str(entry.get("why", "")),
                    before=str(entry.get("from", "")),
                    after=str(entry.get("to", "")),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return events


class CaseLifecycle(CaseWrites):
    """Status changes a user decides; each is one transaction with one audit entry."""

    def set_lifecycle(
        self,
        case_id: str,
        kind: LifecycleKind,
        *,
        status: str,
        author_role: str,
        reason: str = "",
        next_deadline: datetime | None = None,
    ) -> None:
        """Close (status closed) or reopen (status open or monitoring) in one transaction."""
        if status not in CASE_STATUSES or (kind == "closed") != (status == "closed"):
            raise ValueError("closing sets status closed; reopening sets open or monitoring")
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            entries = list(w.info.get("lifecycle") or [])
            entry = {"e": kind, "at": self._now(), "by": author_role}
            if reason:
                entry["why"] = reason
            entries.append(entry)
            w.info["lifecycle"] = entries
            w.info_changed = True
            w.row["status"] = status
            w.row["next_deadline"] = codec.iso_or_none(next_deadline)
            self._commit_write(w, "case_closed" if kind == "closed" else "case_reopened")
