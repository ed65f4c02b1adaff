"""The case's agreed actions (who does what by when): add one, mark one done."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from meldcode_tui.casework import CaseClosed, OpenCase
from meldcode_tui.casework.actions import ActionRefused
from meldcode_tui.dates import show_date
from meldcode_tui.i18n import t
from meldcode_tui.store.records import Action
from meldcode_tui.tui.read_only import handed_over, read_only_line, refusal_line
from meldcode_tui.tui.screens.confirm import Confirmation, ConfirmScreen
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.type_ahead import TypeAhead


def action_line(action: Action) -> Text:
    """One action in words; the text and owner were typed by a person, so shown literally."""
    mark = "✓ " if action.done_at else "• "
    line = literal(mark + action.text, style="dim" if action.done_at else "")
    line.append_text(literal(" — " + t("tui.actions.owner", owner=action.owner), style="dim"))
    if action.due is not None:
        line.append("  " + t("tui.actions.due", date=show_date(action.due)))
    if action.done_at is not None:
        line.append("  " + t("tui.actions.done_at", date=show_date(action.done_at)))
    return line


def confirm_done(action: Action) -> ConfirmScreen:
    return ConfirmScreen(
        Confirmation(
            name="action-done",
            title=t("tui.actions.done_title"),
            question=literal(action.text, style="bold"),
            help=t("tui.actions.done_help"),
            keep=t("tui.actions.keep_open"),
            confirm=t("tui.actions.confirm_done"),
            danger="warning",
        )
    )


class ActionsScreen(TypeAhead, ModalScreen[None]):
    """Each change is saved at once (one transaction); Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", show=False)]

    def __init__(self, session: OpenCase) -> None:
        super().__init__(id="actions")
        self.session = session

    def compose(self) -> ComposeResult:
        gone = handed_over(self.session)
        with Vertical(id="actions-dialog", classes="dialog"):
            yield Static(t("tui.actions.title"), classes="dialog-title")
            if gone:
                # The list stays readable; the store takes no new action for this case.
                yield Static(literal(read_only_line(self.session) or ""), classes="dialog-help")
                yield VerticalScroll(id="actions-list")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("tui.actions.back"), id="actions-back", variant="primary")
                return
            yield Static(t("tui.actions.help"), classes="dialog-help")
            yield VerticalScroll(id="actions-list")
            yield Input(placeholder=t("tui.actions.text"), id="action-text")
            with Horizontal(id="action-who-when"):
                yield Input(placeholder=t("tui.actions.owner_placeholder"), id="action-owner")
                yield Input(placeholder=t("tui.actions_words.due_placeholder"), id="action-due")
            yield Static("", id="action-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.actions.add"), id="action-add", variant="primary")
                yield Button(t("tui.actions.back"), id="actions-back")

    async def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        await self._show_list()
        if handed_over(self.session):
            self.query_one("#actions-back", Button).focus()
        else:
            self.focus_typing(self.query_one("#action-text", Input))

    async def _show_list(self) -> None:
        box = self.query_one("#actions-list", VerticalScroll)
        await box.remove_children()
        actions = self.session.case.actions
        if not actions:
            await box.mount(Static(t("tui.actions.none"), classes="dialog-help"))
            return
        rows = []
        for a in actions:
            row = Horizontal(Static(action_line(a), classes="action-line"), classes="action-row")
            if a.done_at is None and not self.session.closed:
                row.compose_add_child(Button(t("tui.actions.mark_done"), id=f"done-{a.id}"))
            rows.append(row)
        await box.mount_all(rows)

    @on(Input.Submitted)
    @on(Button.Pressed, "#action-add")
    async def _add(self) -> None:
        text = self.query_one("#action-text", Input)
        owner = self.query_one("#action-owner", Input)
        due = self.query_one("#action-due", Input)
        error = self.query_one("#action-error", Static)
        try:
            self.session.add_action(text.value, owner=owner.value, due=due.value or None)
        except CaseClosed as exc:
            error.update(literal(refusal_line(self.session, exc)))
            return
        except ActionRefused as exc:
            # The date's line names the field as the app shows it; the command line says --due.
            error.update(
                literal(t("tui.actions_words.bad_due") if exc.field == "due" else str(exc))
            )
            wrong = {"text": text, "owner": owner, "due": due}.get(exc.field)
            if wrong is not None:
                wrong.focus()
            return
        error.update("")
        text.value = due.value = ""
        await self._show_list()
        text.focus()

    @on(Button.Pressed, ".action-row Button")
    def _done(self, event: Button.Pressed) -> None:
        action_id = (event.button.id or "").removeprefix("done-")
        action = next((a for a in self.session.case.actions if a.id == action_id), None)
        if action is None:
            return

        async def confirmed(yes: bool | None) -> None:
            if yes:
                self.session.complete_action(action_id)
                await self._show_list()

        self.app.push_screen(confirm_done(action), confirmed)

    @on(Button.Pressed, "#actions-back")
    def action_back(self) -> None:
        self.dismiss(None)
