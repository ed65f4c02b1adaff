"""Shared test set-up: every test starts in Dutch, the app's default language."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from meldcode_tui.i18n import set_language


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
