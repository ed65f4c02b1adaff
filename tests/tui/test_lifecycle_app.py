"""Closing is a decision in the app: it says the case can be closed, F10 closes, a closed case
is read-only, and F10 with a reason reopens it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lifecycle_answers import BASE, Q1
from textual.widgets import Button, RadioSet, Static
from tui_helpers import app_for, reopen, type_text, unlock

from meldcode_tui.casework import start_case
from meldcode_tui.tui.screens.confirm import ConfirmScreen
from meldcode_tui.tui.screens.decision import DecisionScreen
from meldcode_tui.tui.screens.reopen import ReopenScreen
from meldcode_tui.tui.screens.wizard import WizardScreen

RECORDED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _line(screen: object) -> str:
    widget = screen.query_one("#case-lifecycle", Static)  # type: ignore[attr-defined]
    return str(widget.render()) if widget.display else ""


@pytest.mark.slow
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_close_is_a_decision_and_a_closed_case_refuses_an_answer(
    new_store: Path, size: tuple[int, int]
) -> None:
    with reopen(new_store) as store:
        # Recorded after the fictitious conversation of November 2026 (dates lie in the past).
        case_id, _ = start_case(store, "basismodel", "L", {**BASE, Q1: False}, now=RECORDED)
        assert store.get_case(case_id).summary.status == "open"
    app = app_for(new_store)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        assert "kan worden afgesloten" in _line(wizard)
        assert app.store is not None
        assert app.store.get_case(case_id).summary.status == "open"

        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.screen is wizard
        assert app.store.get_case(case_id).summary.status == "closed"
        assert "alleen lezen" in _line(wizard)

        # The step with question 1: its control is read-only; keys change nothing.
        step = wizard.session.flow.step_of(Q1)
        assert step is not None
        await wizard.show_step(step.id, focus_question=Q1)
        await pilot.pause()
        control = wizard.query_one(f"#q-{Q1}", RadioSet)
        assert control.is_disabled
        assert app.focused is None  # nothing to type into, so nothing holds the focus
        await pilot.press("enter", "space", "left", "enter")
        await pilot.pause()
        assert app.store.get_case(case_id).answers[Q1] is False
        # Even when a change reaches the session, it is refused with a calm message.
        assert wizard._save(None, Q1, True) is False
        await pilot.pause()
        assert app.store.get_case(case_id).answers[Q1] is False

        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ReopenScreen)
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, ReopenScreen)
        await type_text(pilot, "Nieuw signaal")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is wizard
        assert app.store.get_case(case_id).summary.status == "open"
        assert not wizard.query_one(f"#q-{Q1}", RadioSet).is_disabled
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        case = store.get_case(case_id)
    assert [(e.event, e.reason) for e in case.lifecycle] == [
        ("closed", ""),
        ("reopened", "Nieuw signaal"),
    ]


async def test_the_decision_screens_close_button_asks_to_close(new_store: Path) -> None:
    """F8, then the button "Casus sluiten" under the decision (by keys): the same question as
    F10 (a decorator once slipped onto another method, and the button did nothing)."""
    with reopen(new_store) as store:
        start_case(store, "basismodel", "L", {**BASE, Q1: False}, now=RECORDED)
    app = app_for(new_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        decision = app.screen
        assert isinstance(decision, DecisionScreen)
        decision.query_one("#decision-close", Button).focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
