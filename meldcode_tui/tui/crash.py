"""What the app prints when it stops on an unexpected error: one line, never case text.

Textual's own handler prints a rich traceback *with local variables*: the decrypted title,
answers and notes of the open case would reach the terminal (and its scrollback). This one
names only the kind of error; MELDCODE_DEBUG=1 (Settings.debug) adds a traceback without
local variables.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from meldcode_tui.i18n import t
from meldcode_tui.os_errors import os_problem
from meldcode_tui.store import CaseDamaged


def error_kind(error: BaseException) -> str:
    """The name of what went wrong; a failed worker is named by the error inside it."""
    inner = getattr(error, "error", None)
    return type(inner if isinstance(inner, BaseException) else error).__name__


def is_damaged_case(error: BaseException) -> bool:
    """A write refused because the case is damaged (nothing was written)."""
    inner = getattr(error, "error", None)
    return isinstance(error, CaseDamaged) or isinstance(inner, CaseDamaged)


def crash_report(error: BaseException, *, debug: bool = False) -> RenderableType:
    """The content-free line (and, when debugging, a traceback without locals)."""
    inner = getattr(error, "error", None)
    os_error = next((e for e in (error, inner) if isinstance(e, OSError)), None)
    if is_damaged_case(error):
        line = Text(t("tui.crash.case_damaged"))
    elif os_error is not None:
        # The problem and its fix, not the path: a file name may be a child's name.
        line = Text(t("tui.crash_words.os_error", problem=os_problem(os_error)))
    else:
        line = Text(t("tui.crash.line", kind=error_kind(error)))
    if not debug:
        return line
    from rich.traceback import Traceback

    trace: Any = Traceback.from_exception(
        type(error), error, error.__traceback__, show_locals=False
    )
    return Group(trace, line)


def stop_app(app: Any, error: Exception) -> None:
    """Textual's App._handle_exception, with the report above instead of the traceback."""
    app._return_code = 1
    # Under a test pilot the first error is re-raised to the test, as Textual does.
    if app._exception is None:
        app._exception = error
        app._exception_event.set()
    # MELDCODE_DEBUG, read once into the app's Settings.
    settings = getattr(app, "settings", None)
    debug = bool(getattr(settings, "debug", False))
    app._exit_renderables.append(crash_report(error, debug=debug))
    app._close_messages_no_wait()
