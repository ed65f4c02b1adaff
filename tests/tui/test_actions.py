"""Agreed actions in the app: Ctrl+T adds one (what, who, by when); the confirm dialog ends it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_helpers import SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.tui.screens.actions import ActionsScreen
from meldcode_tui.tui.screens.confirm import ConfirmScreen
from meldcode_tui.tui.screens.decision import DecisionScreen


async def test_add_an_action_see_it_and_complete_it(new_store: Path) -> None:
    with reopen(new_store) as store:
        case_id = store.new_case("basismodel", "A")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")  # open the only case
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        # Without an owner it is refused, calmly, next to the fields.
        await type_text(pilot, "Gesprek met [b]moeder[/b]")
        await pilot.press("enter")
        await pilot.pause()
        assert "eigenaar" in str(app.screen.query_one("#action-error", Static).render())
        app.screen.query_one("#action-owner", Input).value = "mentor"
        app.screen.query_one("#action-due", Input).value = "20-3-2025"
        await pilot.click("#action-add")
        await pilot.pause()
        (action,) = app.screen.session.case.actions
        shown = str(app.screen.query_one(".action-line", Static).render())
        assert "[b]moeder[/b]" in shown and "20-3-2025" in shown
        await pilot.click(f"#done-{action.id}")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")  # yes, done
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert not app.screen.query(f"#done-{action.id}")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, DecisionScreen)
        assert "moeder" in str(app.screen.query_one("#decision-actions", Static).render())
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        (stored,) = store.get_case(case_id).actions
    assert stored.owner == "mentor" and stored.done_at is not None
    assert stored.due is not None and stored.due.date().isoformat() == "2025-03-20"


async def test_a_refusal_puts_the_cursor_in_the_field_it_names(new_store: Path) -> None:
    """By keys: Enter without "Wie?" lands in "Wie?"; a bad date lands in "Uiterlijk"."""
    with reopen(new_store) as store:
        case_id = store.new_case("basismodel", "A")
    app = app_for(new_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        owner = screen.query_one("#action-owner", Input)
        due = screen.query_one("#action-due", Input)
        # The example format is a pattern, not a date that has long passed.
        assert due.placeholder == "Uiterlijk (dd-mm-jjjj)"
        await type_text(pilot, "Gesprek")
        await pilot.press("enter")
        await pilot.pause()
        assert "eigenaar" in str(screen.query_one("#action-error", Static).render())
        assert screen.focused is owner
        await type_text(pilot, "mentor")
        await pilot.press("tab")
        await type_text(pilot, "31-2-2026")
        await pilot.press("enter")
        await pilot.pause()
        error = str(screen.query_one("#action-error", Static).render())
        assert error == "„Uiterlijk” is geen geldige datum: schrijf de datum als dd-mm-jjjj."
        assert screen.focused is due and not screen.session.case.actions
        await pilot.press(*["backspace"] * 9)
        await type_text(pilot, "1-4-2026")
        await pilot.press("enter")
        await pilot.pause()
        (action,) = screen.session.case.actions
        assert action.owner == "mentor" and screen.focused is screen.query_one("#action-text")
    with reopen(new_store) as store:
        assert len(store.get_case(case_id).actions) == 1
