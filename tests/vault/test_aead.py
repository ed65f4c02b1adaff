"""AEAD sealing: opens only with the same key and the same associated data."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldcode_tui.vault import SealBroken, Sealer, associated_data


def test_roundtrip_and_fresh_nonce() -> None:
    sealer = Sealer(os.urandom(32))
    ad = associated_data("notes", "r1", "c1", "body")
    a = sealer.seal(b"text", ad)
    b = sealer.seal(b"text", ad)
    assert a != b  # random nonce per seal
    assert sealer.open(a, ad) == b"text"
    assert b"text" not in a


def test_other_context_or_key_fails() -> None:
    key = os.urandom(32)
    sealer = Sealer(key)
    blob = sealer.seal(b"text", associated_data("notes", "r1", "c1", "body"))
    for other in (
        associated_data("notes", "r2", "c1", "body"),
        associated_data("notes", "r1", "c2", "body"),
        associated_data("answers", "r1", "c1", "body"),
        associated_data("notes", "r1", "c1", "title"),
    ):
        with pytest.raises(SealBroken):
            sealer.open(blob, other)
    with pytest.raises(SealBroken):
        Sealer(os.urandom(32)).open(blob, associated_data("notes", "r1", "c1", "body"))


def test_associated_data_is_unambiguous() -> None:
    assert associated_data("ab", "c") != associated_data("a", "bc")
    assert associated_data("a", "") != associated_data("a")


@given(st.binary(max_size=64), st.integers(min_value=0))
def test_any_flipped_byte_is_refused(plaintext: bytes, where: int) -> None:
    sealer = Sealer(b"k" * 32)
    ad = associated_data("x")
    blob = bytearray(sealer.seal(plaintext, ad))
    blob[where % len(blob)] ^= 0x01
    with pytest.raises(SealBroken):
        sealer.open(bytes(blob), ad)


def test_truncated_or_foreign_input_is_refused() -> None:
    sealer = Sealer(b"k" * 32)
    ad = associated_data("x")
    blob = sealer.seal(b"abc", ad)
    for bad in (b"", blob[:10], b"\x02" + blob[1:], blob[:-1]):
        with pytest.raises(SealBroken):
            sealer.open(bad, ad)
