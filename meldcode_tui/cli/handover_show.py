"""The lines `meldcode show` prints about a hand-over: to whom and when, or from whom."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from meldcode_tui.dates import show_date
from meldcode_tui.i18n import t

if TYPE_CHECKING:
    from meldcode_tui.casework.contacts import Contact
    from meldcode_tui.store.records import Case


def _day(text: object) -> str:
    try:
        return show_date(datetime.fromisoformat(str(text)), "-")
    except ValueError:
        return "-"


def handover_lines(case: Case, contacts: Sequence[Contact] | None = None) -> list[str]:
    """Read-only "handed over to" (and arrival), or "received from"; names were typed by people.

    The sender is named by the address book as it is now (`contacts`; casework/sender.py).
    """
    lines: list[str] = []
    mark = case.handed_over
    if mark:
        lines.append(
            t(
                "handover.show_to",
                name=str(mark.get("to") or t("contacts.no_name")),
                date=_day(mark.get("at")),
                fingerprint=str(mark.get("fp", "")),
            )
        )
        if mark.get("arrived"):
            lines.append(t("handover.arrived", date=_day(mark.get("arrived"))))
    got = case.received
    if got:
        from meldcode_tui.casework.sender import sender_label

        lines.append(
            t(
                "handover.show_from",
                name=sender_label(got, contacts),
                date=_day(got.get("at")),
                fingerprint=str(got.get("fp", "")),
            )
        )
    return lines
