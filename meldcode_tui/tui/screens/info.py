"""Help (this step, the step marks, the keys) and Veilig Thuis (the number, when to call)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meldcode_tui.i18n import t
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.widgets.steps import MARKS

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
    ("F12", "tui.help.corrections.chronology"),
    ("Ctrl+R", "tui.help.corrections.change_flow"),
    ("Del", "tui.help.corrections.clear"),
    ("Ctrl+S", "save_entry"),
    ("Tab / Shift+Tab", "move"),
    ("↑ ↓ Space Enter", "choose"),
    ("Ctrl+N", "new_case"),
    ("Ctrl+T", "step_help.key_deadlines"),
    ("Ctrl+D", "shred"),
    ("Ctrl+L", "lock"),
    ("Ctrl+P", "palette"),
    ("Esc", "back"),
    ("Ctrl+Q", "quit"),
]


# The marks of the step list (widgets/steps.py MARKS), in the order a case meets them.
MARK_STATES = ("current", "done", "pending", "skipped", "off_path")


@dataclass(frozen=True)
class StepHelp:
    """What F1 says about the step on screen, in the flow's own words."""

    title: str
    state: str
    guidance: str
    roles: str = ""
    sources: str = ""
    reminder: str = ""


@runtime_checkable
class ExplainsStep(Protocol):
    """A screen showing one step of a flow (the wizard): F1 explains that step first."""

    def step_help(self) -> StepHelp: ...


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
    """The step on screen (its guidance, its state), what the step marks mean, then the keys."""

    def __init__(self, over: Any = None) -> None:
        super().__init__()
        # The screen F1 was pressed on; a wizard step is explained before the keys.
        self.step = over.step_help() if isinstance(over, ExplainsStep) else None

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, name in HELP_KEYS:
            label = name if "." in name else f"tui.help.{name}"
            table.add_row(key, Text(t(label)))
        with Vertical(id="help", classes="dialog"):
            title = "step_help.title" if self.step else "tui.help.title"
            yield Static(t(title), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                if self.step is not None:
                    yield from self._step_part(self.step)
                yield Static(t("step_help.keys"), classes="section-title")
                yield Static(table, id="help-keys")
                yield Static(t("tui.help.mouse"), classes="dialog-help")
                yield Static(t("tui.help.autosave"), classes="dialog-help")
            yield Button(t("tui.common.close"), id="help-close", variant="primary")

    def on_mount(self) -> None:
        # The text scrolls with the arrow keys and Page Up/Down; Enter or Esc closes.
        self.query_one("#help-body", VerticalScroll).focus()

    def key_enter(self) -> None:
        self.dismiss(None)

    def _step_part(self, step: StepHelp) -> ComposeResult:
        head = literal(step.title, style="bold")
        head.append("  ")
        head.append_text(literal(step.state, style="italic"))
        yield Static(head, id="help-step-title")
        yield Static(literal(step.guidance), id="help-step-guidance")
        for part, name in ((step.roles, "roles"), (step.sources, "sources")):
            if part:
                yield Static(literal(part), id=f"help-step-{name}", classes="dialog-help")
        if step.reminder:
            yield Static(literal(step.reminder), id="help-step-reminder", classes="dialog-help")
        yield Static(t("step_help.how"), id="help-step-how", classes="dialog-help")
        yield Static(t("step_help.marks"), classes="section-title")
        marks = Table.grid(padding=(0, 2))
        marks.add_column(no_wrap=True)
        marks.add_column()
        for state in MARK_STATES:
            marks.add_row(MARKS[state], Text(t(f"step_help.mark_{state}")))
        yield Static(marks, id="help-marks")
        yield Static(t("step_help.highlighted"), classes="dialog-help")


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
