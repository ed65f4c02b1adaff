"""Banner for passed time limits: what is overdue and what to do, in the flow's words."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from meldcode_tui.dates import show_moment
from meldcode_tui.flow import Evaluation
from meldcode_tui.i18n import t
from meldcode_tui.tui.text import literal


def overdue_text(evaluation: Evaluation, lang: str) -> Text | None:
    """One block per passed limit, then each escalation still to record; None when all is well."""
    flow = evaluation.flow
    lines: list[Text] = []
    for deadline in evaluation.deadlines:
        if not deadline.overdue:
            continue
        rule = deadline.rule
        line = Text("! " + t("tui.deadline.overdue") + "  ", style="bold")
        line.append_text(literal(rule.label.get(lang), style="bold"))
        line.append("  " + t("tui.deadline.was_due", due=show_moment(deadline.due)))
        if rule.overdue is not None:
            line.append("\n")
            line.append_text(literal(rule.overdue.get(lang)))
        lines.append(line)
    # An escalation stays required when the limit was met too late, so it can outlive the banner
    # line of its deadline: name each one that is still open.
    for question_id in evaluation.escalated:
        question = flow.question(question_id)
        if question is None or question_id not in evaluation.missing:
            continue
        line = Text("→ " + t("tui.deadline.record") + " ", style="bold")
        line.append_text(literal(question.text.get(lang)))
        lines.append(line)
    return Text("\n").join(lines) if lines else None


class DeadlineBanner(Static):
    """Shown above the step (and on the decision screen) only while something is overdue."""

    DEFAULT_CSS = """
    DeadlineBanner {
        height: auto;
        max-height: 6;
        padding: 0 1;
        background: $error 25%;
        border-left: thick $error;
        color: $foreground;
        display: none;
    }
    DeadlineBanner.-active { display: block; }
    """

    def show(self, evaluation: Evaluation, lang: str) -> None:
        text = overdue_text(evaluation, lang)
        self.set_class(text is not None, "-active")
        self.update(text or "")
