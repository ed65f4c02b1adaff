"""The decision: the afwegingskader path in plain words, both decisions side by side, next steps."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Button, Static

from meldcode_tui.casework import OpenCase
from meldcode_tui.dates import show_date
from meldcode_tui.flow import Flow, Question
from meldcode_tui.flow.model import Outcome
from meldcode_tui.i18n import current_language, plural, t
from meldcode_tui.tui.read_only import handed_over, read_only_line
from meldcode_tui.tui.screens.actions import action_line
from meldcode_tui.tui.screens.close_case import ask_to_close
from meldcode_tui.tui.screens.results import GoTo
from meldcode_tui.tui.services import services
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.widgets.deadlines import DeadlineBanner
from meldcode_tui.tui.widgets.keybar import KeyBar

# Below this many columns the decision's buttons no longer fit side by side: an 80-column
# terminal (app.tcss, `#decision.-narrow`).
NARROW = 100


def decisive_questions(flow: Flow) -> list[Question]:
    """Questions the outcomes depend on, in flow order: the path of the weighing."""
    referenced: set[str] = set()
    for outcome in flow.outcomes:
        if outcome.when is not None:
            referenced.update(c.question for c in outcome.when.references())
    return [q for q in flow.questions() if q.id in referenced]


def answer_words(question: Question, value: Any, lang: str) -> str:
    if question.type == "yesno":
        return t("common.yes") if value is True else t("common.no")
    if question.type == "choice":
        option = question.option(str(value))
        return option.label.get(lang) if option else str(value)
    if question.type == "multi":
        labels = [(o.label.get(lang) if (o := question.option(v)) else v) for v in value]
        return ", ".join(labels)
    return str(value)


def decision_words(value: bool | None, key: str, *, own_label: bool = False) -> Text:
    if value is None:
        return Text(t("decision.undecided"), style="italic")
    style = "bold red" if key == "melden" and value else "bold"
    if own_label:
        # The protocol names the decision itself (title above): a plain yes or no.
        return Text(t("common.yes" if value else "common.no").capitalize(), style=style)
    return Text(t(f"tui.decision.{key}_{'yes' if value else 'no'}"), style=style)


class DecisionScreen(Screen[GoTo | None]):
    """Dismisses with a question to answer (question 5 at the monitoring date) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", show=False),
        Binding("f5", "back", priority=True, show=False),
        Binding("f9", "export", priority=True, show=False),
        Binding("f10", "close_case", priority=True, show=False),
        Binding("ctrl+t", "actions", priority=True, show=False),
    ]

    def __init__(self, session: OpenCase) -> None:
        super().__init__(id="decision")
        self.session = session

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")

    def on_resize(self, event: Resize) -> None:
        # Below NARROW columns the buttons stack (app.tcss): a long label stays whole.
        self.set_class(event.size.width < NARROW, "-narrow")

    def compose(self) -> ComposeResult:
        lang = current_language()
        ev, flow = self.session.evaluation, self.session.flow
        outcome = ev.outcome
        header = Text()
        header.append_text(literal(self.session.title, style="bold"))
        header.append("  ·  " + t("tui.decision.title"))
        gone = handed_over(self.session)
        if gone:
            header.append("  [" + t("tui.handover.badge") + "]", style="bold")
        elif self.session.closed:
            header.append("  [" + t("tui.cases.status.closed") + "]", style="bold")
        if services(self.app).demo:
            header.append("  " + t("tui.demo_badge"), style="reverse")
        yield Static(header, id="decision-header")
        banner = DeadlineBanner(id="deadline-banner")
        banner.show(ev, lang)
        yield banner
        if gone:
            # What was decided stays readable; nothing here changes the case any more.
            yield Static(literal(read_only_line(self.session) or ""), id="decision-read-only")
        with VerticalScroll(id="decision-body"):
            yield Static(self._outcome_text(outcome, lang), id="decision-outcome")
            with Horizontal(id="decisions"):
                yield from self._decision_box("melden", ev.decisions.melden, lang)
                yield from self._decision_box("hulp", ev.decisions.hulp, lang)
            # The evaluation's list adds meldnormen with their own condition (onderwijs).
            if ev.meldnormen:
                yield Static(t("tui.decision.meldnormen"), classes="section-title")
                for mid in ev.meldnormen:
                    norm = flow.meldnorm(mid)
                    if norm is not None:
                        yield Static(literal("• " + norm.text.get(lang)), classes="meldnorm")
            # A route that is not the afwegingskader (onderwijs: staff) names its own path.
            path_title = ev.decision_label("path", lang) or t("tui.decision.path")
            yield Static(literal(path_title), classes="section-title")
            yield Static(self._path_text(lang), id="decision-path")
            if outcome is not None and outcome.next_steps:
                yield Static(t("tui.decision.next_steps"), classes="section-title")
                steps = Text("\n").join(literal("• " + s.get(lang)) for s in outcome.next_steps)
                yield Static(steps, id="decision-next")
            yield from self._deadlines(lang)
            if self.session.case.actions:
                yield Static(t("tui.actions.title"), classes="section-title")
                lines = Text("\n").join(action_line(a) for a in self.session.case.actions)
                yield Static(lines, id="decision-actions")
            if ev.missing:
                yield Static(
                    plural("plural.decision_missing", len(ev.missing)), id="decision-missing"
                )
            with Horizontal(id="decision-buttons"):
                yield Button(t("tui.decision.back"), id="decision-back", variant="primary")
                if not gone and (label := self._followup_label(lang)) is not None:
                    # Named after its time limit: after a report the next one may be Veilig
                    # Thuis's feedback, not question 5.
                    yield Button(t("tui.decision.reanswer", label=label), id="decision-reanswer")
                if gone:
                    pass  # neither closed nor reopened here: the colleague has the case
                elif not self.session.closed:
                    yield Button(t("tui.close.button"), id="decision-close")
                else:
                    # F10 and this button reopen a closed case, after asking why.
                    yield Button(t("lifecycle.reopen_confirm"), id="decision-close")
        f10 = "keybar.reopen" if self.session.closed else "keybar.close_case"
        keys = [
            ("Esc", "screen.back", "tui.keys.back_to_steps"),
            ("F9", "screen.export", "tui.keys.export"),
            ("F10", "screen.close_case", f10),
            ("F2", "app.veilig_thuis", "tui.keys.veilig_thuis"),
            ("F1", "app.help", "tui.keys.help"),
            ("^L", "app.lock", "keybar.lock"),
        ]
        yield KeyBar([k for k in keys if not (gone and k[0] == "F10")])

    def _decision_box(self, key: str, value: bool | None, lang: str) -> ComposeResult:
        own = self.session.evaluation.decision_label(key, lang)
        with Vertical(id=f"decision-{key}", classes="decision-box"):
            yield Static(
                literal(own) if own else t(f"tui.decision.{key}_title"),
                classes="decision-label",
            )
            yield Static(decision_words(value, key, own_label=bool(own)))

    def _outcome_text(self, outcome: Outcome | None, lang: str) -> Text:
        if outcome is None:
            return Text(t("tui.decision.none_yet"), style="italic")
        text = literal(outcome.title.get(lang), style="bold")
        text.append("\n")
        text.append_text(literal(outcome.text.get(lang)))
        return text

    def _path_text(self, lang: str) -> Text:
        """Each decisive question that was answered on the path, its answer, and what it means."""
        ev = self.session.evaluation
        lines: list[Text] = []
        for question in decisive_questions(self.session.flow):
            if question.id not in ev.effective:
                continue
            line = literal(question.text.get(lang))
            line.append("\n  → ")
            line.append_text(
                literal(answer_words(question, ev.effective[question.id], lang), style="bold")
            )
            if question.help:
                line.append("\n  ")
                line.append_text(literal(question.help.get(lang), style="dim"))
            lines.append(line)
        if not lines:
            return Text(t("tui.decision.path_empty"), style="italic")
        return Text("\n").join(lines)

    def _deadlines(self, lang: str) -> ComposeResult:
        for deadline in self.session.evaluation.deadlines:
            text = literal(deadline.rule.label.get(lang), style="bold")
            text.append(": " + show_date(deadline.due))
            if deadline.overdue:
                note = deadline.rule.overdue.get(lang) if deadline.rule.overdue else ""
                text.append("  " + t("tui.cases.overdue"), style="bold reverse red")
                if note:
                    text.append("\n")
                    text.append_text(literal(note, style="red"))
            yield Static(text, classes="deadline" + (" -overdue" if deadline.overdue else ""))

    def _followup_label(self, lang: str) -> str | None:
        """The label of the time limit whose question the follow-up button opens."""
        if self._followup_question() is None:
            return None
        deadline = next(d for d in self.session.evaluation.deadlines if d.rule.done_when)
        # Whole: on a narrow screen the buttons stack and this one takes the full width.
        return deadline.rule.label.get(lang)

    def _followup_question(self) -> str | None:
        """The question to answer again at a monitoring date (afweging 5 in the basismodel)."""
        for deadline in self.session.evaluation.deadlines:
            done_when = deadline.rule.done_when
            if done_when is not None:
                for compare in done_when.references():
                    return compare.question
        return None

    def action_back(self) -> None:
        self.dismiss(None)

    def action_actions(self) -> None:
        """Ctrl+T: the case's agreed actions; the list here follows what was changed."""
        from meldcode_tui.tui.screens.actions import ActionsScreen

        async def back(_: None) -> None:
            await self.recompose()

        self.app.push_screen(ActionsScreen(self.session), back)

    def action_export(self) -> None:
        """F9: the export dialog for this case."""
        services(self.app).open_export(self.session.case_id)

    def offers_close(self) -> bool:
        # The command palette lists "close case" only where it can be done.
        return not handed_over(self.session)

    @on(Button.Pressed, "#decision-close")
    def action_close_case(self) -> None:
        """Close the case under the flow's rules; what is missing leads back into the steps."""
        if handed_over(self.session):
            # F10 is off the key bar here; pressed anyway, it says why.
            self.notify(read_only_line(self.session) or "", markup=False)
            return

        async def goto(question_id: str) -> None:
            self.dismiss(GoTo(question_id))

        async def closed() -> None:
            await self.recompose()

        ask_to_close(self, self.session, goto, closed)

    @on(Button.Pressed, "#decision-back")
    def _back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#decision-reanswer")
    def _reanswer(self) -> None:
        question_id = self._followup_question()
        self.dismiss(GoTo(question_id) if question_id else None)

    async def relabel(self) -> None:
        await self.recompose()
