"""Recovery keys: random, written as Crockford base32 groups a person can copy onto paper."""

from __future__ import annotations

import hashlib
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from meldcode_tui.vault.errors import BadRecoveryKey

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(ALPHABET)}
# Crockford's reading rules: letters easily mistaken for digits mean those digits.
_DECODE.update({"O": 0, "I": 1, "L": 1})
SECRET_BYTES = 18  # 144 bits: far beyond guessing, so no slow KDF is needed
CHECK_BYTES = 2  # catches a typo before it is mistaken for a wrong key
GROUP = 4
_TOTAL_CHARS = (SECRET_BYTES + CHECK_BYTES) * 8 // 5


def _check(secret: bytes) -> bytes:
    return hashlib.sha256(b"meldcode/recovery-check/1" + secret).digest()[:CHECK_BYTES]


def _encode(raw: bytes) -> str:
    number = int.from_bytes(raw, "big")
    chars = []
    for _ in range(len(raw) * 8 // 5):
        chars.append(ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(chars))


def format_key(secret: bytes) -> str:
    """Secret -> 'XXXX-XXXX-...' (eight groups of four)."""
    text = _encode(secret + _check(secret))
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def new_recovery_secret() -> bytes:
    return os.urandom(SECRET_BYTES)


def parse_key(typed: str) -> bytes:
    """Typed recovery key -> secret; tolerant of case, dashes and spaces."""
    cleaned = "".join(ch for ch in typed.upper() if ch not in "- \t\r\n")
    if len(cleaned) != _TOTAL_CHARS:
        raise BadRecoveryKey("recovery key has the wrong length")
    number = 0
    for ch in cleaned:
        value = _DECODE.get(ch)
        if value is None:
            raise BadRecoveryKey("recovery key has a character that is not allowed")
        number = (number << 5) | value
    raw = number.to_bytes(SECRET_BYTES + CHECK_BYTES, "big")
    secret, check = raw[:SECRET_BYTES], raw[SECRET_BYTES:]
    if _check(secret) != check:
        raise BadRecoveryKey("recovery key check digits do not match")
    return secret


def recovery_wrapping_key(secret: bytes, salt: bytes) -> bytes:
    """HKDF is enough here: the secret is random, not a human passphrase."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"meldcode/recovery/1")
    return hkdf.derive(secret)
