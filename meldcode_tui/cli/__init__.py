"""The `meldcode` command: one module per command group; never imports Textual outside `tui`."""

from meldcode_tui.cli.root import app, main

__all__ = ["app", "main"]
