"""Vault tests run with the light, test-only KDF unless a test says otherwise."""

from __future__ import annotations

import pytest

from meldcode_tui.vault import INSECURE_TEST_ENV


@pytest.fixture(autouse=True)
def _light_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(INSECURE_TEST_ENV, "1")
