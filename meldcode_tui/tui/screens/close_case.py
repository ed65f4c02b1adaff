"""Closing a case: asks first when the flow's rules allow it, else says calmly what is missing."""

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
from meldcode_tui.i18n import current_language, t
from meldcode_tui.tui.text import literal, visible

CLOSE = "\x00close"  # not a question id: ids are plain words


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
    """Each failing closure rule in the flow's words, then the open questions under their step."""
    lines = [literal("• " + rule.message.get(lang)) for rule in evaluation.closure_blockers]
    for state in evaluation.steps:
        if not state.missing:
            continue
        lines.append(literal(state.step.title.get(lang), style="bold"))
        for question_id in state.missing:
            question = evaluation.flow.question(question_id)
            if question is not None:
                lines.append(literal("  • " + question.text.get(lang)))
    return Text("\n").join(lines)


class CloseCaseScreen(ModalScreen[str | None]):
    """Dismisses with CLOSE (confirmed), a question id to go and answer, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", show=False)]

    def __init__(self, title: str, evaluation: Evaluation) -> None:
        super().__init__(id="close-case")
        self.case_title = title
        self.evaluation = evaluation

    def compose(self) -> ComposeResult:
        lang = current_language()
        ev = self.evaluation
        with Vertical(id="close-dialog", classes="dialog"):
            if ev.can_close:
                question = Text(t("tui.close.question_before"))
                question.append_text(literal(self.case_title, style="bold"))
                question.append(t("tui.close.question_after"))
                yield Static(t("tui.close.title"), classes="dialog-title")
                yield Static(question, id="close-question")
                yield Static(t("tui.close.explain"), classes="dialog-help")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("tui.close.keep"), id="close-keep", variant="primary")
                    yield Button(t("tui.close.confirm"), id="close-confirm", variant="warning")
                return
            yield Static(t("tui.close.refused_title"), classes="dialog-title")
            yield Static(t("tui.close.refused_explain"), classes="dialog-help")
            with VerticalScroll(id="close-missing-box"):
                yield Static(missing_text(ev, lang), id="close-missing")
            with Horizontal(classes="dialog-buttons"):
                if first_to_answer(ev) is not None:
                    yield Button(t("tui.close.goto"), id="close-goto", variant="primary")
                yield Button(t("tui.close.back"), id="close-back")

    def on_mount(self) -> None:
        # The safe choice has the focus: keep the case open, or go and answer what is missing.
        for selector in ("#close-keep", "#close-goto", "#close-back"):
            found = self.query(selector)
            if found:
                found.first().focus()
                return

    @on(Button.Pressed, "#close-confirm")
    def _confirm(self) -> None:
        self.dismiss(CLOSE)

    @on(Button.Pressed, "#close-goto")
    def _goto(self) -> None:
        self.dismiss(first_to_answer(self.evaluation))

    @on(Button.Pressed, "#close-keep")
    @on(Button.Pressed, "#close-back")
    def action_keep(self) -> None:
        self.dismiss(None)


def ask_to_close(
    screen: Screen[Any],
    session: OpenCase,
    goto: Callable[[str], Awaitable[None]],
    closed: Callable[[], Awaitable[None]],
) -> None:
    """The close action of the wizard and the decision screen: check, ask, close, report."""
    if session.closed:
        screen.notify(t("tui.close.already"))
        return

    async def done(result: str | None) -> None:
        if result == CLOSE:
            try:
                session.close()
            except ClosureRefused as exc:
                # Something changed in between (the clock passed a limit): say what, calmly.
                screen.app.push_screen(CloseCaseScreen(session.title, exc.evaluation), done)
                return
            screen.notify(t("tui.close.closed", title=visible(session.title)), markup=False)
            await closed()
        elif result:
            await goto(result)

    screen.app.push_screen(CloseCaseScreen(session.title, session.reevaluate()), done)
