"""A radio button whose state reads without colour: a dot when chosen, empty when not."""

from __future__ import annotations

from textual.widgets import RadioButton


class Choice(RadioButton):
    # Textual draws the same dot for on and off and relies on colour alone; in high contrast,
    # over a remote desktop or for colour-blind users that is unreadable.
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "
