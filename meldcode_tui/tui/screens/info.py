"""Help (the keys) and Veilig Thuis (the number, when to call): always one key away."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meldcode_tui.i18n import t

HELP_KEYS = [
    ("F1", "help"),
    ("F2", "veilig_thuis"),
    ("F3", "language"),
    ("F4", "contrast"),
    ("F5 / F6", "steps"),
    ("F7", "notes"),
    ("F8", "decision"),
    ("F9", "export"),
    ("F10", "close_case"),
    ("F12", "corrections.chronology"),
    ("Ctrl+R", "corrections.change_flow"),
    ("Del", "corrections.clear"),
    ("Ctrl+S", "save_entry"),
    ("Tab / Shift+Tab", "move"),
    ("↑ ↓ Space Enter", "choose"),
    ("Ctrl+N", "new_case"),
    ("Ctrl+D", "shred"),
    ("Ctrl+L", "lock"),
    ("Ctrl+P", "palette"),
    ("Esc", "back"),
    ("Ctrl+Q", "quit"),
]


class InfoScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", show=False),
        Binding("q", "close", show=False),
    ]

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _close(self) -> None:
        self.dismiss(None)

    async def relabel(self) -> None:
        await self.recompose()


class HelpScreen(InfoScreen):
    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, name in HELP_KEYS:
            table.add_row(key, Text(t(f"tui.help.{name}")))
        with Vertical(id="help", classes="dialog"):
            yield Static(t("tui.help.title"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(table, id="help-keys")
                yield Static(t("tui.help.mouse"), classes="dialog-help")
                yield Static(t("tui.help.autosave"), classes="dialog-help")
            yield Button(t("tui.common.close"), id="help-close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#help-close", Button).focus()


class VeiligThuisScreen(InfoScreen):
    def compose(self) -> ComposeResult:
        with Vertical(id="veilig-thuis", classes="dialog"):
            yield Static(t("tui.vt.title"), classes="dialog-title")
            yield Static(Text(t("tui.vt.danger"), style="bold"), id="vt-danger")
            yield Static(Text("0800-2000", style="bold"), id="vt-number")
            yield Static(t("tui.vt.free"), classes="dialog-help")
            yield Static(t("tui.vt.when"), classes="dialog-help")
            yield Static(t("tui.vt.anonymous"), classes="dialog-help")
            yield Button(t("tui.common.close"), id="vt-close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#vt-close", Button).focus()
