"""Ctrl+R in the wizard: another protocol for this case, with a reason.

Only collects the choice and the reason; casework/flow_change.py decides what carries over
(answers the new protocol also asks) and keeps the rest off the path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioSet, Static

from meldcode_tui.flow import Flow
from meldcode_tui.i18n import t
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.widgets.choice import Choice


@dataclass(frozen=True)
class FlowChoice:
    flow_id: str
    reason: str


class FlowChangeScreen(ModalScreen[FlowChoice | None]):
    """Dismisses with the protocol chosen and the reason, or None (cancel, Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, current: str, flows: dict[str, Flow], lang: str) -> None:
        super().__init__(id="flow-change")
        self.choices = [(fid, f.title.get(lang)) for fid, f in flows.items() if fid != current]

    def compose(self) -> ComposeResult:
        with Vertical(id="flow-change-dialog", classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                yield Static(t("flowchange.title"), classes="dialog-title")
                yield Static(t("flowchange.explain"), classes="dialog-help")
                yield RadioSet(
                    *(
                        # None chosen: Enter after the reason must not move a case to the
                        # first protocol in the list (a Flemish one) without a choice.
                        Choice(literal(title))
                        for _, title in self.choices
                    ),
                    id="flow-change-flows",
                )
                yield Static(t("flowchange.reason_label"))
                reason = Input(id="flow-change-reason")
                reason.cursor_blink = False
                yield reason
            with Vertical(classes="dialog-foot"):
                yield Static("", id="flow-change-error", classes="dialog-error")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("flowchange.cancel"), id="flow-change-cancel")
                    yield Button(
                        t("flowchange.confirm"), id="flow-change-confirm", variant="warning"
                    )

    def on_mount(self) -> None:
        self.query_one("#flow-change-flows", RadioSet).focus()

    @on(Input.Submitted, "#flow-change-reason")
    @on(Button.Pressed, "#flow-change-confirm")
    def _confirm(self) -> None:
        reason = self.query_one("#flow-change-reason", Input).value.strip()
        if not reason:
            self.query_one("#flow-change-error", Static).update(t("flowchange.reason_missing_app"))
            self.query_one("#flow-change-reason", Input).focus()
            return
        flows = self.query_one("#flow-change-flows", RadioSet)
        if flows.pressed_index < 0:
            self.query_one("#flow-change-error", Static).update(t("flowchange.choose_first"))
            flows.focus()
            return
        self.dismiss(FlowChoice(self.choices[flows.pressed_index][0], reason))

    @on(Button.Pressed, "#flow-change-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
