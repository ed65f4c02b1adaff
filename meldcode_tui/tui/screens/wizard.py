"""The wizard: steps on the left, the step's guidance, questions and notes in the centre."""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static, TextArea

from meldcode_tui.casework import CaseClosed, OpenCase
from meldcode_tui.flow import AnswerError, normalise_answer
from meldcode_tui.i18n import current_language, t
from meldcode_tui.tui.focus import (
    StrayKeys,
    ViewHold,
    control_of,
    first_open_question,
    scroll_into_view,
)
from meldcode_tui.tui.read_only import handed_over, read_only_line
from meldcode_tui.tui.screens.close_case import ask_to_close
from meldcode_tui.tui.screens.info import StepHelp
from meldcode_tui.tui.screens.results import GoTo
from meldcode_tui.tui.screens.wizard_corrections import (
    change_protocol,
    correct_entry,
    revise_note,
    withdraw_entry,
)
from meldcode_tui.tui.screens.wizard_layout import (
    case_ledger_history,
    lifecycle_line,
    neighbour_step,
    step_help,
    step_state_line,
    step_widgets,
    wizard_header,
    wizard_keys,
)
from meldcode_tui.tui.services import services
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.widgets.deadlines import DeadlineBanner
from meldcode_tui.tui.widgets.keybar import KeyBar
from meldcode_tui.tui.widgets.ledger import LedgerEntries
from meldcode_tui.tui.widgets.notes import NotesPanel
from meldcode_tui.tui.widgets.question import CLEARABLE, QuestionField
from meldcode_tui.tui.widgets.steps import StepList

CLOCK_CHECK_SECONDS = 60.0
# Below this many columns the step's buttons and the note kinds no longer fit side by side
# (app.tcss, `#wizard.-narrow`): an 80-column terminal.
NARROW = 100


