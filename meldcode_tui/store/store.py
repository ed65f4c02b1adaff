"""The Store: an encrypted, single-file, single-writer case store."""

from __future__ import annotations

import contextlib
import sqlite3

from meldcode_tui.store.actions import CaseActions
from meldcode_tui.store.backup import StoreBackup
from meldcode_tui.store.base import CASE_STATUSES, Clock, utc_now
from meldcode_tui.store.errors import StoreError
from meldcode_tui.store.identity import StoreRecords
from meldcode_tui.store.lifecycle import CaseLifecycle
from meldcode_tui.store.opening import StoreOpening
from meldcode_tui.store.records import DamagedRecord
from meldcode_tui.store.revisions import CaseRevisions
from meldcode_tui.store.transfer import CaseTransfer
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


class Store(
    StoreOpening,
    CaseActions,
    CaseLifecycle,
    CaseRevisions,
    StoreBackup,
    CaseTransfer,
    StoreRecords,
):
    """Open with `Store.open` or `Store.create`; the constructor is internal.

    The operations live in one class per concern: opening.py (lifecycle and keys), writes.py
    (changing a case), actions.py (agreed actions, the export record), lifecycle.py (closing
    and reopening), revisions.py (corrections, withdrawals, another protocol), reads.py (list
    and get), integrity.py (verify, audit), backup.py (backup, restore, shred); base.py holds
    the state and primitives they share.
    """

    def verify(self) -> list[DamagedRecord]:
        """Every case (integrity.py), then the identity, address book and hand-over register."""
        return [*super().verify(), *self.verify_records()]

    def _after_unlock(self, passphrase: str | None) -> None:
        super()._after_unlock(passphrase)
        # Exports written beside the app while it held the store (store/beside.py); a store
        # that cannot take them now still opens, and keeps the notes.
        with contextlib.suppress(StoreError, sqlite3.DatabaseError, OSError):
            self.record_beside_exports()

    def close(self) -> None:
        if not self.closed and not self.readonly:
            # The app closes at lock and quit: exports made beside it meanwhile enter its log.
            # Never a reason not to close: a failure leaves the notes for the next writer.
            with contextlib.suppress(StoreError, sqlite3.DatabaseError, OSError):
                self.record_beside_exports()
        super().close()
