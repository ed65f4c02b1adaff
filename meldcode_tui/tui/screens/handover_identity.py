"""This store's identity (public key to copy, fingerprint to read aloud) and the address book."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meldcode_tui.casework.contacts import Contact
from meldcode_tui.casework.identity import IdentityCard
from meldcode_tui.i18n import t
from meldcode_tui.tui.text import literal


def contacts_text(contacts: list[Contact]) -> Text:
    if not contacts:
        return Text(t("tui.identity.no_contacts"))
    text = Text()
    for i, contact in enumerate(contacts):
        mark = t("contacts.confirmed") if contact.confirmed else t("contacts.unconfirmed")
        line = t("contacts.row", name=contact.name, fingerprint=contact.fingerprint, mark=mark)
        text.append_text(literal(("\n" if i else "") + line))
    return text


class IdentityScreen(ModalScreen[None]):
    """Read only: keys are added and confirmed with `meldcode contacts` (shown in the help)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", show=False)]

    def __init__(self, card: IdentityCard, contacts: list[Contact]) -> None:
        super().__init__(id="identity")
        self.card = card
        self.contacts = contacts

    def compose(self) -> ComposeResult:
        with Vertical(id="identity-dialog", classes="dialog"):
            yield Static(t("tui.identity.title"), classes="dialog-title")
            yield Static(t("identity.public_key"), classes="dialog-help")
            yield Static(self.card.line, id="identity-line")
            yield Static(
                t("identity.fingerprint", fingerprint=self.card.fingerprint),
                id="identity-fingerprint",
            )
            yield Static(t("tui.identity.contacts"), classes="dialog-title")
            yield Static(contacts_text(self.contacts), id="identity-contacts")
            yield Static(t("tui.identity.help"), classes="dialog-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.identity.close"), id="identity-close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#identity-close", Button).focus()

    @on(Button.Pressed, "#identity-close")
    def action_close(self) -> None:
        self.dismiss(None)
