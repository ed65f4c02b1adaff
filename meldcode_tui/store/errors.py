"""Store errors: each has a stable code the CLI and TUI translate; none carries user text."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every store error. `code` names the locale string that explains it."""

    code = "error"


class StoreNotFound(StoreError):
    code = "not_found"


class StoreExists(StoreError):
    code = "exists"


class StoreInUse(StoreError):
    code = "in_use"


class WrongPassphrase(StoreError):
    code = "wrong_passphrase"


class StoreDamaged(StoreError):
    code = "damaged"


class NotAStore(StoreDamaged):
    code = "not_a_store"


class KdfRefused(StoreDamaged):
    """The stored key-derivation parameters are beyond the cap or below the floor."""

    code = "kdf_refused"


class CaseDamaged(StoreDamaged):
    """A write was refused because the case's key or manifest no longer opens."""

    code = "case_damaged"


class StoreTooNew(StoreError):
    code = "too_new"


class StoreIOError(StoreError):
    """The disk refused a read or write (full, read-only, unplugged)."""

    code = "io"


class StoreClosed(StoreError):
    code = "closed"


class CaseNotFound(StoreError):
    code = "case_not_found"


class RecordNotFound(StoreError):
    code = "record_not_found"


class BadRecoveryKey(StoreError):
    code = "bad_recovery_key"


class NoRecoveryKey(StoreError):
    code = "no_recovery_key"


class WrongRecoveryKey(WrongPassphrase):
    code = "security.wrong_recovery_key"


class StoreReadOnly(StoreIOError):
    """The store file or its folder cannot be written (read-only medium, share or rights)."""

    code = "security.read_only"


class SchemaAltered(StoreDamaged):
    """The schema is not the one this version made: planted triggers, tables or indexes."""

    code = "security.schema_altered"


class SchemaVersionDamaged(StoreDamaged):
    """A schema version no store ever has (0 or negative): the file header was edited."""

    code = "security.schema_version"


class BrokenText(StoreError, ValueError):
    """Text that is not valid Unicode (a lone surrogate from a broken encoding): not stored."""

    code = "security.broken_text"


class AuditDamaged(StoreDamaged):
    """The audit log's head does not match its last entry: a write would hide the cut."""

    code = "security.audit_damaged"


class FolderMissing(StoreIOError):
    """The folder a backup should go into does not exist."""

    code = "security.no_folder"


class OpenForReading(StoreError):
    """A write through a store opened beside the app, for reading only."""

    code = "security.reader"


class StoreRolledBack(StoreDamaged):
    """The whole store is older than the copy last opened on this computer."""

    code = "security.rolled_back"


class CaseHandedOver(StoreError):
    """The case was handed over to a colleague: it is read-only in this store."""

    code = "handover.handed_over"
