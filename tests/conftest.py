"""Shared test set-up: the light test-only KDF and Dutch, the app's default, for every test.

A test about the shipped key derivation removes the variable itself
(`monkeypatch.delenv(INSECURE_TEST_ENV)`); subprocesses inherit it through `os.environ`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from meldcode_tui.i18n import set_language
from meldcode_tui.vault import INSECURE_TEST_ENV


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long tests first: run in parallel (`-n auto`), they then overlap with the many short ones
    instead of leaving one worker busy alone at the end."""
    items.sort(
        key=lambda item: not (item.get_closest_marker("slow") or item.get_closest_marker("e2e"))
    )


@pytest.fixture(autouse=True)
def _light_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with the shipped parameters takes about a second per open; tests need many."""
    monkeypatch.setenv(INSECURE_TEST_ENV, "1")


@pytest.fixture(autouse=True)
def _no_settings_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test reads the settings file of the person running the suite (MELDCODE_CONFIG)."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("MELDCODE_CONFIG", str(folder / "config.toml"))


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The flow check's verdicts (flow/verdicts.py) go to a folder of the run, not the user's
    (platformdirs follows XDG_CACHE_HOME on Linux; elsewhere the cache is shared, harmlessly:
    a verdict holds only for the same bytes checked by the same code)."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(autouse=True)
def _dutch_by_default() -> Iterator[None]:
    set_language("nl")
    yield
    set_language("nl")


@pytest.fixture
def meldcode_script() -> str:
    """The installed `meldcode` console script of this environment (skips when there is none)."""
    script = Path(sys.executable).parent / (
        "meldcode.exe" if sys.platform == "win32" else "meldcode"
    )
    if not script.exists():
        pytest.skip("the meldcode console script is not installed in this environment")
    return str(script)
