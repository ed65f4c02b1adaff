"""Summary fixtures: the fictitious case in a real (light-KDF) store, opened and evaluated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_case import NOW, Opened, make_store

from meldcode_tui.flow import evaluate, get_flow


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Opened]:
    store, case_id, _ = make_store(tmp_path / "cases.meldcode")
    try:
        case = store.get_case(case_id)
        flow = get_flow(case.summary.flow_id)
        yield Opened(store, flow, case, evaluate(flow, case.answers, now=NOW), store.audit())
    finally:
        store.close()
