"""The left column of the wizard: every step of the flow with its state and who is responsible."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meldcode_tui.flow import Evaluation, Flow
from meldcode_tui.i18n import t
from meldcode_tui.tui.text import literal

# A mark per state, so the state reads without colour too (high contrast, colour blindness).
MARKS = {"done": "✓", "current": "▶", "skipped": "↷", "pending": "·", "off_path": "–"}
ROLES_WIDTH = 22
STYLES = {
    "done": "green",
    "current": "bold",
    "skipped": "yellow",
    "pending": "dim",
    "off_path": "dim",
}


def step_state_text(flow: Flow, evaluation: Evaluation, step_id: str, lang: str) -> Text:
    """One step as shown in the list: mark and title, then state (and skip reason), then roles."""
    state = evaluation.state(step_id)
    status = state.status if state else "pending"
    step = flow.step(step_id)
    assert step is not None
    text = Text()
    text.append(f"{MARKS[status]} ", style=STYLES[status])
    text.append_text(literal(step.title.get(lang), style=STYLES[status]))
    detail = t(f"tui.step_state.{status}")
    if status == "skipped" and state is not None and step.skip:
        reason = state.skip_reason
        question = flow.question(step.skip.reason)
        option = question.option(str(reason)) if question and reason is not None else None
        label = option.label.get(lang) if option else reason
        if label:
            detail = t("tui.step_state.skipped_because", reason=label)
    text.append("\n  ")
    text.append_text(literal(detail, style="italic"))
    if step.roles:
        text.append("\n  ")
        text.append_text(literal(short_roles(flow, step.roles, lang), style="dim"))
    return text


def role_label(flow: Flow, role: str, lang: str) -> str:
    return flow.roles[role].get(lang) if role in flow.roles else role


def short_roles(flow: Flow, roles: tuple[str, ...], lang: str) -> str:
    """Roles in one short line for the narrow column: each label without its explanation."""
    labels = [role_label(flow, r, lang).split(" (")[0] for r in roles]
    line = ", ".join(labels)
    return line if len(line) <= ROLES_WIDTH else line[: ROLES_WIDTH - 1] + "…"


class StepList(OptionList):
    """Selecting a step moves the wizard there; moving back and forth is always allowed."""

    DEFAULT_CSS = """
    StepList { width: 30; height: 1fr; border: none; padding: 0; }
    StepList > .option-list--option { padding: 0 0 1 0; }
    """

    def show(self, flow: Flow, evaluation: Evaluation, lang: str, selected: str) -> None:
        highlighted = next(i for i, s in enumerate(flow.steps) if s.id == selected)
        self.clear_options()
        self.add_options(
            Option(step_state_text(flow, evaluation, s.id, lang), id=s.id) for s in flow.steps
        )
        self.highlighted = highlighted
