"""The one yes/no dialog: names what it is about, and "keep" (no) is the focused, safe default.

Shredding a case, removing a ledger entry and closing a case all ask through it; each only
supplies its words (`Confirmation`). Dismisses with True (confirmed) or False.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meldcode_tui.i18n import t
from meldcode_tui.tui.text import literal


@dataclass(frozen=True)
class Confirmation:
    """What one confirmation says; `name` prefixes its widget ids (`shred-keep`, ...)."""

    name: str
    title: str
    question: Text
    help: str
    keep: str
    confirm: str
    danger: Literal["error", "warning"] = "error"


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", show=False)]

    def __init__(self, confirmation: Confirmation) -> None:
        super().__init__(id=f"confirm-{confirmation.name}")
        self.confirmation = confirmation

    def compose(self) -> ComposeResult:
        c = self.confirmation
        with Vertical(id=f"{c.name}-dialog", classes="dialog"):
            yield Static(c.title, classes="dialog-title")
            yield Static(c.question, id=f"{c.name}-question")
            yield Static(c.help, classes="dialog-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button(c.keep, id=f"{c.name}-keep", variant="primary")
                yield Button(c.confirm, id=f"{c.name}-confirm", variant=c.danger)

    def on_mount(self) -> None:
        self.query_one(f"#{self.confirmation.name}-keep", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == f"{self.confirmation.name}-confirm")

    def action_keep(self) -> None:
        self.dismiss(False)


def _naming(before: str, title: str, after: str) -> Text:
    question = Text(before)
    question.append_text(literal(title, style="bold"))
    question.append(after)
    return question


def confirm_shred(case_title: str) -> ConfirmScreen:
    return ConfirmScreen(
        Confirmation(
            name="shred",
            title=t("tui.shred.title"),
            question=_naming(
                t("tui.shred.question_before"), case_title, t("tui.shred.question_after")
            ),
            help=t("tui.shred.warning"),
            keep=t("tui.shred.keep"),
            confirm=t("tui.shred.confirm"),
        )
    )


def confirm_close(case_title: str) -> ConfirmScreen:
    return ConfirmScreen(
        Confirmation(
            name="close",
            title=t("tui.close.title"),
            question=_naming(
                t("tui.close.question_before"), case_title, t("tui.close.question_after")
            ),
            help=t("tui.close.explain"),
            keep=t("tui.close.keep"),
            confirm=t("tui.close.confirm"),
            danger="warning",
        )
    )
