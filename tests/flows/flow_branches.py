"""One table-driven check for the seed flows: answers -> outcome, decisions, status, blockers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pytest

from meldcode_tui.flow import evaluate, get_flow

# (name, answers, outcome id, melden, hulp, case status, ids of the closure rules that block)
BranchCase = tuple[str, dict[str, Any], str, bool | None, bool | None, str, set[str]]


def branch_cases(cases: Sequence[BranchCase]) -> pytest.MarkDecorator:
    """Parametrize a test over `cases`, each case named by its first item."""
    return pytest.mark.parametrize("case", list(cases), ids=[c[0] for c in cases])


def assert_branch(flow_id: str, case: BranchCase, now: datetime) -> None:
    _, answers, outcome, melden, hulp, status, blockers = case
    result = evaluate(get_flow(flow_id), answers, now=now)
    assert result.outcome is not None and result.outcome.id == outcome
    assert (result.decisions.melden, result.decisions.hulp) == (melden, hulp)
    assert result.status == status
    assert {r.id for r in result.closure_blockers} == blockers
    assert result.can_close is (not blockers and not result.missing)