class WizardScreen(Screen[None]):
    """Renders what the engine says about the case; hands each answer back to be saved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "previous_step", priority=True, show=False),
        Binding("f6", "next_step", priority=True, show=False),
        Binding("f7", "notes", priority=True, show=False),
        Binding("f8", "decision", priority=True, show=False),
        Binding("f9", "export", priority=True, show=False),
        Binding("f10", "close_case", priority=True, show=False),
        Binding("ctrl+t", "actions", priority=True, show=False),
        Binding("f12", "chronology", priority=True, show=False),
        Binding("ctrl+r", "change_flow", priority=True, show=False),
        Binding("escape", "close", show=False),
    ]

    def __init__(self, session: OpenCase, step_id: str | None = None) -> None:
        super().__init__(id="wizard")
        self.session = session
        self.step_id = step_id or session.resume_step()
        self._stray = StrayKeys(lambda: self.notify(t("tui.focus.not_a_text_field")))

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(wizard_header(self.session, services(self.app).demo), id="wizard-header")
        # Whether the case can be closed, or is closed and read-only: said, never done for you.
        yield Static("", id="case-lifecycle")
        # Above the step, so a passed limit is seen before anything else on every step.
        yield DeadlineBanner(id="deadline-banner")
        with Horizontal(id="wizard-body"):
            yield StepList(id="steps")
            yield VerticalScroll(id="step-body")
        yield KeyBar(wizard_keys(self.session))

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    async def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self._view = ViewHold(self.query_one("#step-body", VerticalScroll))
        self.screen_layout_refresh_signal.subscribe(
            self, lambda _screen: self._view.after_layout(self.app.focused)
        )
        await self.show_step(self.step_id)
        # A limit can pass while the case is open (the 24-hour ownership limit, say).
        self.set_interval(CLOCK_CHECK_SECONDS, self._clock_check)

    def _clock_check(self) -> None:
        before = self.session.evaluation
        after = self.session.reevaluate()
        if (before.escalated, [d.overdue for d in before.deadlines]) != (
            after.escalated,
            [d.overdue for d in after.deadlines],
        ):
            self._apply_visibility()
            self._refresh_steps()

    async def show_step(self, step_id: str, focus_question: str | None = None) -> None:
        """Rebuild the centre for one step and remember it as the place to resume."""
        self._save_typing()
        self.step_id = step_id
        self.session.move(step_id)
        self._refresh_steps()
        body = self.query_one("#step-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(step_widgets(self.session, self.step_id))
        self._apply_visibility()
        self._focus_first(focus_question)

    def step_help(self) -> StepHelp:
        """F1 on a step: its title, state, guidance, roles and sources, in the flow's words."""
        return step_help(self.session, self.step_id)

    def _refresh_steps(self) -> None:
        """Step list, overdue banner and header follow every change of the evaluation."""
        s = self.session
        self.query_one(StepList).show(s.flow, s.evaluation, current_language(), self.step_id)
        self.query_one(DeadlineBanner).show(s.evaluation, current_language())
        self.query_one("#wizard-header", Static).update(wizard_header(s, services(self.app).demo))
        line = self.query_one("#case-lifecycle", Static)
        message = lifecycle_line(s)
        line.update(message)
        line.display = bool(message)
        self.query_one(KeyBar).show_keys(wizard_keys(s))

    def _apply_visibility(self) -> None:
        """Show the questions the engine says are on the path; kept answers off it, marked."""
        ev = self.session.evaluation
        state = ev.state(self.step_id)
        visible = {q.id for q in state.visible} if state else set()
        for field in self.query(QuestionField):
            qid = field.question.id
            off = qid not in visible and qid in self.session.answers
            field.display = qid in visible or off
            field.set_class(off, "-off-path")
            # A closed case is read-only until reopened (F10).
            field.disabled = off or self.session.closed
        for panel in self.query(NotesPanel):
            panel.disabled = self.session.closed
        status, message = step_state_line(state)
        self.query_one("#step-state", Static).update(literal(message))
        self.query_one("#step-state").set_classes(f"state-{status}")

    def _focus_first(self, question_id: str | None) -> None:
        """Focus a question (given, else the first open one) and scroll it into view.

        Focus never rests on something out of view: the view follows once the step is laid
        out; a read-only question is shown but holds no focus.
        """
        body = self.query_one("#step-body", VerticalScroll)
        chosen = first_open_question(self.query(QuestionField), self.session.answers, question_id)
        if chosen is None:
            # A step without questions: the way on.
            nav = self.query_one("#step-next", Button)
            nav.focus(scroll_visible=False)
            self._keep_in_view(body, nav, nav)
            return
        target = control_of(chosen)
        if target is None:
            self.set_focus(None)
        else:
            target.focus(scroll_visible=False)
            # Typing on a recorded answer adds to its end, not silently before its first word.
            if isinstance(target, Input):
                target.cursor_position = len(target.value)
            elif isinstance(target, TextArea):
                target.move_cursor(target.document.end)
        self._keep_in_view(body, chosen, target or chosen)

    def _keep_in_view(self, body: VerticalScroll, shown: Widget, focused: Widget) -> None:
        """Scroll once the step is laid out, and again after any later layout (`ViewHold`)."""
        self._view.hold(shown, focused)
        self.call_after_refresh(scroll_into_view, body, shown, focused)

    def on_key(self, event: events.Key) -> None:
        self._stray.check(event, self.app.focused)

    # ------------------------------------------------------------------ saving

    @on(QuestionField.Answered)
    def _answered(self, event: QuestionField.Answered) -> None:
        had = event.question_id in self.session.answers
        saved = self._save(event.field, event.question_id, event.value)
        if saved and had and event.value is None and event.field.question.type in CLEARABLE:
            self.notify(t("corrections_tui.cleared"))

    def _save(self, field: QuestionField | None, question_id: str, value: Any) -> bool:
        try:
            changed = self.session.answer(question_id, value)
        except CaseClosed:
            self._say_read_only()
            return False
        except AnswerError as exc:
            if field is not None:
                field.show_error(str(exc))
            return False
        if field is not None:
            field.show_error(None)
        if changed:
            self._apply_visibility()
            self._refresh_steps()
        return True

    # ------------------------------------------------------------------ ledgers

    @on(LedgerEntries.AddRequested)
    def _add_entry(self, event: LedgerEntries.AddRequested) -> None:
        from meldcode_tui.tui.screens.ledger_entry import LedgerEntryScreen

        event.stop()
        question = event.question
        validate = partial(normalise_answer, self.session.flow, question.id)
        entries = list(self.session.answers.get(question.id) or [])
        screen = LedgerEntryScreen(
            question, entries, current_language(), validate, keep=self._keep_ledger_draft
        )

        async def done(new_list: list[Any] | None) -> None:
            if new_list is not None:
                await self._save_ledger(question.id, new_list)

        self.app.push_screen(screen, done)

    def _keep_ledger_draft(self, text: str) -> None:
        """A half-filled ledger entry at lock or exit: a note of this step, nothing lost."""
        if not self.session.closed:
            self.session.add_note("feit", text, self.step_id, for_record=False)

    @on(LedgerEntries.RemoveRequested)
    def _remove_entry(self, event: LedgerEntries.RemoveRequested) -> None:
        event.stop()
        withdraw_entry(self, event.question, event.index, event.line)

    @on(LedgerEntries.CorrectRequested)
    def _correct_entry(self, event: LedgerEntries.CorrectRequested) -> None:
        event.stop()
        correct_entry(self, event.question, event.index, event.line)

    @on(NotesPanel.ReviseRequested)
    def _revise_note(self, event: NotesPanel.ReviseRequested) -> None:
        event.stop()
        revise_note(self, event.note, event.withdraw)

    async def refresh_ledger(self, question_id: str) -> None:
        """A ledger after a change: its entries as stored, with corrections and withdrawals."""
        field = self.query_one(f"#field-{question_id}", QuestionField)
        entries = list(self.session.answers.get(question_id) or [])
        await field.show_entries(entries, case_ledger_history(self.session, question_id))
        self._apply_visibility()
        self._refresh_steps()
        field.query_one(LedgerEntries).focus_add()

    async def refresh_notes(self) -> None:
        await self.query_one(NotesPanel).show_notes(self.session.notes_for(self.step_id))

    async def _save_ledger(self, question_id: str, entries: list[Any]) -> None:
        field = self.query_one(f"#field-{question_id}", QuestionField)
        if self._save(field, question_id, entries or None):
            entries = list(self.session.answers.get(question_id) or [])
            await field.show_entries(entries, case_ledger_history(self.session, question_id))
        field.query_one(LedgerEntries).focus_add()

    def flush(self) -> None:
        """Save what is typed and the step on screen; called before leaving or locking."""
        self._save_typing()
        self.session.save_position()

    def _save_typing(self) -> None:
        """Save typed text that is still waiting for a pause (and a note being written)."""
        for field in self.query(QuestionField):
            ok, value = field.take_pending()
            if ok:
                self._save(field, field.question.id, value)
        for panel in self.query(NotesPanel):
            draft = panel.take_draft()
            if draft is not None and not self.session.closed:
                self.session.add_note(
                    draft.kind, draft.text, self.step_id, for_record=draft.for_record
                )
                self.app.notify(t("tui.notes.draft_saved"))

    @on(NotesPanel.Added)
    async def _note(self, event: NotesPanel.Added) -> None:
        if self.session.closed:
            self._say_read_only()
            return
        self.session.add_note(event.kind, event.text, self.step_id, for_record=event.for_record)
        panel = self.query_one(NotesPanel)
        await panel.show_notes(self.session.notes_for(self.step_id))
        field = panel.query_one("#note-text", Input)
        field.focus(scroll_visible=False)
        # The view follows the input once the longer list of notes is laid out.
        self._keep_in_view(self.query_one("#step-body", VerticalScroll), field, field)

    @on(NotesPanel.RoleChosen)
    def _role(self, event: NotesPanel.RoleChosen) -> None:
        # Typed text waiting for a pause was written under the old role; save it first.
        self.flush()
        self.session.author_role = event.role
        services(self.app).author_roles[self.session.flow.id] = event.role

    # ------------------------------------------------------------------ moving

    async def action_next_step(self) -> None:
        self._save_typing()
        target = neighbour_step(self.session.evaluation, self.step_id, 1)
        if target is None:
            await self.action_decision()
        else:
            await self.show_step(target)

    async def action_previous_step(self) -> None:
        target = neighbour_step(self.session.evaluation, self.step_id, -1)
        if target is not None:
            await self.show_step(target)

    def action_notes(self) -> None:
        # F7 is off the key bar of a read-only case; pressed anyway, it says why.
        if self.session.closed:
            self._say_read_only()
            return
        self.query_one(NotesPanel).focus_input()

    def _say_read_only(self) -> None:
        """One line: to whom the case was handed over, or that it is closed (F10 reopens)."""
        self.notify(read_only_line(self.session) or t("lifecycle.app_read_only"), markup=False)

    async def action_decision(self) -> None:
        from meldcode_tui.tui.screens.decision import DecisionScreen

        self.flush()
        await self.app.push_screen(DecisionScreen(self.session), self._back_from_decision)

    async def _back_from_decision(self, goto: GoTo | None) -> None:
        if goto is not None:
            step = self.session.flow.step_of(goto.question_id)
            if step is not None:
                await self.show_step(step.id, focus_question=goto.question_id)
                return
        await self.show_step(self.step_id)

    def action_export(self) -> None:
        """F9: save what is typed, then the export dialog."""
        self.flush()
        services(self.app).open_export(self.session.case_id)

    def action_close(self) -> None:
        self.flush()
        self.dismiss(None)

    def action_change_flow(self) -> None:
        """Ctrl+R: another protocol for this case (wizard_corrections.change_protocol)."""
        self.flush()
        change_protocol(self)

    def action_chronology(self) -> None:
        """F12: what happened in this case, by the date it happened."""
        from meldcode_tui.tui.screens.chronology import ChronologyScreen

        self.flush()
        self.app.push_screen(ChronologyScreen(self.session))

    def action_actions(self) -> None:
        """Ctrl+T: the case's agreed actions (who does what by when)."""
        from meldcode_tui.tui.screens.actions import ActionsScreen

        self.flush()
        self.app.push_screen(ActionsScreen(self.session))

    def offers_close(self) -> bool:
        # The command palette lists "close case" only where it can be done.
        return not handed_over(self.session)

    def action_close_case(self) -> None:
        """Close the case, only when the flow's closure rules hold and nothing required is open."""
        self.flush()
        if handed_over(self.session):
            self._say_read_only()
            return

        async def goto(question_id: str) -> None:
            step = self.session.flow.step_of(question_id)
            await self.show_step(step.id if step else self.step_id, focus_question=question_id)

        async def closed() -> None:
            # Closing makes every control read-only, reopening makes them writable again.
            await self.show_step(self.step_id)

        ask_to_close(self, self.session, goto, closed)

    @on(OptionList.OptionSelected, "#steps")
    async def _step_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != self.step_id:
            await self.show_step(event.option.id)
        elif event.option.id:
            self._focus_first(None)

    @on(Button.Pressed, "#step-next")
    async def _next(self) -> None:
        await self.action_next_step()

    @on(Button.Pressed, "#step-previous")
    async def _previous(self) -> None:
        await self.action_previous_step()

    @on(Button.Pressed, "#step-decision")
    async def _decision(self) -> None:
        await self.action_decision()

    async def relabel(self) -> None:
        """After a language switch: rebuild everything in the new language, same step."""
        self.flush()
        await self.recompose()
        await self.show_step(self.step_id)
