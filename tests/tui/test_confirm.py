"""The one confirm dialog: "keep" has the focus, Escape keeps, only the confirm button confirms."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App
from tui_helpers import SIZE

from meldcode_tui.tui.screens.confirm import Confirmation, ConfirmScreen


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[bool | None] = []

    def ask(self) -> None:
        c = Confirmation("probe", "Titel", Text("[b]Vraag[/b]?"), "Uitleg", "Nee", "Ja")
        self.push_screen(ConfirmScreen(c), self.answers.append)

    def on_mount(self) -> None:
        self.ask()


@pytest.mark.parametrize(
    ("keys", "expected"), [(["escape"], False), (["enter"], False), (["tab", "enter"], True)]
)
async def test_keep_is_the_default_and_only_confirm_confirms(
    keys: list[str], expected: bool
) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.focused is not None and app.focused.id == "probe-keep"
        await pilot.press(*keys)
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.answers == [expected]
