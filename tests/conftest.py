"""Shared test set-up: the light test-only KDF and Dutch, the app's default, for every test.

A test about the shipped key derivation removes the variable itself
(`monkeypatch.delenv(INSECURE_TEST_ENV)`); subprocesses inherit it through `os.environ`.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from meldcode_tui.i18n import set_language
from meldcode_tui.vault import INSECURE_TEST_ENV


def _weight(item: pytest.Item) -> int:
    """0 for the long tests (builds, installs, tmux), 1 for the app's (a Textual app each,
    0.5 to 10 s), 2 for the rest (milliseconds)."""
    if item.get_closest_marker("slow") or item.get_closest_marker("e2e"):
        return 0
    function = getattr(item, "function", None)
    return 1 if inspect.iscoroutinefunction(function) else 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest first, so that in parallel (`-n auto`) the short ones fill in around the long
    ones at the end, instead of one worker running a long test alone."""
    items.sort(key=_weight)


def pytest_configure(config: pytest.Config) -> None:
    # xdist's `load` scheduler gives each worker, before anything else, a run of a quarter of
    # its share in collection order: with the long tests first, the first worker got every one
    # of them and ran them alone for minutes after the others were done (issue 16: 10 min
    # without this, measured with a log of each test's end). Handing out two at a time keeps
    # the order longest-first across all workers. An explicit --maxschedchunk wins.
    if getattr(config.option, "maxschedchunk", False) is None:
        config.option.maxschedchunk = 2


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
