"""The marks in front of a case in the app's case list: damaged, or past its retention.

The same facts `meldcode list` and `meldcode due` print (casework/retention.py, the list's
damage flag), as a one-character mark before the title and a legend under the table, so the
mark never relies on colour alone and the user reads what it means and what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.text import Text

from meldcode_tui.casework.retention import state_of
from meldcode_tui.i18n import t
from meldcode_tui.retention import override_years
from meldcode_tui.store import Store, StoreError
from meldcode_tui.store.records import CaseSummary
from meldcode_tui.tui.app_words import app_line

DAMAGED = "damaged"
PAST_RETENTION = "past_retention"
_STYLES = {DAMAGED: "bold reverse red", PAST_RETENTION: "bold reverse"}


def _years() -> int | None:
    # A bad MELDCODE_RETENTION_YEARS is reported by `meldcode retention`; the list keeps the
    # flows' own terms rather than refuse to show.
    try:
        return override_years()
    except ValueError:
        return None


def case_marks(store: Store, summaries: Iterable[CaseSummary], today: date) -> dict[str, str]:
    """The mark of each listed case that has one (damage first: it is the more urgent)."""
    years = _years()
    marks: dict[str, str] = {}
    for summary in summaries:
        if summary.damaged:
            marks[summary.id] = DAMAGED
            continue
        if summary.status != "closed":
            continue  # only a closed case can be past its term (retention.py)
        try:
            state = state_of(store, summary, years, today)
        except StoreError:
            marks[summary.id] = DAMAGED
            continue
        if state is not None and state.past:
            marks[summary.id] = PAST_RETENTION
    return marks


def mark_text(mark: str | None) -> Text:
    """The title cell's prefix: the mark and a space, or nothing."""
    if mark is None:
        return Text("")
    return Text(t(f"trust.mark_{mark}"), style=_STYLES[mark]) + Text(" ")


def legend(marks: Iterable[str]) -> str:
    """One line per kind of mark shown, saying what it means and what to do."""
    shown = set(marks)
    return "\n".join(
        app_line(f"trust.legend_{mark}", mark=t(f"trust.mark_{mark}"))
        for mark in (DAMAGED, PAST_RETENTION)
        if mark in shown
    )
