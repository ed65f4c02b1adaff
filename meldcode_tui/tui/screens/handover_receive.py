"""Receive a colleague's bundle or a receipt: the file, then who sent it and what arrived."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from meldcode_tui.casework.handover import HandoverRefused
from meldcode_tui.casework.receiving import (
    SENDER_NOT_CONFIRMED,
    CaseReceived,
    ReceiptRecorded,
    ReceiveRefused,
    receive,
)
from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.tui.app_words import refusal_line
from meldcode_tui.tui.fingerprints import whole
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.type_ahead import TypeAhead


def result_text(result: CaseReceived | ReceiptRecorded) -> Text:
    """Who sent it (name from the address book, fingerprint) and what happened."""
    sender = result.sender
    name = sender.contact.name if sender.contact else t("contacts.no_name")
    text = literal(t("receive.from", name=name, fingerprint=sender.fingerprint), style="bold")
    if sender.contact is None or not sender.contact.confirmed:
        text.append("\n" + t("receive.sender_unconfirmed"), style="bold")
    if isinstance(result, CaseReceived):
        text.append("\n" + t("receive.imported", case=result.case_id))
        if result.note:
            text.append_text(literal("\n" + t("receive.note", note=result.note)))
        text.append_text(literal("\n" + t("receive.receipt_written", file=result.receipt)))
    elif result.shredded:
        text.append("\n" + t("receive.receipt_shredded", case=result.case_id))
    else:
        text.append("\n" + t("receive.receipt_recorded", case=result.case_id))
    return text


class ReceiveScreen(TypeAhead, ModalScreen[CaseReceived | ReceiptRecorded | None]):
    """A refused file is one line in the dialog and changes nothing; Esc goes back.

    A bundle from a sender who is not a confirmed contact is not imported by Enter: the dialog
    shows who it is from, with the fingerprint to compare, and only the button that says the
    fingerprint matches receives it (for that file; typing another path asks again).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", show=False)]

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        super().__init__(id="receive")
        self.store = store
        self.clock = clock
        self.result: CaseReceived | ReceiptRecorded | None = None
        # The file whose unconfirmed sender the user was shown, and may now accept.
        self._asked: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="receive-dialog", classes="dialog"):
            yield Static(t("tui.receive.title"), classes="dialog-title")
            yield Static(t("tui.receive.help"), classes="dialog-help")
            yield Input(placeholder=t("tui.receive.file"), id="receive-file")
            yield Static("", id="receive-error", classes="dialog-error")
            yield Static("", id="receive-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.receive.submit"), id="receive-go", variant="primary")
                accept = Button(t("tui.receive.accept"), id="receive-accept", variant="warning")
                accept.display = False
                yield accept
                yield Button(t("tui.receive.close"), id="receive-close")

    def on_mount(self) -> None:
        field = self.query_one("#receive-file", Input)
        field.cursor_blink = False
        self.focus_typing(field)

    @on(Input.Changed, "#receive-file")
    def _path_changed(self) -> None:
        if self._asked is not None:
            self._asked = None
            self._show_accept(False)
            self.query_one("#receive-error", Static).update("")

    @on(Input.Submitted, "#receive-file")
    @on(Button.Pressed, "#receive-go")
    def _go(self) -> None:
        self._receive(accept=False)

    @on(Button.Pressed, "#receive-accept")
    def _accept(self) -> None:
        self._receive(accept=True)

    def _receive(self, *, accept: bool) -> None:
        """Enter never accepts an unconfirmed sender: only the button that says so does, for
        the file that was asked about (a second Enter, typed in a hurry, asks again)."""
        error = self.query_one("#receive-error", Static)
        typed = self.query_one("#receive-file", Input).value.strip()
        if not typed:
            error.update(t("tui.receive.no_file"))
            return
        try:
            self.result = receive(
                self.store,
                Path(typed).expanduser(),
                now=self.clock(),
                accept_unconfirmed=accept and self._asked == typed,
            )
        except ReceiveRefused as exc:
            if exc.code not in SENDER_NOT_CONFIRMED:
                # The command line's line names --receipt; the app's says what to do here.
                error.update(literal(refusal_line(exc)))
                return
            self._ask(typed, exc)
            return
        except HandoverRefused as exc:
            error.update(literal(refusal_line(exc)))
            return
        error.update("")
        self._show_accept(False)
        self.query_one("#receive-result", Static).update(whole(result_text(self.result)))
        self.query_one("#receive-go", Button).disabled = True
        self.query_one("#receive-close", Button).focus()

    def _ask(self, typed: str, refused: ReceiveRefused) -> None:
        """Who it is from, and the fingerprint to compare; a button of its own accepts it."""
        self._asked = typed
        sender = refused.sender
        name = sender.contact.name if sender and sender.contact else t("contacts.no_name")
        fingerprint = sender.fingerprint if sender else ""
        self.query_one("#receive-error", Static).update(
            whole(literal(t("tui.receive.unconfirmed", name=name, fingerprint=fingerprint), "bold"))
        )
        self._show_accept(True)

    def _show_accept(self, asked: bool) -> None:
        self.query_one("#receive-accept", Button).display = asked
        self.query_one("#receive-go", Button).display = not asked

    @on(Button.Pressed, "#receive-close")
    def action_close(self) -> None:
        self.dismiss(self.result)
