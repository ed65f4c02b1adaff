"""Vault errors: each names what went wrong, never what was protected."""

from __future__ import annotations


class VaultError(Exception):
    """Base class of every vault error."""


class WrongPassphrase(VaultError):
    """The header is intact but the passphrase (or recovery key) does not unwrap the master key."""


class VaultDamaged(VaultError):
    """The header fails its checksum or cannot be parsed: damage, not a wrong passphrase."""


class VaultTooNew(VaultError):
    """The header was written by a newer format version than this program understands."""


class KdfRefused(VaultError):
    """Stored key-derivation parameters are outside what this program accepts."""


class SealBroken(VaultError):
    """A sealed value failed to open: tampered, truncated, moved, or sealed with another key."""


class BadRecoveryKey(VaultError):
    """A typed recovery key is not well formed (wrong length, character or check digits)."""


class NoRecoveryKey(VaultError):
    """The store was created without a recovery key."""


class WrongRecoveryKey(WrongPassphrase):
    """A well-formed recovery key that does not unwrap the master key (not the passphrase)."""
