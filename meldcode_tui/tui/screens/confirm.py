"""Asks before a case is shredded, naming the case, with "keep" as the safe default."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meldcode_tui.i18n import t
from meldcode_tui.tui.text import literal


class ConfirmShredScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", show=False)]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.case_title = title

    def compose(self) -> ComposeResult:
        question = Text(t("tui.shred.question_before"))
        question.append_text(literal(self.case_title, style="bold"))
        question.append(t("tui.shred.question_after"))
        with Vertical(id="confirm-shred", classes="dialog"):
            yield Static(t("tui.shred.title"), classes="dialog-title")
            yield Static(question, id="shred-question")
            yield Static(t("tui.shred.warning"), classes="dialog-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.shred.keep"), id="shred-keep", variant="primary")
                yield Button(t("tui.shred.confirm"), id="shred-confirm", variant="error")

    def on_mount(self) -> None:
        self.query_one("#shred-keep", Button).focus()

    @on(Button.Pressed, "#shred-confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#shred-keep")
    def action_keep(self) -> None:
        self.dismiss(False)
