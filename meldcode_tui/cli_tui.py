"""Start the Textual app from the CLI; the only CLI module that imports the TUI (lazily)."""

from __future__ import annotations

import typer

from meldcode_tui.cli_common import fail
from meldcode_tui.i18n import t


def run_tui(ctx: typer.Context, *, demo: bool) -> None:
    try:
        from meldcode_tui.tui.launch import launch
    except ModuleNotFoundError as exc:
        # Only a missing Textual means "reinstall"; any other import error is a bug to show.
        if (exc.name or "").split(".")[0] not in ("textual", "rich"):
            raise
        fail(t("cli.tui_missing"))
    launch(ctx, demo=demo)
