"""TUI fixtures: times shown in UTC, and a fresh store to open."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from tui_helpers import PASSPHRASE, fixed_clock

from meldcode_tui.store import Store


@pytest.fixture(autouse=True)
def _times_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Times on screen are local; pin the zone so screenshots match on every machine.
    tzset = getattr(time, "tzset", None)
    if tzset is None:
        # Windows has no tzset: a running process keeps the zone it started with, so CI
        # starts pytest with TZ=UTC0 (.github/workflows/windows.yml).
        if datetime.now().astimezone().utcoffset() != timedelta(0):
            pytest.skip("screens show local times: start pytest with TZ=UTC0 on Windows")
        yield
        return
    monkeypatch.setenv("TZ", "UTC")
    tzset()
    yield
    monkeypatch.undo()
    tzset()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.meldcode"


@pytest.fixture
def new_store(store_path: Path) -> Path:
    """An empty store, closed again, so the app can open it."""
    store, _ = Store.create(store_path, PASSPHRASE, recovery=False, clock=fixed_clock)
    store.close()
    return store_path
