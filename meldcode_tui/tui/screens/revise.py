"""Correcting or withdrawing something recorded: the new text (for a correction) and a reason.

Only collects what the user typed; the wizard hands it to the use-case layer, which keeps the
earlier version (casework/corrections.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from meldcode_tui.i18n import t
from meldcode_tui.tui.app_words import app_line
from meldcode_tui.tui.type_ahead import TypeAhead


@dataclass(frozen=True)
class Revised:
    """The new text (None: withdraw) and the reason given."""

    text: str | None
    reason: str


class ReviseScreen(TypeAhead, ModalScreen[Revised | None]):
    """Dismisses with a Revised, or None (cancel, Esc). A withdrawal needs a reason."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(
        self, title: str, subject: Text, text: str | None, *, ask_text: bool = True
    ) -> None:
        """`text` None: a withdrawal; `ask_text` False: only the (optional) reason is asked,
        the new version was made elsewhere (a ledger entry, in its own dialog)."""
        super().__init__(id="revise")
        self.title_text = title
        self.subject = subject
        self.text = text
        self.ask_text = ask_text and text is not None

    @property
    def withdrawing(self) -> bool:
        return self.text is None

    def compose(self) -> ComposeResult:
        with Vertical(id="revise-dialog", classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.title_text, classes="dialog-title")
                yield Static(self.subject, id="revise-subject", classes="dialog-help")
                if self.ask_text:
                    yield Static(t("corrections_tui.new_text"))
                    field = Input(self.text or "", id="revise-text")
                    field.cursor_blink = False
                    yield field
                label = "reason_required" if self.withdrawing else "reason_optional"
                yield Static(t(f"corrections_tui.{label}"))
                reason = Input(id="revise-reason")
                reason.cursor_blink = False
                yield reason
                yield Static(t("corrections_tui.kept"), classes="dialog-help")
            with Vertical(classes="dialog-foot"):
                yield Static("", id="revise-error", classes="dialog-error")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("corrections_tui.cancel"), id="revise-cancel")
                    confirm = "withdraw" if self.withdrawing else "correct"
                    yield Button(
                        t(f"corrections_tui.{confirm}"), id="revise-confirm", variant="warning"
                    )

    def on_mount(self) -> None:
        first = "#revise-text" if self.ask_text else "#revise-reason"
        self.focus_typing(self.query_one(first, Input))

    @on(Input.Submitted, "#revise-text")
    def _to_reason(self) -> None:
        self.query_one("#revise-reason", Input).focus()

    @on(Input.Submitted, "#revise-reason")
    @on(Button.Pressed, "#revise-confirm")
    def _confirm(self) -> None:
        reason = self.query_one("#revise-reason", Input).value.strip()
        error = self.query_one("#revise-error", Static)
        if self.withdrawing:
            if not reason:
                error.update(t("corrections_tui.reason_missing"))
                self.query_one("#revise-reason", Input).focus()
                return
            self.dismiss(Revised(None, reason))
            return
        if not self.ask_text:
            self.dismiss(Revised(self.text or "", reason))
            return
        text = self.query_one("#revise-text", Input).value
        if not text.strip():
            error.update(app_line("corrections.text_empty"))
            self.query_one("#revise-text", Input).focus()
            return
        self.dismiss(Revised(text, reason))

    @on(Button.Pressed, "#revise-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
