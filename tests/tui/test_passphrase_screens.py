"""The welcome screen refuses a guessable passphrase; a forgotten one is reset by recovery key.

At 80x24, the smallest terminal the app is made for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static
from tui_helpers import PASSPHRASE, app_for, fixed_clock, paste

from meldcode_tui.store import Store, WrongPassphrase
from meldcode_tui.tui.screens.cases import CaseListScreen
from meldcode_tui.tui.screens.forgot import ForgotScreen
from meldcode_tui.tui.screens.unlock import UnlockScreen
from meldcode_tui.tui.screens.welcome import RecoveryKeyScreen, WelcomeScreen

SMALL = (80, 24)
NEW = "paars fietsrek lepel"


def _message(app: object, widget_id: str) -> str:
    return str(app.screen.query_one(widget_id, Static).render())  # type: ignore[attr-defined]


async def test_welcome_refuses_wachtwoord_and_12345678_and_says_why(store_path: Path) -> None:
    app = app_for(store_path)
    async with app.run_test(size=SMALL) as pilot:
        for weak, why in (("wachtwoord", "bekend woord"), ("12345678", "meest gebruikte")):
            first = app.screen.query_one("#welcome-pass1", Input)
            first.value = ""
            first.focus()
            await paste(pilot, weak)
            await pilot.press("enter")
            await paste(pilot, weak)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WelcomeScreen)
            message = _message(app, "#welcome-message")
            assert "te makkelijk te raden" in message and why in message, message
            assert app.focused is first  # back in the field to choose another
            assert not store_path.exists()
        first.value = ""
        await paste(pilot, NEW)
        await pilot.press("enter")
        await paste(pilot, NEW)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RecoveryKeyScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    Store.open(store_path, NEW).close()


async def test_forgotten_passphrase_is_reset_with_the_recovery_key(store_path: Path) -> None:
    store, key = Store.create(store_path, PASSPHRASE, recovery=True, clock=fixed_clock)
    store.new_case("basismodel", "Casus vergeten")
    store.close()
    assert key is not None
    app = app_for(store_path)
    async with app.run_test(size=SMALL) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        forgot = app.screen.query_one("#unlock-forgot")
        assert forgot.region.bottom <= SMALL[1]  # on screen at 80x24
        await pilot.click("#unlock-forgot")
        await pilot.pause()
        assert isinstance(app.screen, ForgotScreen)
        button = app.screen.query_one("#forgot-button")
        assert button.region.bottom <= SMALL[1] - 1  # above the key bar, without scrolling
        # A typo is caught before anything is derived or written.
        await paste(pilot, key[:-1] + ("0" if key[-1] != "0" else "1"))
        await pilot.press("enter")
        await paste(pilot, NEW)
        await pilot.press("enter")
        await paste(pilot, NEW)
        await pilot.press("enter")
        await pilot.pause()
        assert "niet goed overgetypt" in _message(app, "#forgot-message")
        field = app.screen.query_one("#forgot-key", Input)
        assert app.focused is field
        field.value = ""
        await paste(pilot, key.lower())  # as copied from paper, lower case is fine
        await pilot.press("enter")
        await paste(pilot, "wachtwoord")  # the same check as the welcome screen
        await pilot.press("enter")
        await paste(pilot, "wachtwoord")
        await pilot.press("enter")
        await pilot.pause()
        assert "te makkelijk te raden" in _message(app, "#forgot-message")
        app.screen.query_one("#forgot-pass1", Input).value = ""
        app.screen.query_one("#forgot-pass2", Input).value = ""
        app.screen.query_one("#forgot-pass1", Input).focus()
        await paste(pilot, NEW)
        await pilot.press("enter")
        await paste(pilot, NEW)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)  # opened with the new passphrase
        await pilot.press("ctrl+q")
    with Store.open(store_path, NEW) as reopened:
        assert [c.title for c in reopened.list_cases()] == ["Casus vergeten"]
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, PASSPHRASE).close()


async def test_escape_goes_back_to_the_unlock_screen(new_store: Path) -> None:
    """By keys, as the walk did: Tab Tab Enter, Esc, then the passphrase typed lands in its
    field (it went to the "vergeten" button, and Enter opened the screen again)."""
    app = app_for(new_store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ForgotScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        field = app.screen.query_one("#unlock-passphrase", Input)
        assert app.focused is field
        await paste(pilot, PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)


async def test_the_recovery_key_is_shown_as_typed_and_checked_at_enter(new_store: Path) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        key = app.screen.query_one("#forgot-key", Input)
        assert not key.password  # to compare with the paper copy
        assert app.screen.query_one("#forgot-pass1", Input).password
        await paste(pilot, "abcd")
        await pilot.press("enter")
        await pilot.pause()
        assert "niet goed overgetypt" in _message(app, "#forgot-message")
        assert app.focused is key  # a mistyped key keeps the focus where it is fixed
        await pilot.press("backspace")
        await pilot.pause()
        assert _message(app, "#forgot-message").strip() == ""  # no stale refusal
