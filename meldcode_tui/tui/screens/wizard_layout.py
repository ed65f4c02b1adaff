"""What the wizard shows, worked out from the open case alone: the header, the key bar, the
step's widgets, its F1 help, the state lines and the steps either side on the path. Apart from
the screen, so the screen holds only what reacts (saving, moving, the handlers)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import Button, Static

from meldcode_tui.casework import OpenCase
from meldcode_tui.flow import Evaluation, Flow, StepState
from meldcode_tui.i18n import current_language, plural, t
from meldcode_tui.summary.ledger_history import LedgerHistory, ledger_history
from meldcode_tui.tui.read_only import handed_over, read_only_line
from meldcode_tui.tui.screens.info import StepHelp
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.widgets.notes import NotesPanel
from meldcode_tui.tui.widgets.question import QuestionField
from meldcode_tui.tui.widgets.steps import role_label


def source_line(flow: Flow, source_ids: tuple[str, ...]) -> str:
    titles = [s.title for sid in source_ids if (s := flow.source(sid)) is not None]
    return t("tui.wizard.sources", sources="; ".join(titles)) if titles else ""


def wizard_header(session: OpenCase, demo: bool) -> Text:
    header = Text()
    header.append_text(literal(session.title, style="bold"))
    if session.case.handed_over is not None:
        header.append("  [" + t("tui.handover.badge") + "]", style="bold")
    elif session.closed:
        header.append("  [" + t("tui.cases.status.closed") + "]", style="bold")
    header.append("  ·  ")
    header.append_text(literal(session.flow.title.get(current_language()), style="dim"))
    if demo:
        header.append("  " + t("tui.demo_badge"), style="reverse")
    return header


def wizard_keys(session: OpenCase) -> list[tuple[str, str, str]]:
    """The wizard's keys; none that the case would refuse (a note on a read-only case, closing
    or reopening a handed-over one): such a key, pressed anyway, says why in one line."""
    # F10 closes an open case and reopens a closed one (after asking why).
    f10 = "keybar.reopen" if session.closed else "keybar.close_case"
    keys = [
        ("F5", "screen.previous_step", "tui.keys.previous"),
        ("F6", "screen.next_step", "tui.keys.next"),
        ("F7", "screen.notes", "tui.keys.notes"),
        # The decision is a view: a handed-over case still shows what was decided.
        ("F8", "screen.decision", "tui.keys.decision"),
        ("F9", "screen.export", "tui.keys.export"),
        # Beside F9 with its short name, so all eleven keys fit two lines at 80 columns.
        ("F12", "screen.chronology", "keybar.chronology"),
        ("F10", "screen.close_case", f10),
        ("F2", "app.veilig_thuis", "tui.keys.veilig_thuis"),
        ("F1", "app.help", "tui.keys.help"),
        ("^L", "app.lock", "keybar.lock"),
        ("Esc", "screen.close", "tui.keys.cases"),
    ]
    hidden = {"F7"} if session.closed else set()
    if handed_over(session):
        hidden.add("F10")
    return [k for k in keys if k[0] not in hidden]


def case_ledger_history(session: OpenCase, question_id: str) -> LedgerHistory:
    return ledger_history(session.case.history, question_id, session.answers.get(question_id))


def is_skip_question(session: OpenCase, step_id: str, question_id: str) -> bool:
    step = session.flow.step(step_id)
    return bool(step and step.skip and question_id in step.skip.question_ids)


def notes_panel(session: OpenCase, step_id: str) -> NotesPanel:
    lang = current_language()
    roles = {rid: text.get(lang) for rid, text in session.flow.roles.items()}
    return NotesPanel(session.notes_for(step_id), roles, session.author_role)


def step_widgets(session: OpenCase, step_id: str) -> list[Any]:
    lang = current_language()
    flow = session.flow
    step = flow.step(step_id)
    assert step is not None
    widgets: list[Any] = [Static(literal(step.title.get(lang)), id="step-title")]
    widgets.append(Static("", id="step-state"))
    if step.roles:
        roles = ", ".join(role_label(flow, r, lang) for r in step.roles)
        widgets.append(Static(literal(t("tui.wizard.roles", roles=roles)), id="step-roles"))
    widgets.append(Static(literal(step.guidance.get(lang)), id="step-guidance"))
    if line := source_line(flow, step.sources):
        widgets.append(Static(literal(line), id="step-source"))
    if step.veilig_thuis:
        widgets.append(Static(t("tui.wizard.veilig_thuis_hint"), id="step-veilig-thuis"))
    if step.reminder:
        widgets.append(Static(literal(step.reminder.get(lang)), id="step-reminder"))
    for question in step.questions:
        widgets.append(
            QuestionField(
                question,
                session.answers.get(question.id),
                lang,
                required=question.required or is_skip_question(session, step_id, question.id),
                history=case_ledger_history(session, question.id)
                if question.type == "ledger"
                else None,
            )
        )
    nav = Horizontal(
        Button(t("tui.wizard.previous"), id="step-previous"),
        Button(t("tui.wizard.next"), id="step-next", variant="primary"),
        Button(t("tui.wizard.to_decision"), id="step-decision"),
        id="step-nav",
    )
    widgets.append(nav)
    widgets.append(notes_panel(session, step_id))
    return widgets


def step_help(session: OpenCase, step_id: str) -> StepHelp:
    lang, flow = current_language(), session.flow
    step = flow.step(step_id)
    assert step is not None
    state = session.evaluation.state(step_id)
    status = state.status if state else "pending"
    roles = ", ".join(role_label(flow, r, lang) for r in step.roles)
    return StepHelp(
        title=step.title.get(lang),
        state=t(f"tui.step_state.{status}"),
        guidance=step.guidance.get(lang),
        roles=t("tui.wizard.roles", roles=roles) if roles else "",
        sources=source_line(flow, step.sources),
        reminder=step.reminder.get(lang) if step.reminder else "",
    )


def lifecycle_line(session: OpenCase) -> str:
    """Whether the case can be closed, or is closed or handed over; empty when neither."""
    if handed_over(session):
        return read_only_line(session) or ""
    if session.closed:
        return t("lifecycle.closed_banner")
    if session.evaluation.can_close:
        return t("lifecycle.can_close")
    return ""


def step_state_line(state: StepState | None) -> tuple[str, str]:
    """The step's status and the words for it (how many questions are still open)."""
    status = state.status if state else "pending"
    message = t(f"tui.wizard.state.{status}")
    if status == "current" and state is not None:
        message = plural("plural.open_questions", len(state.missing))
    return status, message


def neighbour_step(evaluation: Evaluation, step_id: str, direction: int) -> str | None:
    """The nearest step before (-1) or after (1) this one that is on the path, if any."""
    ids = [s.step.id for s in evaluation.steps]
    i = ids.index(step_id) + direction
    while 0 <= i < len(ids):
        if evaluation.steps[i].status != "off_path":
            return ids[i]
        i += direction
    return None
