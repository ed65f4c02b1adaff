"""Reopening a closed case: asks why (the reason is kept in the case), then reopens it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from meldcode_tui.i18n import t
from meldcode_tui.tui.app_words import app_line
from meldcode_tui.tui.type_ahead import TypeAhead


class ReopenScreen(TypeAhead, ModalScreen[str | None]):
    """Dismisses with the reason typed, or None (cancel, Esc); an empty reason is refused."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self) -> None:
        super().__init__(id="reopen")

    def compose(self) -> ComposeResult:
        with Vertical(id="reopen-dialog", classes="dialog"):
            yield Static(t("lifecycle.reopen_title"), classes="dialog-title")
            yield Static(t("lifecycle.reopen_explain"), classes="dialog-help")
            field = Input(placeholder=t("lifecycle.reopen_placeholder"), id="reopen-reason")
            field.cursor_blink = False
            yield field
            yield Static("", id="reopen-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("lifecycle.reopen_cancel"), id="reopen-cancel", variant="primary")
                yield Button(t("lifecycle.reopen_confirm"), id="reopen-confirm", variant="warning")

    def on_mount(self) -> None:
        self.focus_typing(self.query_one("#reopen-reason", Input))

    @on(Input.Submitted, "#reopen-reason")
    @on(Button.Pressed, "#reopen-confirm")
    def _confirm(self) -> None:
        reason = self.query_one("#reopen-reason", Input).value.strip()
        if not reason:
            self.query_one("#reopen-error", Static).update(app_line("lifecycle.reason_missing"))
            self.query_one("#reopen-reason", Input).focus()
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#reopen-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
