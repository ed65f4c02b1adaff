"""Store fixtures: a fake clock, and a fresh store in a temp folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import PASSPHRASE, FakeClock

from meldcode_tui.store import Store


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.meldcode"


@pytest.fixture
def store(store_path: Path, clock: FakeClock) -> Iterator[Store]:
    s, _ = Store.create(store_path, PASSPHRASE, recovery=False, clock=clock)
    yield s
    s.close()
