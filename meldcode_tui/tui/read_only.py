"""Why a case takes no change in the app, in the app's words (a key or a screen, no command).

A handed-over case is read-only here for good (the store refuses every change to it); a closed
one until it is reopened with F10. The screens hide the keys and buttons that would change such
a case, and a key pressed anyway gets this one line.
"""

from __future__ import annotations

from meldcode_tui.casework import CaseClosed, OpenCase
from meldcode_tui.casework.closing import handed_over_line
from meldcode_tui.casework.corrections import CorrectionRefused
from meldcode_tui.i18n import t
from meldcode_tui.tui.app_words import app_line, sentence


def handed_over(session: OpenCase) -> bool:
    return session.case.handed_over is not None


def read_only_line(session: OpenCase) -> str | None:
    """ "Overgedragen aan Bea op ...; alleen-lezen", "Gesloten ... F10", or None when writable."""
    mark = session.case.handed_over
    if mark is not None:
        return handed_over_line(mark, key="tui.read_only.handed_over")
    if session.closed:
        return t("lifecycle.app_read_only")
    return None


def refusal_line(session: OpenCase, exc: Exception) -> str:
    """A refused change in the app's words: a closed or handed-over case's message names a
    command (`meldcode reopen`, `meldcode show`), a correction's an option (--reason); the
    app's says which key or who, with a capital."""
    if isinstance(exc, CaseClosed):
        return read_only_line(session) or t("lifecycle.app_read_only")
    if isinstance(exc, CorrectionRefused):
        return app_line(exc.key, **exc.fields)
    return sentence(str(exc))
