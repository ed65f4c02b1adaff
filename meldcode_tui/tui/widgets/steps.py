"""The left column of the wizard: every step of the flow with its state and who is responsible."""

from __future__ import annotations

import re
import textwrap

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meldcode_tui.flow import Evaluation, Flow
from meldcode_tui.flow.roles import role_words
from meldcode_tui.i18n import t
from meldcode_tui.tui.text import literal

# A mark per state, so the state reads without colour too (high contrast, colour blindness).
MARKS = {"done": "✓", "current": "▶", "skipped": "↷", "pending": "·", "off_path": "–"}
STYLES = {
    "done": "green",
    "current": "bold",
    "skipped": "yellow",
    "pending": "dim",
    "off_path": "dim",
}


# Room for one line in the 30-column list (mark, number, title, and a cell for the scrollbar).
LINE_WIDTH = 27
# Where the state and the roles start under a step's title.
DETAIL_INDENT = 4
# Flows number their titles themselves ("Stap 2: …", "Step 2: …", "2: …"); the list numbers them.
_NUMBERED = re.compile(r"^\s*(?:(?:stap|step)\s+)?\d+\s*[:.]\s*", re.IGNORECASE)


def short_title(title: str) -> str:
    return _NUMBERED.sub("", title, count=1) or title


def wrapped(text: str, width: int, indent: int) -> str:
    """`text` in lines of at most `width` cells, the later ones indented by `indent`.

    Words are never cut, so a whole title or skip reason stays readable in the narrow list.
    """
    if len(text) <= width:
        return text
    return textwrap.fill(text, width=width, subsequent_indent=" " * indent, break_on_hyphens=False)


def step_state_text(
    flow: Flow, evaluation: Evaluation, step_id: str, lang: str, *, full: bool = True
) -> Text:
    """One step as shown in the list: mark, number and its whole title, wrapped.

    The step on screen (`full`) also shows its state (with the skip reason) and who is
    responsible; a skipped step always shows why. Nothing is cut off (issue 12): a long title
    takes a second line, and the list scrolls when the steps need more room than the screen.
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
    # The title's later lines start under its first word, after the mark and number.
    body = wrapped(" " * len(prefix) + title, LINE_WIDTH, len(prefix))[len(prefix) :]
    text.append_text(literal(body, style=STYLES[status]))
    if not full and status != "skipped":
        return text
    # Skipping is the exception that must stay visible: its reason, on the lines below.
    text.append("\n" + " " * DETAIL_INDENT)
    text.append_text(literal(_indented(detail), style="italic"))
    if full and step.roles:
        text.append("\n" + " " * DETAIL_INDENT)
        text.append_text(literal(_indented(short_roles(flow, step.roles, lang)), style="dim"))
    return text


def _indented(detail: str) -> str:
    block = wrapped(" " * DETAIL_INDENT + detail, LINE_WIDTH, DETAIL_INDENT)
    return block[DETAIL_INDENT:]


def role_label(flow: Flow, role: str, lang: str) -> str:
    return role_words(flow, role, lang)


def short_roles(flow: Flow, roles: tuple[str, ...], lang: str) -> str:
    """Roles for the narrow column: each label without its explanation (shown on the step)."""
    labels = [role_label(flow, r, lang).split(" (")[0] for r in roles]
    return ", ".join(labels)


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
