"""No traceback reaches the user: the last line of defence of every command, Typer or not.

Used by the Typer root (cli/root.py, after Click's own errors) and by the path that opens the
app without Typer (cli/start.py), so both end the same way on Ctrl+C, an OS error or a bug.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from meldcode_tui.cli.exit_codes import EXIT_INTERRUPTED, EXIT_USAGE
from meldcode_tui.i18n import t
from meldcode_tui.settings import debug_requested
from meldcode_tui.terminal_text import safe_line


def unknown_language_line(code: object) -> str:
    """The catalogue cannot be used yet, so this one line is bilingual by necessity."""
    return f"fout / error: onbekende taal / unknown language {code!r} (nl, en)"


def say(line: str) -> None:
    """One line on stderr, every control character in it made visible."""
    print(safe_line(line), file=sys.stderr, flush=True)


def guarded(call: Callable[[], int]) -> int:
    """Run `call` and return its exit code; an escaping error becomes one line and exit 2."""
    try:
        return call()
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        if debug_requested():
            raise
        # A path no command checked nearer (too long, on a vanished disk): the file and the fix.
        from meldcode_tui.os_errors import os_error_line

        say(t("cli.error_prefix") + os_error_line(exc))
        return EXIT_USAGE
    except Exception as exc:
        if debug_requested():
            raise
        # The exception's message may hold user data: show only its kind.
        say(t("cli.internal_error", kind=type(exc).__name__))
        return EXIT_USAGE
