"""Shared test set-up: every test starts in Dutch, the app's default language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from meldcode_tui.i18n import set_language


@pytest.fixture(autouse=True)
def _dutch_by_default() -> Iterator[None]:
    set_language("nl")
    yield
    set_language("nl")
