"""The left column of the wizard: every step of the flow with its state and who is responsible."""

from __future__ import annotations

import re

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meldcode_tui.flow import Evaluation, Flow
from meldcode_tui.i18n import t
from meldcode_tui.tui.text import clip, literal

# A mark per state, so the state reads without colour too (high contrast, colour blindness).
MARKS = {"done": "✓", "current": "▶", "skipped": "↷", "pending": "·", "off_path": "–"}
ROLES_WIDTH = 23
STYLES = {
    "done": "green",
    "current": "bold",
    "skipped": "yellow",
    "pending": "dim",
    "off_path": "dim",
}


# Room for one line in the 30-column list (mark, number, title, and a cell for the scrollbar).
LINE_WIDTH = 27
# Flows number their titles themselves ("Stap 2: …", "Step 2: …", "2: …"); the list numbers them.
_NUMBERED = re.compile(r"^\s*(?:(?:stap|step)\s+)?\d+\s*[:.]\s*", re.IGNORECASE)


def short_title(title: str) -> str:
    return _NUMBERED.sub("", title, count=1) or title


def step_state_text(
    flow: Flow, evaluation: Evaluation, step_id: str, lang: str, *, full: bool = True
) -> Text:
    """One step as shown in the list: mark, number and title on one line.

    The step on screen (`full`) also shows its whole title, its state (with the skip reason)
    and who is responsible; the others stay one line each so the list fits at 80x24.
    """
    state = evaluation.state(step_id)
    status = state.status if state else "pending"
    index = next(i for i, s in enumerate(flow.steps) if s.id == step_id)
    step = flow.steps[index]
    title = short_title(step.title.get(lang))
    text = Text()
    prefix = f"{MARKS[status]} {index + 1} "
    text.append(prefix, style=STYLES[status])
    detail = t(f"tui.step_state.{status}")
    if status == "skipped" and state is not None and step.skip:
        reason = state.skip_reason
        question = flow.question(step.skip.reason)
        option = question.option(str(reason)) if question and reason is not None else None
        label = option.label.get(lang) if option else reason
        if label:
            detail = t("tui.step_state.skipped_because", reason=label)
    if not full:
        # A flow with ten steps or more has a wider number: the title gives way, not the line.
        text.append_text(literal(clip(title, LINE_WIDTH - len(prefix)), style=STYLES[status]))
        if status == "skipped":
            # Skipping is the exception that must stay visible: its reason, on a second line.
            text.append("\n    ")
            text.append_text(literal(clip(detail, LINE_WIDTH - 4), style="italic"))
        return text
    text.append_text(literal(title, style=STYLES[status]))
    text.append("\n    ")
    text.append_text(literal(detail, style="italic"))
    if step.roles:
        text.append("\n    ")
        text.append_text(literal(short_roles(flow, step.roles, lang), style="dim"))
    return text


def role_label(flow: Flow, role: str, lang: str) -> str:
    return flow.roles[role].get(lang) if role in flow.roles else role


def short_roles(flow: Flow, roles: tuple[str, ...], lang: str) -> str:
    """Roles in one short line for the narrow column: each label without its explanation."""
    labels = [role_label(flow, r, lang).split(" (")[0] for r in roles]
    return clip(", ".join(labels), ROLES_WIDTH)


class StepList(OptionList):
    """Selecting a step moves the wizard there; moving back and forth is always allowed."""

    DEFAULT_CSS = """
    StepList { width: 30; height: 1fr; border: none; padding: 0; }
    StepList > .option-list--option { padding: 0; }
    """

    def show(self, flow: Flow, evaluation: Evaluation, lang: str, selected: str) -> None:
        highlighted = next(i for i, s in enumerate(flow.steps) if s.id == selected)
        self.clear_options()
        self.add_options(
            Option(step_state_text(flow, evaluation, s.id, lang, full=s.id == selected), id=s.id)
            for s in flow.steps
        )
        self.highlighted = highlighted
