"""Reference for the first-screen figure: the smallest Textual app, showing one line."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

READY = "meldcode-bench reference ready"


class OneLine(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(READY)


if __name__ == "__main__":
    OneLine().run()
