"""Encrypted case store: SQLite through sqlite-utils, every user-typed value sealed by the vault."""

from meldcode_tui.store.errors import (
    BadRecoveryKey,
    CaseDamaged,
    CaseNotFound,
    KdfRefused,
    NoRecoveryKey,
    NotAStore,
    RecordNotFound,
    StoreClosed,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreInUse,
    StoreIOError,
    StoreNotFound,
    StoreTooNew,
    WrongPassphrase,
)
from meldcode_tui.store.schema import SCHEMA_VERSION
from meldcode_tui.store.store import CASE_STATUSES, UNCHANGED, Clock, Store, utc_now

__all__ = [
    "CASE_STATUSES",
    "SCHEMA_VERSION",
    "UNCHANGED",
    "BadRecoveryKey",
    "CaseDamaged",
    "CaseNotFound",
    "Clock",
    "KdfRefused",
    "NoRecoveryKey",
    "NotAStore",
    "RecordNotFound",
    "Store",
    "StoreClosed",
    "StoreDamaged",
    "StoreError",
    "StoreExists",
    "StoreIOError",
    "StoreInUse",
    "StoreNotFound",
    "StoreTooNew",
    "WrongPassphrase",
    "utc_now",
]
