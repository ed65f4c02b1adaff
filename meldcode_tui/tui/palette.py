"""The command palette (Ctrl+P) in the app's language: its placeholder and "no matches" line.

Textual writes both in English inside CommandPalette; the commands themselves come from
`MeldcodeApp.get_system_commands`, already translated. Textual is pinned exactly
(pyproject.toml), and tests/tui/test_words_dutch.py reads the palette as a user sees it, so a
change in the overridden method shows up as a failing test, not as English on screen.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets.option_list import Option

from meldcode_tui.i18n import t


class Palette(CommandPalette):
    def __init__(self) -> None:
        super().__init__(placeholder=t("tui.palette_words.placeholder"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2.8's method, with the one English line translated.
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("tui.palette_words.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)

    async def relabel(self) -> None:
        """F3 with the palette open: the placeholder follows (the commands do on the next key)."""
        self.query_one(CommandInput).placeholder = t("tui.palette_words.placeholder")
