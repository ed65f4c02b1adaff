"""AEAD sealing (AES-256-GCM, random 96-bit nonce) with associated data built from named parts."""

from __future__ import annotations

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from meldcode_tui.vault.errors import SealBroken

# First byte of every sealed value: lets a later version change the algorithm without guessing.
SEAL_VERSION = b"\x01"
NONCE_LENGTH = 12
TAG_LENGTH = 16
OVERHEAD = 1 + NONCE_LENGTH + TAG_LENGTH
_AD_PREFIX = b"meldcode/ad/1"


def associated_data(*parts: str) -> bytes:
    """Encode context parts unambiguously (length-prefixed), so no two contexts collide."""
    out = bytearray(_AD_PREFIX)
    for part in parts:
        raw = part.encode("utf-8")
        out += struct.pack(">I", len(raw))
        out += raw
    return bytes(out)


class Sealer:
    """Seals and opens values under one 256-bit key."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("a sealing key is 32 bytes")
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, ad: bytes) -> bytes:
        nonce = os.urandom(NONCE_LENGTH)
        return SEAL_VERSION + nonce + self._aead.encrypt(nonce, plaintext, ad)

    def open(self, sealed: bytes, ad: bytes) -> bytes:
        if not isinstance(sealed, bytes) or len(sealed) < OVERHEAD or sealed[:1] != SEAL_VERSION:
            raise SealBroken("sealed value malformed")
        nonce = sealed[1 : 1 + NONCE_LENGTH]
        try:
            return self._aead.decrypt(nonce, sealed[1 + NONCE_LENGTH :], ad)
        except InvalidTag:
            raise SealBroken("sealed value does not open") from None
