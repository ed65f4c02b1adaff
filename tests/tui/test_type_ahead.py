"""What is typed the moment a screen opens lands in its text field, in order: nothing is lost
while the focus is still on its way (it is given after the screen's mount).

The keys are posted right after the screen is pushed, before it has mounted: the order of
events that a fast typist (or a slow machine) gives, made deterministic.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input
from tui_helpers import PASSPHRASE, app_for

from meldcode_tui.tui.app import MeldcodeApp
from meldcode_tui.tui.screens.cases import CaseListScreen
from meldcode_tui.tui.screens.new_case import NewCaseScreen
from meldcode_tui.tui.screens.reopen import ReopenScreen

TYPED = "Zorg om Sem (fictief)"


def _type_at_once(app: MeldcodeApp, text: str) -> None:
    for char in text:
        app.post_message(events.Key(char, char))


async def test_a_title_typed_as_the_new_case_dialog_opens_is_all_there(new_store: Path) -> None:
    app = app_for(new_store, passphrase=PASSPHRASE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        app.push_screen(NewCaseScreen())
        _type_at_once(app, TYPED)
        await pilot.pause()
        await pilot.pause()
        field = app.screen.query_one("#new-case-title", Input)
        assert field.value == TYPED
        assert app.focused is field
        # Typing on goes on at the end, after what was taken before the focus came.
        await pilot.press("!")
        assert field.value == TYPED + "!"


async def test_keys_for_a_button_are_not_taken_into_the_field(new_store: Path) -> None:
    app = app_for(new_store, passphrase=PASSPHRASE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ReopenScreen())
        await pilot.pause()
        field = app.screen.query_one("#reopen-reason", Input)
        await pilot.press(*"reden")
        # The user moved on to a button: what is typed there is not put into the reason.
        await pilot.press("tab")
        assert app.focused is not field
        await pilot.press("x")
        assert field.value == "reden"
