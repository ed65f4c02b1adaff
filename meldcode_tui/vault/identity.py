"""A store's identity: an X25519 key (age) to receive with and an Ed25519 key to sign with.

Two keys, not one key used for both: cryptography offers no safe conversion between the
Edwards and Montgomery forms, and keeping encryption and signing apart means a signature
can never be turned into a decryption oracle. Both halves travel as one public line.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyrage import x25519

# The public line: mc1.<age recipient>.<base32 of the Ed25519 key and a 3-byte checksum>
LINE_PREFIX = "mc1"
_CHECK_BYTES = 3
FINGERPRINT_GROUPS = 6
FINGERPRINT_DIGITS = 4
# Identities kept after a rotation, so hand-overs and receipts under way still open.
KEEP_RETIRED = 4


class BadPublicKey(ValueError):
    """A public line that does not parse or whose checksum fails (a typo, a cut-off copy)."""


def _b32(raw: bytes) -> str:
    return base64.b32encode(raw).decode("ascii").rstrip("=").lower()


def _unb32(text: str) -> bytes:
    padded = text.upper() + "=" * (-len(text) % 8)
    return base64.b32decode(padded.encode("ascii"))


def _checksum(recipient: str, ed_public: bytes) -> bytes:
    return hashlib.sha256(b"meldcode/id-check/1|" + recipient.encode() + ed_public).digest()[
        :_CHECK_BYTES
    ]


@dataclass(frozen=True)
class PublicIdentity:
    """What a colleague may know: where to encrypt to and which signatures to trust."""

    recipient: str  # age1...
    signing_key: bytes  # Ed25519, 32 bytes

    @property
    def line(self) -> str:
        ed = _b32(self.signing_key + _checksum(self.recipient, self.signing_key))
        return f"{LINE_PREFIX}.{self.recipient}.{ed}"

    @property
    def fingerprint(self) -> str:
        """Groups of digits to read aloud or compare on paper (about 80 bits)."""
        digest = hashlib.sha256(b"meldcode/fingerprint/1|" + self.line.encode()).digest()
        number = int.from_bytes(digest[:12], "big") % 10 ** (
            FINGERPRINT_GROUPS * FINGERPRINT_DIGITS
        )
        digits = str(number).zfill(FINGERPRINT_GROUPS * FINGERPRINT_DIGITS)
        n = FINGERPRINT_DIGITS
        return " ".join(digits[i : i + n] for i in range(0, len(digits), n))

    def age_recipient(self) -> x25519.Recipient:
        return x25519.Recipient.from_str(self.recipient)

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.signing_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    @classmethod
    def parse(cls, text: str) -> PublicIdentity:
        """The public line as copied (surrounding blanks ignored); BadPublicKey otherwise."""
        parts = "".join(text.split()).split(".")
        if len(parts) != 3 or parts[0].lower() != LINE_PREFIX:
            raise BadPublicKey("not a meldcode public key")
        recipient = parts[1].lower()
        try:
            x25519.Recipient.from_str(recipient)
            raw = _unb32(parts[2])
        except (pyrage.RecipientError, ValueError):
            raise BadPublicKey("public key is mistyped") from None
        ed, check = raw[:32], raw[32:]
        if len(ed) != 32 or check != _checksum(recipient, ed):
            raise BadPublicKey("public key is mistyped")
        return cls(recipient, ed)


@dataclass(frozen=True)
class Identity:
    """The private halves; lives only in memory and, wrapped by the master key, in the store."""

    age_secret: str = field(repr=False)
    signing_secret: bytes = field(repr=False)
    created_at: str = ""
    retired: tuple[str, ...] = field(default=(), repr=False)

    @classmethod
    def generate(cls, created_at: str) -> Identity:
        ed = Ed25519PrivateKey.generate().private_bytes_raw()
        return cls(str(x25519.Identity.generate()), ed, created_at)

    def rotated(self, created_at: str) -> Identity:
        """A new key pair; the old decryption key is kept (a few) for what is under way."""
        fresh = Identity.generate(created_at)
        retired = (self.age_secret, *self.retired)[:KEEP_RETIRED]
        return Identity(fresh.age_secret, fresh.signing_secret, created_at, retired)

    @property
    def public(self) -> PublicIdentity:
        recipient = str(x25519.Identity.from_str(self.age_secret).to_public())
        ed = Ed25519PrivateKey.from_private_bytes(self.signing_secret)
        return PublicIdentity(recipient, ed.public_key().public_bytes_raw())

    def age_identities(self) -> list[x25519.Identity]:
        return [x25519.Identity.from_str(s) for s in (self.age_secret, *self.retired)]

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.signing_secret).sign(message)

    def to_json(self) -> dict[str, Any]:
        return {
            "age": self.age_secret,
            "ed": self.signing_secret.hex(),
            "at": self.created_at,
            "retired": list(self.retired),
        }

    @classmethod
    def from_json(cls, data: Any) -> Identity:
        """ValueError when the stored form is not one we wrote."""
        try:
            ident = cls(
                str(data["age"]),
                bytes.fromhex(str(data["ed"])),
                str(data.get("at", "")),
                tuple(str(s) for s in data.get("retired", [])),
            )
            ident.public  # noqa: B018 (parses both keys: a damaged form fails here, not later)
        except (KeyError, TypeError, ValueError, pyrage.IdentityError):
            raise ValueError("stored identity is malformed") from None
        return ident
