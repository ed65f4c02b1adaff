"""Start the Textual app from the Typer commands (the root without a command, `demo`)."""

from __future__ import annotations

from collections.abc import Mapping

import typer

from meldcode_tui.cli.common import fail
from meldcode_tui.cli.open_app import NotOpened, open_app
from meldcode_tui.settings import Settings
from meldcode_tui.terminal_text import safe_line


def run_tui(settings: Settings, problems: Mapping[str, str]) -> None:
    try:
        open_app(settings, problems, lambda line: typer.echo(safe_line(line), err=True))
    except NotOpened as exc:
        fail(exc.line)
