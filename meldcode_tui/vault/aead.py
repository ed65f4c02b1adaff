"""AEAD sealing (AES-256-GCM, random 96-bit nonce) with associated data built from named parts."""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from meldcode_tui.vault.errors import SealBroken

# First byte of every sealed value: lets a later version change the algorithm without guessing.
SEAL_VERSION = b"\x01"
NONCE_LENGTH = 12
TAG_LENGTH = 16
OVERHEAD = 1 + NONCE_LENGTH + TAG_LENGTH
_AD_PREFIX = "meldcode/ad/1|"


def associated_data(*parts: str) -> bytes:
    """Encode context parts unambiguously (netstring-style), so no two contexts collide."""
    # Lengths count characters of the str; UTF-8 is injective, so the bytes stay unambiguous.
    body = "".join([f"{len(part)}:{part}," for part in parts])
    return (_AD_PREFIX + body).encode("utf-8", "surrogateescape")


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
        if not isinstance(sealed, bytes) or len(sealed) < OVERHEAD or sealed[0] != 1:
            raise SealBroken("sealed value malformed")
        try:
            return self._aead.decrypt(sealed[1:13], sealed[13:], ad)
        except InvalidTag:
            raise SealBroken("sealed value does not open") from None
