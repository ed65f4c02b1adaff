"""The case list's hand-over keys: Ctrl+G hands the selected case over, Ctrl+R receives.

A mixin, so the case list gains the three actions (and the command palette finds them,
see services.HandsOver) with a few lines of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from meldcode_tui.casework.contacts import list_contacts
from meldcode_tui.casework.handover import HandedOver, HandoverRefused, preview
from meldcode_tui.casework.identity import identity_card
from meldcode_tui.casework.receiving import CaseReceived, ReceiptRecorded
from meldcode_tui.i18n import t
from meldcode_tui.tui.app_words import refusal_line
from meldcode_tui.tui.text import visible

if TYPE_CHECKING:
    from meldcode_tui.store import Store
    from meldcode_tui.store.records import CaseSummary


class HandoverActions(Screen[None]):
    """The case list's base: it supplies the store, the clock, the selection and reload."""

    store: Store
    clock: Callable[[], datetime]

    def _selected(self) -> CaseSummary | None:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def action_hand_over(self) -> None:
        from meldcode_tui.tui.screens.handover import HandoverScreen

        summary = self._selected()
        if summary is None:
            return
        try:
            seen = preview(self.store, summary.id)
        except HandoverRefused as exc:
            self.notify(refusal_line(exc), severity="error", markup=False)
            return

        def done(result: HandedOver | None) -> None:
            if result is None:
                return
            self.notify(
                t("tui.handover.done", name=visible(result.recipient.name), file=str(result.path)),
                markup=False,
            )
            self.reload()

        self.app.push_screen(HandoverScreen(self.store, seen, self.clock, Path.cwd()), done)

    def action_receive(self) -> None:
        from meldcode_tui.tui.screens.handover_receive import ReceiveScreen

        def done(result: CaseReceived | ReceiptRecorded | None) -> None:
            if result is not None:
                self.reload()

        self.app.push_screen(ReceiveScreen(self.store, self.clock), done)

    def action_identity(self) -> None:
        from meldcode_tui.tui.screens.handover_identity import IdentityScreen

        card, contacts = identity_card(self.store), list_contacts(self.store)
        self.app.push_screen(IdentityScreen(card, contacts, self.store, self.clock))
