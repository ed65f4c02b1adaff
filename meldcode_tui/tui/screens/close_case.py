"""Closing a case: asks first (the shared confirm dialog) when the flow's rules allow it, else
says calmly what is missing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from meldcode_tui.casework import ClosureRefused, OpenCase
from meldcode_tui.flow import Evaluation
from meldcode_tui.flow.describe import undecided_text
from meldcode_tui.i18n import current_language, t
from meldcode_tui.tui.screens.confirm import confirm_close
from meldcode_tui.tui.screens.results import GoTo
from meldcode_tui.tui.text import literal, visible


def first_to_answer(evaluation: Evaluation) -> str | None:
    """Where to start: the first open question, else a question the first failing rule reads."""
    if evaluation.missing:
        return evaluation.missing[0]
    for rule in evaluation.closure_blockers:
        asked = [c.question for c in rule.when.references()]
        open_first = [q for q in asked if q not in evaluation.effective] + asked
        if open_first:
            return open_first[0]
    return None


def missing_text(evaluation: Evaluation, lang: str) -> Text:
    """Each failing closure rule in the flow's words, the decisions not taken, then the open
    questions under their step."""
    lines = [literal("• " + rule.message.get(lang)) for rule in evaluation.closure_blockers]
    if evaluation.undecided:
        lines.append(literal("• " + undecided_text(evaluation, lang)))
    for state in evaluation.steps:
        if not state.missing:
            continue
        lines.append(literal(state.step.title.get(lang), style="bold"))
        for question_id in state.missing:
            question = evaluation.flow.question(question_id)
            if question is not None:
                lines.append(literal("  • " + question.text.get(lang)))
    return Text("\n").join(lines)


class CloseRefusedScreen(ModalScreen[GoTo | None]):
    """Says calmly what is still missing; dismisses with where to go and answer it, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", show=False)]

    def __init__(self, evaluation: Evaluation) -> None:
        super().__init__(id="close-refused")
        self.evaluation = evaluation

    def compose(self) -> ComposeResult:
        ev = self.evaluation
        with Vertical(id="close-dialog", classes="dialog"):
            yield Static(t("tui.close.refused_title"), classes="dialog-title")
            yield Static(t("tui.close.refused_explain"), classes="dialog-help")
            with VerticalScroll(id="close-missing-box"):
                yield Static(missing_text(ev, current_language()), id="close-missing")
            with Horizontal(classes="dialog-buttons"):
                if first_to_answer(ev) is not None:
                    yield Button(t("tui.close.goto"), id="close-goto", variant="primary")
                yield Button(t("tui.close.back"), id="close-back")

    def on_mount(self) -> None:
        # The safe choice has the focus: go and answer what is missing (else: back).
        self.query(Button).first().focus()

    @on(Button.Pressed, "#close-goto")
    def _goto(self) -> None:
        question_id = first_to_answer(self.evaluation)
        self.dismiss(GoTo(question_id) if question_id else None)

    @on(Button.Pressed, "#close-back")
    def action_back(self) -> None:
        self.dismiss(None)


def ask_to_close(
    screen: Screen[Any],
    session: OpenCase,
    goto: Callable[[str], Awaitable[None]],
    closed: Callable[[], Awaitable[None]],
) -> None:
    """The close action of the wizard and the decision screen: check, ask, close, report.

    On a closed case the same key reopens it, after asking why.
    """
    if session.closed:
        from meldcode_tui.tui.screens.reopen import ReopenScreen

        async def reopened(reason: str | None) -> None:
            if reason:
                session.reopen(reason)
                screen.notify(
                    t("lifecycle.reopen_done", title=visible(session.title)), markup=False
                )
                await closed()

        screen.app.push_screen(ReopenScreen(), reopened)
        return

    async def refused_done(result: GoTo | None) -> None:
        if result is not None:
            await goto(result.question_id)

    async def confirmed(yes: bool | None) -> None:
        if not yes:
            return
        try:
            session.close()
        except ClosureRefused as exc:
            # Something changed in between (the clock passed a limit): say what, calmly.
            screen.app.push_screen(CloseRefusedScreen(exc.evaluation), refused_done)
            return
        screen.notify(t("tui.close.closed", title=visible(session.title)), markup=False)
        await closed()

    evaluation = session.reevaluate()
    if evaluation.can_close:
        screen.app.push_screen(confirm_close(session.title), confirmed)
    else:
        screen.app.push_screen(CloseRefusedScreen(evaluation), refused_done)
