"""Corrections from the wizard: a note or a ledger entry corrected or withdrawn, a choice
cleared. Each asks what it needs (tui/screens/revise.py), hands it to the open case, and
redraws what changed; the earlier version is kept by the use-case layer."""

from __future__ import annotations

from functools import partial
from typing import Any, Protocol

from rich.text import Text
from textual.app import App
from textual.notifications import SeverityLevel

from meldcode_tui.casework import CaseClosed, OpenCase
from meldcode_tui.casework.corrections import CorrectionRefused
from meldcode_tui.flow import AnswerError, Question, normalise_answer
from meldcode_tui.i18n import current_language, t
from meldcode_tui.store.records import Note
from meldcode_tui.tui.read_only import read_only_line, refusal_line
from meldcode_tui.tui.screens.revise import Revised, ReviseScreen
from meldcode_tui.tui.text import literal


class WizardScreen(Protocol):
    """What these need of the wizard (a Protocol: the wizard imports this module)."""

    session: OpenCase

    @property
    def app(self) -> App[Any]: ...

    def notify(
        self, message: str, *, severity: SeverityLevel = "information", markup: bool = True
    ) -> None: ...

    async def refresh_notes(self) -> None: ...

    async def refresh_ledger(self, question_id: str) -> None: ...

    def dismiss(self, result: None = None) -> Any: ...


REFUSED = (CorrectionRefused, CaseClosed, AnswerError)


def revise_note(wizard: WizardScreen, note: Note, withdraw: bool) -> None:
    session = wizard.session
    title = t(
        "corrections_tui.note_withdraw_title" if withdraw else "corrections_tui.note_correct_title"
    )
    screen = ReviseScreen(title, literal(note.text), None if withdraw else note.text)

    async def done(result: Revised | None) -> None:
        if result is None:
            return
        try:
            if result.text is None:
                session.withdraw_note(note.id, result.reason)
            else:
                session.correct_note(note.id, result.text, result.reason)
        except REFUSED as exc:
            wizard.notify(refusal_line(wizard.session, exc), severity="error", markup=False)
            return
        wizard.notify(
            t("corrections_tui.withdrawn_note" if withdraw else "corrections_tui.corrected_note")
        )
        await wizard.refresh_notes()

    wizard.app.push_screen(screen, done)


def withdraw_entry(wizard: WizardScreen, question: Question, index: int, line: Text) -> None:
    """Ask why, then withdraw entry `index` (from 0); the history keeps it."""
    screen = ReviseScreen(t("corrections_tui.entry_withdraw_title"), line, None)

    async def done(result: Revised | None) -> None:
        if result is None:
            return
        try:
            wizard.session.withdraw_entry(question.id, index, result.reason)
        except REFUSED as exc:
            wizard.notify(refusal_line(wizard.session, exc), severity="error", markup=False)
            return
        wizard.notify(t("corrections_tui.withdrawn_entry"))
        await wizard.refresh_ledger(question.id)

    wizard.app.push_screen(screen, done)


def correct_entry(wizard: WizardScreen, question: Question, index: int, line: Text) -> None:
    """The entry in its own dialog, filled in; then an optional reason; then saved."""
    from meldcode_tui.tui.screens.ledger_entry import LedgerEntryScreen
    from meldcode_tui.tui.widgets.ledger import entry_line

    session = wizard.session
    entries = list(session.answers.get(question.id) or [])
    validate = partial(normalise_answer, session.flow, question.id)
    editor = LedgerEntryScreen(question, entries, current_language(), validate, editing=index)

    async def edited(new_list: list[Any] | None) -> None:
        if new_list is None or new_list == entries:
            return
        entry = new_list[index]

        async def reasoned(result: Revised | None) -> None:
            if result is None:
                # Esc here drops the edit: said, so no one believes it was kept.
                wizard.notify(t("corrections_tui.entry_not_saved"), severity="warning")
                return
            try:
                session.correct_entry(question.id, index, entry, result.reason)
            except REFUSED as exc:
                wizard.notify(refusal_line(session, exc), severity="error", markup=False)
                return
            wizard.notify(t("corrections_tui.corrected_entry"))
            await wizard.refresh_ledger(question.id)

        # Before and after, so the reason is given for the change actually made.
        compared = Text()
        compared.append(t("corrections_tui.entry_was") + " ", style="bold")
        compared.append_text(line)
        compared.append("\n" + t("corrections_tui.entry_becomes") + " ", style="bold")
        compared.append_text(entry_line(question, index + 1, entry, current_language()))
        ask = ReviseScreen(t("corrections_tui.entry_correct_title"), compared, "", ask_text=False)
        wizard.app.push_screen(ask, reasoned)

    wizard.app.push_screen(editor, edited)


def change_protocol(wizard: WizardScreen) -> None:
    """Ask for the protocol and the reason, change it, and open the case again under it."""
    from meldcode_tui.casework.flow_change import FlowChangeRefused, change_flow
    from meldcode_tui.flow import FlowError
    from meldcode_tui.flow.registry import shipped_flows
    from meldcode_tui.tui.screens.flow_change import FlowChangeScreen, FlowChoice
    from meldcode_tui.tui.services import services

    session = wizard.session
    if session.closed:
        wizard.notify(read_only_line(session) or "", markup=False)
        return
    lang = current_language()
    screen = FlowChangeScreen(session.flow.id, shipped_flows(), lang)

    async def done(choice: FlowChoice | None) -> None:
        if choice is None:
            return
        try:
            change_flow(
                session.store, session.case_id, choice.flow_id, choice.reason, now=session.clock()
            )
        except (FlowChangeRefused, CaseClosed, FlowError) as exc:
            wizard.notify(refusal_line(session, exc), severity="error", markup=False)
            return
        app = wizard.app
        wizard.dismiss(None)
        # The wizard is rebuilt for the new protocol: its steps, questions and roles.
        app.call_later(services(app).open_case, session.case_id)
        app.notify(t("flowchange.done", flow=shipped_flows()[choice.flow_id].title.get(lang)))

    wizard.app.push_screen(screen, done)
