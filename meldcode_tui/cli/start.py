"""The `meldcode` command's entry point: a bare `meldcode` or `meldcode demo` opens the app
without loading Typer; everything else goes to the Typer root (cli/root.py).

Why: the first screen is what a teacher waits for between lessons, and Typer with its Click
takes about a fifth of the time before it (issue 16: the first screen within 1.3 times a
minimal Textual app's). With no option typed there is nothing to parse: the steps are the root
callback's with no flags (language, settings file, resolution), then the same `open_app`.
"""

from __future__ import annotations

import sys

from meldcode_tui.cli.exit_codes import EXIT_OK, EXIT_USAGE
from meldcode_tui.cli.guard import guarded, say, unknown_language_line
from meldcode_tui.cli.open_app import NotOpened, open_app
from meldcode_tui.settings import completion_requested

# The command lines that only open the app, with every setting from the environment, the
# settings file or the defaults.
APP_ONLY = ((), ("demo",))


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if tuple(args) not in APP_ONLY or completion_requested():
        from meldcode_tui.cli.root import main as typer_main

        typer_main(list(args))
        return
    sys.exit(guarded(lambda: _open(demo=bool(args))))


def _open(*, demo: bool) -> int:
    from meldcode_tui.config_file import load_config
    from meldcode_tui.i18n import UnknownLanguage, resolve_lang, set_language, t
    from meldcode_tui.settings import config_file_path, language_asked, resolve

    try:
        set_language(resolve_lang(language_asked([])))
    except UnknownLanguage as exc:
        say(unknown_language_line(exc.args[0]))
        return EXIT_USAGE
    loaded = load_config(config_file_path())
    if loaded.warning:
        say(loaded.warning)
    resolution = resolve(file=loaded.settings)
    set_language(resolution.settings.lang)
    settings = resolution.settings.with_changes(demo=True) if demo else resolution.settings
    try:
        open_app(settings, resolution.problems, say)
    except NotOpened as exc:
        say(t("cli.error_prefix") + exc.line)
        return EXIT_USAGE
    return EXIT_OK
