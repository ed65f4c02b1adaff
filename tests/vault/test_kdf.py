"""Argon2id parameters: strong shipped defaults, cap and floor enforced before any work."""

from __future__ import annotations

import os

import pytest

from meldcode_tui.vault import kdf
from meldcode_tui.vault.errors import KdfRefused
from meldcode_tui.vault.kdf import DEFAULT_PARAMS, KdfParams, check_params, derive_key


def test_shipped_defaults_are_rfc9106_second_recommendation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(kdf.INSECURE_TEST_ENV)
    assert kdf.current_defaults() == DEFAULT_PARAMS
    assert DEFAULT_PARAMS.memory_kib >= 64 * 1024
    assert DEFAULT_PARAMS.iterations >= 3
    assert DEFAULT_PARAMS.lanes == 4


def test_test_setting_gives_light_params() -> None:
    assert kdf.current_defaults() == kdf.TEST_PARAMS
    assert kdf.TEST_PARAMS.weaker_than(DEFAULT_PARAMS)


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(memory_kib=4 * 1024 * 1024, iterations=3, lanes=4),
        KdfParams(memory_kib=65536, iterations=1000, lanes=4),
        KdfParams(memory_kib=65536, iterations=3, lanes=1000),
        KdfParams(memory_kib=65536, iterations=3, lanes=0),
        KdfParams(memory_kib=65536, iterations=0, lanes=4),
        KdfParams(memory_kib=65536, iterations=3, lanes=4, algorithm="scrypt"),
        KdfParams(memory_kib=65536, iterations=3, lanes=4, version=2),
    ],
)
def test_params_beyond_the_cap_are_refused_before_any_work(
    params: KdfParams, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(**_: object) -> None:
        raise AssertionError("Argon2id must not run for refused parameters")

    monkeypatch.setattr(kdf, "Argon2id", boom)
    with pytest.raises(KdfRefused):
        derive_key("pw", os.urandom(16), params)


def test_params_below_the_floor_need_the_test_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    weak = KdfParams(memory_kib=1024, iterations=1, lanes=1)
    check_params(weak)
    monkeypatch.delenv(kdf.INSECURE_TEST_ENV)
    with pytest.raises(KdfRefused):
        check_params(weak)
    # The one light set meldcode wrote opens, to be strengthened (tests/security, medium 6).
    check_params(kdf.TEST_PARAMS)
    check_params(kdf.FLOOR)
    check_params(DEFAULT_PARAMS)


def test_the_test_setting_needs_a_test_run(monkeypatch: pytest.MonkeyPatch) -> None:
    assert kdf.test_run() and kdf.insecure_test_kdf()
    monkeypatch.setattr(kdf, "test_run", lambda: False)
    assert not kdf.insecure_test_kdf() and kdf.stray_insecure_setting()
    assert kdf.current_defaults() == DEFAULT_PARAMS


def test_only_exactly_one_enables_the_test_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    for value in ("true", "yes", "0", ""):
        monkeypatch.setenv(kdf.INSECURE_TEST_ENV, value)
        assert kdf.current_defaults() == DEFAULT_PARAMS


def test_derivation_depends_on_every_input() -> None:
    salt = b"s" * 16
    base = derive_key("pw", salt, kdf.TEST_PARAMS)
    assert len(base) == 32
    assert derive_key("pw", salt, kdf.TEST_PARAMS) == base
    assert derive_key("pw2", salt, kdf.TEST_PARAMS) != base
    assert derive_key("pw", b"t" * 16, kdf.TEST_PARAMS) != base
    heavier = KdfParams(memory_kib=512, iterations=1, lanes=1)
    assert derive_key("pw", salt, heavier) != base


def test_bad_salt_refused() -> None:
    with pytest.raises(KdfRefused):
        derive_key("pw", b"short", kdf.TEST_PARAMS)


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"algorithm": "argon2id", "version": 1, "memory_kib": "65536", "iterations": 3, "lanes": 4},
        {
            "algorithm": "argon2id",
            "version": 1,
            "memory_kib": 65536,
            "iterations": True,
            "lanes": 4,
        },
        {"algorithm": 1, "version": 1, "memory_kib": 65536, "iterations": 3, "lanes": 4},
    ],
)
def test_malformed_stored_params_are_rejected(data: object) -> None:
    with pytest.raises(ValueError):
        KdfParams.from_json(data)
