"""The `meldcode` command: one module per command group; never imports Textual outside `tui`.

`main` is the console entry point (cli/start.py): a bare `meldcode` opens the app without
loading Typer. `app`, the Typer application, is loaded when it is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meldcode_tui.cli.root import app


def main(argv: list[str] | None = None) -> None:
    from meldcode_tui.cli.start import main as start

    start(argv)


def __getattr__(name: str) -> object:
    if name == "app":
        from meldcode_tui.cli.root import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
