"""Radio buttons and check boxes that read without colour and show their whole label."""

from __future__ import annotations

from typing import cast

from rich.segment import Segment
from rich.style import Style
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton


def _wrapped_height(widget: RadioButton | Checkbox, width: int) -> int:
    # Textual gives a toggle one line and cuts its label there (app.tcss lets it wrap).
    return max(1, widget.render().get_height(cast(RulesMap, widget.styles), width))


# Textual draws the same mark for on and off and relies on colour alone; in high contrast,
# over a remote desktop or for colour-blind users that is unreadable. Every radio button and
# check box in the app is a Choice or a Tick: off, they are blank inside.


class Choice(RadioButton):
    """A radio button that shows ● when chosen and nothing when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return _wrapped_height(self, width)


class Tick(Checkbox):
    """A check box that shows X when ticked and nothing when not; a long label wraps."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return _wrapped_height(self, width)


class TickList(SelectionList[str]):
    """A list to tick options in, each option whole: a long one wraps onto more lines.

    Textual's SelectionList takes each screen line for one option: with a wrapped option the
    tick drawn on a line belongs to another option. Here the tick sits on an option's first
    line only, its state is read from that option, and it reads without colour (X or blank).
    """

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return line
        selection = self.get_option_at_index(index)
        chosen = selection.value in self._selected
        component = "selection-list--button" + ("-selected" if chosen else "")
        if self.highlighted == index:
            component += "-highlighted"
        underlying = next(iter(line)).style or self.rich_style
        button = self.get_component_rich_style(component) + Style(meta={"option": index})
        side = Style.from_color(button.bgcolor, underlying.bgcolor) + Style(meta={"option": index})
        if offset:
            # The option's later lines: room where the tick is, so the text stays aligned.
            lead = [Segment(" " * 4, style=underlying)]
        else:
            lead = [
                Segment(ToggleButton.BUTTON_LEFT, style=side),
                Segment("X" if chosen else " ", style=button),
                Segment(ToggleButton.BUTTON_RIGHT, style=side),
                Segment(" ", style=underlying),
            ]
        return Strip([*lead, *line])
