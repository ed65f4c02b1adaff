"""Opening the wizard from the command line, with no Typer in it.

Shared by the Typer root (`meldcode --lang en`, `meldcode demo --store X`: cli/tui.py) and by
the path that opens the app without loading Typer (a bare `meldcode` or `meldcode demo`:
cli/start.py), so both check, warn and open in the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from meldcode_tui.console import is_old_windows_console
from meldcode_tui.i18n import t
from meldcode_tui.settings import Settings


class NotOpened(Exception):
    """The app cannot open: `line` says why (never case data); exit code 2."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


def open_app(settings: Settings, problems: Mapping[str, str], warn: Callable[[str], None]) -> None:
    """Run the app until it quits; NotOpened before the screen is taken, when it cannot run.

    `problems` are the variables that are set but unusable (settings.Resolution): each is one
    line before the app opens, as the next source (the settings file, the default) decides.
    """
    try:
        from meldcode_tui.tui.launch import launch
    except ModuleNotFoundError as exc:
        # Only a missing Textual means "reinstall"; any other import error is a bug to show.
        if (exc.name or "").split(".")[0] not in ("textual", "rich"):
            raise
        raise NotOpened(t("cli.tui_missing")) from None
    for _key, name in sorted(problems.items()):
        warn(t("config_cli.bad_variable", name=name))
    if is_old_windows_console():
        # Printed before the app takes the screen, so it is there again when the app ends.
        warn(t("platform.old_console"))
    from meldcode_tui.flow.clock import ClockError, now

    try:
        now()  # a bad MELDCODE_NOW is one clear line here, not an error inside the app
    except ClockError:
        raise NotOpened(t("due.bad_now")) from None
    launch(settings)
