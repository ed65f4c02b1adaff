"""CLI test set-up: a store path and passphrase in the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import PASSPHRASE


@pytest.fixture(autouse=True)
def _cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MELDCODE_STORE", str(tmp_path / "store.meldcode"))
    monkeypatch.setenv("MELDCODE_PASSPHRASE", PASSPHRASE)
    for name in ("MELDCODE_NEW_PASSPHRASE", "MELDCODE_RECOVERY_KEY", "MELDCODE_LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.meldcode"
