"""Who writes: the role chosen in the notes panel is stored with later notes and answers."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select
from tui_helpers import SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.tui.screens.wizard import WizardScreen


async def test_notes_and_answers_after_choosing_a_role_carry_that_role(new_store: Path) -> None:
    with reopen(new_store) as store:
        case_id = store.new_case("basismodel", "R")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")  # open the only case
        await pilot.pause()
        await pilot.press("f7")
        await type_text(pilot, "voor")
        await pilot.press("enter")  # a note under the flow's first role
        await pilot.pause()
        select = app.screen.query_one("#author-role", Select)
        # Back past the note kind and the new note's correct/withdraw buttons.
        for _ in range(6):
            if app.focused is select:
                break
            await pilot.press("shift+tab")
        assert app.focused is select and select.value == "beroepskracht"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second role: aandachtsfunctionaris
        await pilot.pause()
        assert select.value == "aandachtsfunctionaris"
        await pilot.press("f7")
        await type_text(pilot, "na")
        await pilot.press("enter")
        await pilot.pause()
        # Back to the list and in again: the choice is remembered for this session.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.session.author_role == "aandachtsfunctionaris"
        shown = app.screen.query_one("#author-role", Select)
        assert shown.value == "aandachtsfunctionaris"
        await pilot.press("enter")  # first question: a child
        await pilot.pause()
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        case = store.get_case(case_id)
    by_text = {n.text: n.author_role for n in case.notes}
    assert by_text == {"voor": "beroepskracht", "na": "aandachtsfunctionaris"}
    assert case.answers == {"client_type": "kind"}
    assert [h.author_role for h in case.history if h.question_id == "client_type"] == [
        "aandachtsfunctionaris"
    ]
