"""New case: a pseudonym and the protocol to follow, each protocol with its one-line description."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from meldcode_tui.flow import shipped_flows
from meldcode_tui.i18n import current_language, t
from meldcode_tui.summary.names import title_suggestion
from meldcode_tui.tui.screens.results import NewCase
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.type_ahead import TypeAhead

DEFAULT_FLOW = "basismodel"


class NewCaseScreen(TypeAhead, ModalScreen[NewCase | None]):
    """Returns the protocol and title chosen, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]
    # The title last warned about as a full name (so a second press goes ahead).
    _warned: str | None = None
    # Rows the dialog needs besides the protocol list, with a two-line warning showing: the list
    # gives way so that the buttons stay on screen at 80x24 (it scrolls; the buttons cannot).
    _ROWS_AROUND_LIST = 18
    _LIST_ROWS = (3, 8)
    _list_rows: int | None = None

    def compose(self) -> ComposeResult:
        lang = current_language()
        with Vertical(id="new-case", classes="dialog"):
            yield Static(t("tui.new_case.title"), classes="dialog-title")
            yield Static(t("tui.new_case.name_help"), classes="dialog-help")
            field = Input(placeholder=t("tui.new_case.name_placeholder"), id="new-case-title")
            field.cursor_blink = False
            yield field
            yield Static(t("tui.new_case.flow_help"), classes="dialog-help")
            options = []
            # The general basismodel first: it fits every professional; the rest by title.
            flows = sorted(
                shipped_flows().values(),
                key=lambda f: (f.id != DEFAULT_FLOW, f.title.get(lang).casefold()),
            )
            for flow in flows:
                prompt = literal(flow.title.get(lang), style="bold")
                description = flow.description.get(lang).split(". ")[0].rstrip(".") + "."
                prompt.append("\n")
                prompt.append_text(literal(description, style="dim"))
                options.append(Option(prompt, id=flow.id))
            yield OptionList(*options, id="new-case-flow")
            yield Static("", id="new-case-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.new_case.create"), id="new-case-create", variant="primary")
                yield Button(t("tui.common.cancel"), id="new-case-cancel")

    def on_mount(self) -> None:
        flows = self.query_one("#new-case-flow", OptionList)
        flows.highlighted = 0
        self._fit_flow_list(self.app.size.height)
        self.focus_typing(self.query_one("#new-case-title", Input))

    def on_resize(self, event: Resize) -> None:
        self._fit_flow_list(event.size.height)

    def _fit_flow_list(self, screen_rows: int) -> None:
        low, high = self._LIST_ROWS
        rows = max(low, min(high, screen_rows - self._ROWS_AROUND_LIST))
        if rows != self._list_rows:
            self._list_rows = rows
            flows = self.query_one("#new-case-flow", OptionList)
            flows.styles.max_height = rows
            flows.refresh(layout=True)

    @on(Input.Submitted, "#new-case-title")
    def _title_done(self) -> None:
        self.query_one("#new-case-flow", OptionList).focus()

    @on(OptionList.OptionSelected, "#new-case-flow")
    @on(Button.Pressed, "#new-case-create")
    def _create(self) -> None:
        title = self.query_one("#new-case-title", Input).value.strip()
        flows = self.query_one("#new-case-flow", OptionList)
        if not title:
            self.query_one("#new-case-error", Static).update(Text(t("tui.new_case.need_title")))
            self.query_one("#new-case-title", Input).focus()
            return
        suggestion = title_suggestion(title)
        if suggestion is not None and title != self._warned:
            # A warning, not a block: a second press with the same title creates the case.
            self._warned = title
            message = t("record.title_full_name_tui", suggestion=suggestion)
            self.query_one("#new-case-error", Static).update(Text(message))
            return
        index = flows.highlighted if flows.highlighted is not None else 0
        flow_id = flows.get_option_at_index(index).id
        assert flow_id is not None
        self.dismiss(NewCase(flow_id=flow_id, title=title))

    @on(Button.Pressed, "#new-case-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
