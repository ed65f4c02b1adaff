"""The bottom line: the keys that matter on this screen, translated, each clickable."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from meldcode_tui.i18n import t


class KeyBar(Static):
    """Built from (key, action, label key) triples; our own so labels follow the language."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def __init__(self, keys: list[tuple[str, str, str]]) -> None:
        super().__init__(id="keybar")
        self.keys = keys

    def on_mount(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        parts: list[Content] = []
        for key, action, label in self.keys:
            # Content.assemble keeps the translated label literal; only the action is markup.
            parts.append(
                Content.assemble((key, "bold reverse"), " ", t(label), "  ").stylize(
                    f"@click={action}"
                )
            )
        self.update(Content("").join(parts))
