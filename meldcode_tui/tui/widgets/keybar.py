"""The bottom lines: the keys that matter on this screen, translated, each clickable."""

from __future__ import annotations

from textual.content import Content
from textual.events import Resize
from textual.widgets import Static

from meldcode_tui.i18n import t

# Space between two keys on a line.
GAP = "  "


class KeyBar(Static):
    """Built from (key, action, label key) triples; our own so labels follow the language.

    Every key is shown whole: what does not fit on the first line goes onto a second one
    (an 80-column terminal), never cut off at the edge.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: auto; max-height: 3; background: $panel; color: $foreground;
        padding: 0 1;
    }
    """

    def __init__(self, keys: list[tuple[str, str, str]]) -> None:
        super().__init__(id="keybar")
        self.keys = keys

    def on_mount(self) -> None:
        self.relabel()

    def on_resize(self, event: Resize) -> None:
        self.relabel()

    def show_keys(self, keys: list[tuple[str, str, str]]) -> None:
        """Other keys for the same screen (a closed case reopens with F10)."""
        self.keys = keys
        self.relabel()

    def relabel(self) -> None:
        room = self.content_region.width or self.app.size.width - 2
        lines: list[list[Content]] = [[]]
        used = 0
        for key, action, label in self.keys:
            # Content.assemble keeps the translated label literal; only the action is markup.
            # Each key is followed by a gap (clickable with it), as the bar always drew it.
            part = Content.assemble((key, "bold reverse"), " ", t(label), GAP).stylize(
                f"@click={action}"
            )
            if lines[-1] and used + part.cell_length - len(GAP) > room:
                lines.append([])
                used = 0
            lines[-1].append(part)
            used += part.cell_length
        self.update(Content("\n").join(Content("").join(line) for line in lines))
