"""Hand a case over: exactly what goes (a preview), to whom (the address book), then the file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Select, Static

from meldcode_tui.casework.contacts import Contact, ContactRefused, list_contacts
from meldcode_tui.casework.handover import (
    DEFAULT_EXPIRES_DAYS,
    MAX_EXPIRES_DAYS,
    HandedOver,
    HandoverRefused,
    Preview,
    RecipientRefused,
    hand_over,
)
from meldcode_tui.i18n import plural, t
from meldcode_tui.store import Store
from meldcode_tui.tui.app_words import refusal_line
from meldcode_tui.tui.fingerprints import whole
from meldcode_tui.tui.protocol_names import protocol_name
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.widgets.choice import Choice


def contact_label(contact: Contact) -> Text:
    """A colleague in a list: the name as typed (a Select reads a plain string as markup)."""
    mark = t("contacts.confirmed") if contact.confirmed else t("contacts.unconfirmed")
    return literal(f"{contact.name} ({mark})")


def preview_text(seen: Preview) -> Text:
    """The preview in words: the title literally (typed by a person), then what travels."""
    text = literal(seen.title or t("cases.no_title"), style="bold")
    # The protocol as people call it; the case id names the file proposed below.
    reference = t(
        "tui.handover_words.case_ref", protocol=protocol_name(seen.flow_id), case=seen.case_id
    )
    text.append(f"  ({reference})\n")
    text.append(
        t(
            "tui.handover_words.counts",
            answers=plural("plural.handover_answers", seen.answers),
            history=plural("plural.handover_history", seen.history),
            notes=plural("plural.handover_notes", seen.notes),
            actions=plural("plural.handover_actions", seen.actions),
            audit=plural("plural.handover_audit", seen.audit_lines),
        )
    )
    for name, count in sorted(seen.other.items()):
        text.append("\n" + t("tui.handover.other", name=name, count=count))
    return text


class HandoverScreen(ModalScreen[HandedOver | None]):
    """Collects colleague, file, note, expiry and what happens here; Esc changes nothing.

    A colleague whose key is not confirmed is not handed over to by Enter or "Overdragen": the
    dialog shows the fingerprint to compare, and only the button that says it matches hands
    over (to that colleague; choosing another asks again), as the receive dialog does.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(
        self, store: Store, seen: Preview, clock: Callable[[], datetime], folder: Path
    ) -> None:
        super().__init__(id="handover")
        self.store = store
        self.seen = seen
        self.clock = clock
        self.contacts = list_contacts(store)
        self.default_file = folder / f"overdracht-{seen.case_id}.meldcode"
        # The unconfirmed colleague whose fingerprint the user was shown, and may now accept.
        self._asked: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="handover-dialog", classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                yield Static(t("tui.handover.title"), classes="dialog-title")
                yield Static(t("tui.handover.help"), classes="dialog-help")
                yield Static(preview_text(self.seen), id="handover-preview")
                if self.contacts:
                    yield Select(
                        [(contact_label(c), c.name) for c in self.contacts],
                        prompt=t("tui.handover.to"),
                        id="handover-to",
                    )
                else:
                    yield Static(t("tui.handover.no_contacts"), id="handover-no-contacts")
                yield Static("", id="handover-warning", classes="dialog-error")
                # Each field keeps its label in sight: a placeholder vanishes with the value.
                yield Label(t("tui.handover.file"), classes="handover-label")
                yield Input(str(self.default_file), id="handover-file")
                yield Label(t("tui.handover.note"), classes="handover-label")
                yield Input(id="handover-note")
                with RadioSet(id="handover-then"):
                    yield Choice(t("tui.handover.then_keep"), value=True, id="then-keep")
                    yield Choice(t("tui.handover.then_shred"), id="then-shred")
                # Last, so Enter in it hands over with every choice above already seen.
                yield Label(t("tui.handover.expires"), classes="handover-label")
                yield Input(str(DEFAULT_EXPIRES_DAYS), id="handover-expires", restrict=r"[0-9]*")
            with Vertical(classes="dialog-foot"):
                yield Static("", id="handover-error", classes="dialog-error")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("tui.handover.submit"), id="handover-go", variant="primary")
                    accept = Button(
                        t("tui.handover_confirm.accept"), id="handover-accept", variant="warning"
                    )
                    accept.display = False
                    yield accept
                    yield Button(t("tui.handover.cancel"), id="handover-cancel")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        first = self.query("#handover-to")
        (first.first() if first else self.query_one("#handover-file", Input)).focus()

    @on(Select.Changed, "#handover-to")
    def _chosen(self, event: Select.Changed) -> None:
        contact = next((c for c in self.contacts if c.name == event.value), None)
        asked = contact if contact is not None and not contact.confirmed else None
        self._asked = asked.name if asked else None
        warning = Text()
        if asked is not None:
            # The name as typed: "Dirk [b]de Vries[/b]" is no markup.
            warning = literal(
                t(
                    "tui.handover_confirm.unconfirmed",
                    name=asked.name,
                    fingerprint=asked.fingerprint,
                ),
                style="bold",
            )
        self.query_one("#handover-warning", Static).update(whole(warning))
        self.query_one("#handover-error", Static).update("")
        self._show_accept(asked is not None)

    def _show_accept(self, asked: bool) -> None:
        self.query_one("#handover-accept", Button).display = asked
        self.query_one("#handover-go", Button).display = not asked

    def _recipient(self) -> str | None:
        if not self.contacts:
            return None
        value = self.query_one("#handover-to", Select).value
        return value if isinstance(value, str) else None

    @on(Input.Submitted, "#handover-expires")
    @on(Button.Pressed, "#handover-go")
    def _go(self) -> None:
        self._hand_over(accept=False)

    @on(Button.Pressed, "#handover-accept")
    def _accept(self) -> None:
        self._hand_over(accept=True)

    def _hand_over(self, *, accept: bool) -> None:
        """Enter never accepts an unconfirmed colleague: only the button that says the
        fingerprint matches does, for the colleague it was shown for."""
        error = self.query_one("#handover-error", Static)
        to = self._recipient()
        if to is None:
            error.update(t("tui.handover.choose"))
            if self.contacts:
                self.query_one("#handover-to", Select).focus()
            return
        days_field = self.query_one("#handover-expires", Input)
        days = (
            int(days_field.value)
            if days_field.value.isascii() and days_field.value.isdigit()
            else 0
        )
        if not 1 <= days <= MAX_EXPIRES_DAYS:
            # Said with the field's own name: `--expires` is the command line's word.
            error.update(t("tui.handover_words.bad_days", max=MAX_EXPIRES_DAYS))
            days_field.focus()
            return
        shred = self.query_one("#then-shred", Choice).value
        try:
            done = hand_over(
                self.store,
                self.seen.case_id,
                to,
                Path(self.query_one("#handover-file", Input).value.strip()).expanduser(),
                now=self.clock(),
                note=self.query_one("#handover-note", Input).value,
                expires_days=days,
                then="shred" if shred else "keep",
                accept_unconfirmed=accept and self._asked == to,
            )
        except RecipientRefused as exc:
            # Nothing written: ask, with the fingerprint; the button that says it matches is shown.
            self._asked = to
            recipient = exc.recipient
            error.update(
                whole(
                    literal(
                        t(
                            "tui.handover_confirm.ask",
                            name=recipient.name,
                            fingerprint=recipient.key.fingerprint,
                        ),
                        style="bold",
                    )
                )
            )
            self._show_accept(True)
            return
        except (HandoverRefused, ContactRefused) as exc:
            # The command line's line names --expires and `meldcode verify`: the app's its own.
            error.update(literal(refusal_line(exc)))
            return
        self.dismiss(done)

    @on(Button.Pressed, "#handover-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
