"""An answer typed in the wizard is one write: one transaction (one fsync), one audit entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_helpers import SIZE, app_for, reopen, unlock

from meldcode_tui.tui.screens.wizard import WizardScreen


async def test_one_answer_is_one_transaction_one_audit_entry_and_no_read_back(
    new_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "T")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")  # open the only case, on its first question
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        store = app.store
        assert store is not None
        audit_before = len(store.audit())
        statements: list[str] = []
        reads: list[str] = []
        real_get_case = store.get_case

        def counting_get_case(case_id: str) -> Any:
            reads.append(case_id)
            return real_get_case(case_id)

        monkeypatch.setattr(store, "get_case", counting_get_case)
        store._conn.set_trace_callback(statements.append)
        await pilot.press("enter")  # client_type: a child
        await pilot.pause()
        store._conn.set_trace_callback(None)
        session = app.screen.session
        assert session.answers == {"client_type": "kind"}
        # One COMMIT: answer, history, progress and audit entry together; nothing read back.
        assert [s for s in statements if s in ("BEGIN", "COMMIT")] == ["BEGIN", "COMMIT"]
        assert reads == []
        entries = store.audit()
        assert len(entries) == audit_before + 1
        assert entries[-1].event == "answer_set"
        # The case in memory is what was written.
        assert [h.question_id for h in session.case.history] == ["client_type"]
        assert session.case.summary.current_step == session.evaluation.current_step
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        case = store.get_case(summary.id)
        assert case.answers == {"client_type": "kind"}
        assert summary.current_step == "signalen"
        assert [h.value for h in case.history] == ["kind"]


async def test_moving_between_steps_writes_only_when_leaving(new_store: Path) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "M")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")  # open the only case
        await pilot.pause()
        store = app.store
        assert store is not None
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        await pilot.press("f6", "f6")  # two steps on, nothing typed
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.step_id == "gesprek"
        assert "COMMIT" not in statements
        await pilot.press("escape")  # back to the list: the place to resume is written once
        await pilot.pause()
        store._conn.set_trace_callback(None)
        assert statements.count("COMMIT") == 1
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        assert store.get_case(summary.id).position == "gesprek"
