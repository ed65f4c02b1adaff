"""Corpus set-up: light test-only KDF, the environment of a user, the security test helpers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The corpus runs through the same helpers as the security tests (real entry point, digests).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "security"))

from security_helpers import PASSPHRASE

from meldcode_tui.vault import INSECURE_TEST_ENV


@pytest.fixture(autouse=True)
def _corpus_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(INSECURE_TEST_ENV, "1")
    monkeypatch.setenv("MELDCODE_STORE", str(tmp_path / "store.meldcode"))
    monkeypatch.setenv("MELDCODE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("TZ", "UTC")
    for name in (
        "MELDCODE_NEW_PASSPHRASE",
        "MELDCODE_RECOVERY_KEY",
        "MELDCODE_LANG",
        "MELDCODE_NOW",
        "MELDCODE_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)
