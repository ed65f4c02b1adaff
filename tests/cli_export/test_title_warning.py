"""A case title that looks like a full name gets a warning with a suggestion, not a refusal."""

from __future__ import annotations

from pathlib import Path

from export_case import StoredCase
from test_cli_export import run
from textual.app import App
from textual.widgets import Button, Input, Static

from meldcode_tui import tui
from meldcode_tui.tui.screens.new_case import NewCaseScreen
from meldcode_tui.tui.screens.results import NewCase


def test_meldcode_new_warns_about_a_full_name(stored: StoredCase) -> None:
    code, out, err = run("new", "--flow", "basismodel", "--title", "Jesse de Vries")
    assert code == 0, err
    assert out.strip()  # the case id: the case was created
    assert "lijkt een volledige naam" in err and "'J.d.V.'" in err and "7B-03" in err
    code, _, err = run("new", "--flow", "basismodel", "--title", "7B-03 zorg")
    assert code == 0 and "volledige naam" not in err


class Host(App[None]):
    # The dialog's sizes live in the app's stylesheet (it must fit 80x24 there).
    CSS_PATH = Path(tui.__file__).parent / "app.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.result: NewCase | str | None = "open"

    def on_mount(self) -> None:
        self.push_screen(NewCaseScreen(), self._done)

    def _done(self, result: NewCase | None) -> None:
        self.result = result


async def test_new_case_dialog_warns_once_then_creates() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # By keys, as a teacher types: the title, Enter to the protocol list, Enter to create.
        await pilot.press(*"Jesse de Vries", "enter")
        await pilot.press("enter")
        await pilot.pause()
        assert app.result == "open"
        error = str(app.screen.query_one("#new-case-error", Static).content)
        assert "volledige naam" in error and "'J.d.V.'" in error
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == NewCase(flow_id="basismodel", title="Jesse de Vries")


async def test_the_buttons_stay_on_screen_at_80x24_with_the_warning_showing() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#new-case-title", Input).value = "Jesse de Vries"
        app.screen.query_one("#new-case-create", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert "volledige naam" in str(app.screen.query_one("#new-case-error", Static).content)
        dialog = app.screen.query_one("#new-case").region
        for button in ("#new-case-create", "#new-case-cancel"):
            region = app.screen.query_one(button, Button).region
            # The whole button, its label row included, inside the dialog's border and the screen.
            assert region.bottom <= dialog.bottom - 1 <= 24, (button, region, dialog)
