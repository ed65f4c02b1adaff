"""The vault header: KDF parameters, salts and wrapped master keys, with an unkeyed checksum."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any

from meldcode_tui.vault.errors import VaultDamaged, VaultTooNew
from meldcode_tui.vault.kdf import KdfParams

FORMAT_VERSION = 1


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Header:
    """Everything needed to unlock the master key, none of it secret."""

    kdf: KdfParams
    salt: bytes
    wrapped_master: bytes
    recovery_salt: bytes | None = None
    recovery_wrapped: bytes | None = None
    format: int = FORMAT_VERSION

    @property
    def has_recovery(self) -> bool:
        return self.recovery_wrapped is not None

    def body(self) -> dict[str, Any]:
        recovery = None
        if self.recovery_salt is not None and self.recovery_wrapped is not None:
            recovery = {"salt": _b64(self.recovery_salt), "wrapped": _b64(self.recovery_wrapped)}
        return {
            "format": self.format,
            "kdf": self.kdf.to_json(),
            "salt": _b64(self.salt),
            "wrapped": _b64(self.wrapped_master),
            "recovery": recovery,
        }

    def to_bytes(self) -> bytes:
        body = self.body()
        # The checksum is unkeyed on purpose: it tells "file damaged" apart from "wrong
        # passphrase" without the key. Tampering is caught by the AEAD, not by this.
        body["check"] = hashlib.sha256(canonical_json(body)).hexdigest()
        return canonical_json(body)

    def with_passphrase_wrap(self, kdf: KdfParams, salt: bytes, wrapped: bytes) -> Header:
        return replace(self, kdf=kdf, salt=salt, wrapped_master=wrapped)

    @classmethod
    def from_bytes(cls, raw: bytes) -> Header:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise VaultDamaged("vault header is not readable") from None
        if not isinstance(data, dict):
            raise VaultDamaged("vault header is not a table")
        fmt = data.get("format")
        if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT_VERSION:
            raise VaultTooNew("vault header format is newer than this program")
        check = data.pop("check", None)
        if check != hashlib.sha256(canonical_json(data)).hexdigest():
            raise VaultDamaged("vault header checksum does not match")
        try:
            if fmt != FORMAT_VERSION:
                raise ValueError("unknown format")
            recovery = data.get("recovery")
            rec_salt = rec_wrapped = None
            if recovery is not None:
                rec_salt = _unb64(recovery["salt"])
                rec_wrapped = _unb64(recovery["wrapped"])
            return cls(
                kdf=KdfParams.from_json(data.get("kdf")),
                salt=_unb64(data.get("salt")),
                wrapped_master=_unb64(data.get("wrapped")),
                recovery_salt=rec_salt,
                recovery_wrapped=rec_wrapped,
                format=fmt,
            )
        except (KeyError, TypeError, ValueError):
            raise VaultDamaged("vault header fields are malformed") from None
