"""Security tests: light test-only KDF, a store path and passphrase in the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from security_helpers import PASSPHRASE

from meldcode_tui.vault import INSECURE_TEST_ENV


@pytest.fixture(autouse=True)
def _security_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
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


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.meldcode"
