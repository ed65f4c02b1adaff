"""Recovery keys: paper-friendly, forgiving when typed back, strict about typos."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldcode_tui.vault import recovery
from meldcode_tui.vault.errors import BadRecoveryKey

SECRETS = st.binary(min_size=recovery.SECRET_BYTES, max_size=recovery.SECRET_BYTES)


@given(SECRETS)
def test_format_parse_roundtrip(secret: bytes) -> None:
    text = recovery.format_key(secret)
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}", text)
    assert recovery.parse_key(text) == secret


@given(SECRETS)
def test_typing_is_forgiving(secret: bytes) -> None:
    text = recovery.format_key(secret)
    sloppy = " " + text.lower().replace("-", " ").replace("0", "o").replace("1", "l") + "\n"
    assert recovery.parse_key(sloppy) == secret
    assert recovery.parse_key(text.replace("-", "")) == secret


@given(SECRETS, st.integers(min_value=0, max_value=31), st.integers(min_value=1, max_value=31))
def test_a_single_typo_is_caught(secret: bytes, pos: int, delta: int) -> None:
    text = recovery.format_key(secret).replace("-", "")
    wrong = recovery.ALPHABET[(recovery.ALPHABET.index(text[pos]) + delta) % 32]
    typo = text[:pos] + wrong + text[pos + 1 :]
    # 16 check bits: a random typo slips through one time in 65,536; the property that
    # must hold is that a typo never parses to the original secret.
    try:
        parsed = recovery.parse_key(typo)
    except BadRecoveryKey:
        return
    assert parsed != secret


@pytest.mark.parametrize("typed", ["", "ABCD", "U" * 32, "!" * 32, "A" * 33])
def test_malformed_keys_refused(typed: str) -> None:
    with pytest.raises(BadRecoveryKey):
        recovery.parse_key(typed)


def test_new_secrets_are_random_and_long() -> None:
    a, b = recovery.new_recovery_secret(), recovery.new_recovery_secret()
    assert a != b
    assert len(a) * 8 >= 128
