"""Start the Textual app from the CLI; the only CLI module that imports the TUI (lazily)."""

from __future__ import annotations

import typer

from meldcode_tui.cli.common import current_time, fail
from meldcode_tui.console import is_old_windows_console
from meldcode_tui.i18n import t
from meldcode_tui.settings import Settings


def run_tui(settings: Settings) -> None:
    try:
        from meldcode_tui.tui.launch import launch
    except ModuleNotFoundError as exc:
        # Only a missing Textual means "reinstall"; any other import error is a bug to show.
        if (exc.name or "").split(".")[0] not in ("textual", "rich"):
            raise
        fail(t("cli.tui_missing"))
    if is_old_windows_console():
        # Printed before the app takes the screen, so it is there again when the app ends.
        typer.echo(t("platform.old_console"), err=True)
    current_time()  # a bad MELDCODE_NOW is one clear line here, not an error inside the app
    launch(settings)
