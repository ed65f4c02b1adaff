"""This store's identity (public key to copy, fingerprint to read aloud) and the address book:
a colleague's key added (pasted) and, once the fingerprint was compared with them, confirmed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from meldcode_tui.casework.contacts import (
    Contact,
    ContactRefused,
    add_contact,
    confirm_contact,
    list_contacts,
)
from meldcode_tui.casework.identity import IdentityCard
from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.tui.app_words import refusal_line
from meldcode_tui.tui.fingerprints import WholeFingerprints, whole
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.type_ahead import TypeAhead
from meldcode_tui.tui.widgets.key_input import KeyInput


def contacts_text(contacts: list[Contact]) -> WholeFingerprints:
    """The book, one colleague a line; a long name moves the fingerprint down whole."""
    if not contacts:
        return whole(t("tui.identity.no_contacts"))
    text = Text()
    for i, contact in enumerate(contacts):
        mark = t("contacts.confirmed") if contact.confirmed else t("contacts.unconfirmed")
        line = t("contacts.row", name=contact.name, fingerprint=contact.fingerprint, mark=mark)
        text.append_text(literal(("\n" if i else "") + line))
    return whole(text)


class IdentityScreen(TypeAhead, ModalScreen[None]):
    """The key and the book; a colleague is added and confirmed here too.

    Confirming is its own step, after adding: the fingerprint shown must be compared with the
    colleague (read aloud, by phone or in person) before the key is trusted for a hand-over.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", show=False)]

    def __init__(
        self,
        card: IdentityCard,
        contacts: list[Contact],
        store: Store,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(id="identity")
        self.card = card
        self.contacts = contacts
        self.store = store
        self.clock = clock

    def compose(self) -> ComposeResult:
        with Vertical(id="identity-dialog", classes="dialog"):
            # Only the body and the docked foot in the dialog's flow: anything else above the
            # body would push its last rows under the foot (tests/tui/fit.py behind_the_foot).
            with VerticalScroll(classes="dialog-body"):
                yield Static(t("tui.identity.title"), classes="dialog-title")
                yield Static(t("identity.public_key"), classes="dialog-help")
                yield Static(self.card.line, id="identity-line")
                yield Static(
                    whole(t("identity.fingerprint", fingerprint=self.card.fingerprint)),
                    id="identity-fingerprint",
                )
                yield Static(t("tui.identity.contacts"), classes="dialog-title")
                yield Static(contacts_text(self.contacts), id="identity-contacts")
                yield from self._editing()
            with Vertical(classes="dialog-foot"):
                yield Static("", id="identity-error", classes="dialog-error")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("tui.identity.close"), id="identity-close", variant="primary")

    def _editing(self) -> ComposeResult:
        yield Static(t("tui.contacts_edit.add_title"), classes="dialog-title")
        yield Static(t("tui.contacts_edit.name"))
        yield Input(id="contact-name", max_length=80)
        yield Static(t("tui.contacts_edit.key"))
        yield KeyInput(id="contact-key", placeholder="mc1.")
        yield Button(t("tui.contacts_edit.add"), id="contact-add")
        yield Static(t("tui.contacts_edit.confirm_title"), classes="dialog-title")
        yield Static(t("tui.contacts_edit.confirm_help"), classes="dialog-help")
        yield Select[str](
            [], id="contact-unconfirmed", prompt=t("tui.contacts_edit.choose"), allow_blank=True
        )
        yield Button(t("tui.contacts_edit.confirm"), id="contact-confirm")

    def on_mount(self) -> None:
        self._refresh(self.contacts)
        # Opened to add a colleague, mostly: typing goes into the name at once.
        self.focus_typing(self.query_one("#contact-name", Input))

    def _refresh(self, contacts: list[Contact]) -> None:
        self.contacts = contacts
        self.query_one("#identity-contacts", Static).update(contacts_text(contacts))
        # The names as typed: a Select reads a plain string as markup.
        waiting = [
            (whole(literal(f"{c.name}  {c.fingerprint}")), c.name)
            for c in contacts
            if not c.confirmed
        ]
        select = self.query_one("#contact-unconfirmed", Select)
        select.set_options(waiting)
        select.disabled = not waiting
        self.query_one("#contact-confirm", Button).disabled = not waiting

    def _say(self, line: str) -> None:
        self.query_one("#identity-error", Static).update(whole(literal(line)))

    @on(Input.Submitted, "#contact-key")
    @on(Button.Pressed, "#contact-add")
    def _add(self) -> None:
        name = self.query_one("#contact-name", Input).value
        key = self.query_one("#contact-key", Input).value.strip()
        moment = self.clock()
        try:
            added = add_contact(self.store, name, key, at=moment.isoformat())
        except ContactRefused as exc:
            self._say(refusal_line(exc))
            return
        self.query_one("#contact-name", Input).value = ""
        self.query_one("#contact-key", Input).value = ""
        self._refresh(list_contacts(self.store))
        self.query_one("#contact-unconfirmed", Select).value = added.name
        self._say(t("tui.contacts_edit.added", name=added.name, fingerprint=added.fingerprint))

    @on(Button.Pressed, "#contact-confirm")
    def _confirm(self) -> None:
        chosen = self.query_one("#contact-unconfirmed", Select).value
        if not isinstance(chosen, str):
            self._say(t("tui.contacts_edit.choose_first"))
            return
        try:
            done = confirm_contact(self.store, chosen)
        except ContactRefused as exc:
            self._say(refusal_line(exc))
            return
        self._refresh(list_contacts(self.store))
        self._say(t("contacts.confirmed_now", name=done.name, fingerprint=done.fingerprint))

    @on(Button.Pressed, "#identity-close")
    def action_close(self) -> None:
        self.dismiss(None)
