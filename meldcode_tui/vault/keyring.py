"""Envelope keys: a random master key, wrapped by the passphrase key and the recovery key."""

from __future__ import annotations

import hmac
import os
from hashlib import sha256

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from meldcode_tui.vault import recovery as rk
from meldcode_tui.vault.aead import Sealer, associated_data
from meldcode_tui.vault.errors import NoRecoveryKey, SealBroken, WrongPassphrase, WrongRecoveryKey
from meldcode_tui.vault.header import FORMAT_VERSION, Header, canonical_json
from meldcode_tui.vault.kdf import (
    SALT_LENGTH,
    KdfParams,
    check_params,
    check_written,
    current_defaults,
    derive_key,
)

MASTER_KEY_LENGTH = 32


class MasterKey:
    """The store's root secret; everything else is derived from or wrapped by it."""

    __slots__ = ("__key",)

    def __init__(self, key: bytes) -> None:
        if len(key) != MASTER_KEY_LENGTH:
            raise ValueError("a master key is 32 bytes")
        self.__key = key

    def __repr__(self) -> str:
        return "MasterKey(<hidden>)"

    def subkey(self, purpose: str) -> bytes:
        """An independent 256-bit key for one purpose (key wrapping, audit MAC, ...)."""
        hkdf = HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=None,
            info=b"meldcode/subkey/1/" + purpose.encode("utf-8"),
        )
        return hkdf.derive(self.__key)

    def sealer(self, purpose: str) -> Sealer:
        return Sealer(self.subkey(purpose))

    def mac(self, purpose: str, message: bytes) -> bytes:
        return hmac.new(self.subkey(purpose), message, sha256).digest()

    def _raw(self) -> bytes:
        return self.__key


def _passphrase_ad(fmt: int, kdf: KdfParams, salt: bytes) -> bytes:
    # Binding the parameters and salt means editing them in the file makes the unwrap fail,
    # so nobody can silently lower the cost of guessing the passphrase.
    return associated_data(
        "vault", "passphrase", str(fmt), canonical_json(kdf.to_json()).decode(), salt.hex()
    )


def _recovery_ad(fmt: int, salt: bytes) -> bytes:
    return associated_data("vault", "recovery", str(fmt), salt.hex())


def _wrap_with_passphrase(
    master: MasterKey, passphrase: str, fmt: int, params: KdfParams
) -> tuple[bytes, bytes]:
    salt = os.urandom(SALT_LENGTH)
    key = derive_key(passphrase, salt, params)
    return salt, Sealer(key).seal(master._raw(), _passphrase_ad(fmt, params, salt))


def create_vault(passphrase: str, *, recovery: bool) -> tuple[Header, MasterKey, str | None]:
    """A new master key, wrapped by the passphrase (and a recovery key if asked)."""
    master = MasterKey(os.urandom(MASTER_KEY_LENGTH))
    params = current_defaults()
    fmt = FORMAT_VERSION
    salt, wrapped = _wrap_with_passphrase(master, passphrase, fmt, params)
    recovery_text = rec_salt = rec_wrapped = None
    if recovery:
        secret = rk.new_recovery_secret()
        rec_salt = os.urandom(SALT_LENGTH)
        sealer = Sealer(rk.recovery_wrapping_key(secret, rec_salt))
        rec_wrapped = sealer.seal(master._raw(), _recovery_ad(fmt, rec_salt))
        recovery_text = rk.format_key(secret)
    header = Header(
        kdf=params,
        salt=salt,
        wrapped_master=wrapped,
        recovery_salt=rec_salt,
        recovery_wrapped=rec_wrapped,
        format=fmt,
    )
    return header, master, recovery_text


def unlock(header: Header, passphrase: str) -> MasterKey:
    """Passphrase -> master key. Parameters are checked before any KDF work."""
    check_params(header.kdf)
    check_written(header.kdf)
    key = derive_key(passphrase, header.salt, header.kdf)
    try:
        raw = Sealer(key).open(
            header.wrapped_master, _passphrase_ad(header.format, header.kdf, header.salt)
        )
    except SealBroken:
        raise WrongPassphrase("passphrase does not unlock this store") from None
    return MasterKey(raw)


def unlock_with_recovery(header: Header, typed_key: str) -> MasterKey:
    """Recovery key -> master key (raises BadRecoveryKey for a mistyped key)."""
    if header.recovery_salt is None or header.recovery_wrapped is None:
        raise NoRecoveryKey("this store has no recovery key")
    secret = rk.parse_key(typed_key)
    sealer = Sealer(rk.recovery_wrapping_key(secret, header.recovery_salt))
    try:
        raw = sealer.open(
            header.recovery_wrapped, _recovery_ad(header.format, header.recovery_salt)
        )
    except SealBroken:
        raise WrongRecoveryKey("recovery key does not unlock this store") from None
    return MasterKey(raw)


def rewrap(header: Header, master: MasterKey, new_passphrase: str) -> Header:
    """Wrap the same master key under a new passphrase with the current default parameters."""
    params = current_defaults()
    salt, wrapped = _wrap_with_passphrase(master, new_passphrase, header.format, params)
    return header.with_passphrase_wrap(params, salt, wrapped)


def needs_upgrade(header: Header) -> bool:
    """True when the stored parameters are weaker than what we would pick today."""
    return header.kdf.weaker_than(current_defaults())
