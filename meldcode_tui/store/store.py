"""The Store: an encrypted, single-file, single-writer case store."""

from __future__ import annotations

from meldcode_tui.store.actions import CaseActions
from meldcode_tui.store.backup import StoreBackup
from meldcode_tui.store.base import CASE_STATUSES, Clock, utc_now
from meldcode_tui.store.lifecycle import CaseLifecycle
from meldcode_tui.store.opening import StoreOpening
from meldcode_tui.store.revisions import CaseRevisions
from meldcode_tui.store.writes import UNCHANGED, AnswerWritten, Progress

__all__ = [
    "CASE_STATUSES",
    "UNCHANGED",
    "AnswerWritten",
    "Clock",
    "Progress",
    "Store",
    "utc_now",
]


class Store(StoreOpening, CaseActions, CaseLifecycle, CaseRevisions, StoreBackup):
    """Open with `Store.open` or `Store.create`; the constructor is internal.

    The operations live in one class per concern: opening.py (lifecycle and keys), writes.py
    (changing a case), actions.py (agreed actions, the export record), lifecycle.py (closing
    and reopening), revisions.py (corrections, withdrawals, another protocol), reads.py (list
    and get), integrity.py (verify, audit), backup.py (backup, restore, shred); base.py holds
    the state and primitives they share.
    """
