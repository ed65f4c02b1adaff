"""Hand-over set-up: three fictitious colleagues, each with a store of their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from handover_helpers import Colleague, make_colleague


@pytest.fixture
def ans(tmp_path: Path) -> Iterator[Colleague]:
    c = make_colleague(tmp_path, "Ans")
    yield c
    c.store.close()


@pytest.fixture
def bea(tmp_path: Path) -> Iterator[Colleague]:
    c = make_colleague(tmp_path, "Bea")
    yield c
    c.store.close()


@pytest.fixture
def cor(tmp_path: Path) -> Iterator[Colleague]:
    c = make_colleague(tmp_path, "Cor")
    yield c
    c.store.close()
