"""One question of a flow as a proper input widget for its type; posts `Answered` on change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, RadioSet, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from meldcode_tui import dates
from meldcode_tui.flow import Question
from meldcode_tui.i18n import t
from meldcode_tui.summary.ledger_history import LedgerHistory
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.widgets.choice import Choice, TickList
from meldcode_tui.tui.widgets.ledger import LedgerEntries

CLEARABLE = ("yesno", "choice")

# Typed text is saved shortly after the last keystroke (and at once on leaving the field), so
# the answer history gets one entry per pause rather than one per key.
TYPING_PAUSE = 0.6


def parse_date(text: str) -> str | None:
    """A typed date (14-3-2025 or 2025-03-14, see dates.py) as stored; None if it is none."""
    try:
        return dates.parse_date(text).isoformat()
    except ValueError:
        return None


def parse_datetime(text: str) -> str | None:
    """A typed date and time (14-3-2025 14:30 or ISO) as a stored UTC moment; None if none."""
    try:
        return dates.parse_moment(text).isoformat(timespec="minutes")
    except ValueError:
        return None


def shown(question_type: str, value: Any) -> str:
    """A stored answer as the field shows it: dates as people write them, in local time."""
    if not value:
        return ""
    try:
        if question_type == "date":
            return dates.show_date(dates.parse_date(str(value)))
        if question_type == "datetime":
            return dates.show_moment(dates.parse_moment(str(value)))
    except ValueError:
        pass  # a doctored value is shown as stored, for the user to correct
    return str(value)


class QuestionField(Vertical):
    """Label, help and the control for one question; the control's id is `q-<question id>`."""

    DEFAULT_CSS = """
    QuestionField { height: auto; margin: 0 0 1 0; }
    QuestionField .question-text { text-style: bold; }
    QuestionField .question-help { color: $text-muted; }
    QuestionField .question-error { color: $text-error; display: none; }
    QuestionField.-error .question-error { display: block; }
    QuestionField .off-path-label { color: $text-warning; display: none; }
    QuestionField.-off-path .off-path-label { display: block; }
    QuestionField.-off-path { opacity: 70%; }
    QuestionField RadioSet { width: 100%; }
    QuestionField RadioSet.yesno { layout: horizontal; }
    QuestionField TextArea { height: 5; }
    QuestionField SelectionList { height: auto; max-height: 12; }
    QuestionField.-notice { border-left: thick $warning; padding: 0 1; }
    QuestionField .notice-text { text-style: bold; color: $text-warning; }
    QuestionField .clear-hint { display: none; color: $text-muted; }
    QuestionField.-answered.-focus .clear-hint { display: block; }
    """
    # A yes/no or choice cannot be unticked by clicking: Delete (or Backspace) clears it.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "clear_choice", show=False),
        Binding("backspace", "clear_choice", show=False),
    ]

    @dataclass
    class Answered(Message):
        field: QuestionField
        question_id: str
        value: Any

        @property
        def control(self) -> QuestionField:
            return self.field

    YESNO: ClassVar[tuple[bool, bool]] = (True, False)

    def __init__(
        self,
        question: Question,
        value: Any,
        lang: str,
        *,
        required: bool,
        history: LedgerHistory | None = None,
    ) -> None:
        classes = "question -notice" if question.is_notice else "question"
        super().__init__(id=f"field-{question.id}", classes=classes)
        self.question = question
        self.value = value
        self.lang = lang
        self.required = required
        # A ledger's corrections and withdrawn entries, shown with its entries.
        self.history = history
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        q = self.question
        if q.is_notice:
            # A warning from the flow: shown while its condition holds, nothing to answer.
            yield Static(literal(q.text.get(self.lang)), classes="notice-text")
            if q.help:
                yield Static(literal(q.help.get(self.lang)), classes="question-help")
            return
        text = literal(q.text.get(self.lang))
        if not self.required:
            text.append(" " + t("tui.wizard.optional"), style="italic")
        yield Static(t("tui.wizard.off_path_answer"), classes="off-path-label")
        yield Static(text, classes="question-text")
        if q.help:
            yield Static(literal(q.help.get(self.lang)), classes="question-help")
        yield self._control()
        if q.type in CLEARABLE:
            self.set_class(self.value is not None, "-answered")
            yield Static(t("corrections_tui.clear_hint"), classes="clear-hint")
        yield Static("", classes="question-error")

    def _control(self) -> Widget:
        q, value, control_id = self.question, self.value, f"q-{self.question.id}"
        if q.type == "yesno":
            return RadioSet(
                Choice(t("common.yes"), value=value is True),
                Choice(t("common.no"), value=value is False),
                id=control_id,
                classes="yesno",
            )
        if q.type == "choice":
            return RadioSet(
                *(Choice(literal(o.label.get(self.lang)), value=value == o.id) for o in q.options),
                id=control_id,
            )
        if q.type == "multi":
            chosen = set(value or [])
            return TickList(
                *(
                    Selection(literal(o.label.get(self.lang)), o.id, o.id in chosen)
                    for o in q.options
                ),
                id=control_id,
            )
        if q.type == "ledger":
            return LedgerEntries(q, list(value or []), self.lang, self.history, id=control_id)
        if q.type == "text":
            area = TextArea(str(value or ""), id=control_id, soft_wrap=True, tab_behavior="focus")
            area.cursor_blink = False
            return area
        placeholder = {
            "date": t("tui.wizard.date_placeholder"),
            "datetime": t("tui.wizard.datetime_placeholder"),
        }.get(q.type, "")
        # Not selected on focus: a letter typed after Tab would replace a recorded answer whole.
        field = Input(
            shown(q.type, value), placeholder=placeholder, id=control_id, select_on_focus=False
        )
        field.cursor_blink = False
        return field

    # ------------------------------------------------------------------ reading the control

    async def show_entries(self, entries: list[Any], history: LedgerHistory | None = None) -> None:
        """A ledger after a save: list the entries as stored, with their corrections."""
        self.value = entries
        self.history = history
        await self.recompose()

    def show_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-error")
        self.query_one(".question-error", Static).update(literal(message or ""))

    def _emit(self, value: Any) -> None:
        self.post_message(self.Answered(self, self.question.id, value))

    @on(RadioSet.Changed)
    def _radio(self, event: RadioSet.Changed) -> None:
        event.stop()
        if self.question.type == "yesno":
            self.value = self.YESNO[event.index]
        else:
            self.value = self.question.options[event.index].id
        self.add_class("-answered")
        self._emit(self.value)

    async def action_clear_choice(self) -> None:
        """Clear a yes/no or choice (the answer history keeps what it was)."""
        if self.question.type not in CLEARABLE or self.value is None or self.disabled:
            return
        self.value = None
        await self.recompose()
        self.remove_class("-answered")
        self.query_one(f"#q-{self.question.id}").focus()
        self._emit(None)

    @on(SelectionList.SelectedChanged)
    def _multi(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self._emit(list(event.selection_list.selected))

    @on(TextArea.Changed)
    @on(Input.Changed)
    def _typing(self, event: TextArea.Changed | Input.Changed) -> None:
        event.stop()
        if self.has_class("-error"):
            # Only then: updating the message lays the whole wizard out again, on every key.
            self.show_error(None)
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(TYPING_PAUSE, self.flush)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.flush(final=True)
        self.screen.focus_next()

    def on_descendant_focus(self) -> None:
        # A class, not :focus-within: Textual does not restyle the hint below on a focus move.
        self.add_class("-focus")

    def on_descendant_blur(self) -> None:
        self.remove_class("-focus")
        self.flush(final=True)

    def flush(self, final: bool = False) -> None:
        """Hand over typed text now (on a pause, or on leaving the field)."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        elif not final:
            return
        ok, value = self._typed_value()
        if ok:
            self._emit(value)

    def take_pending(self) -> tuple[bool, Any]:
        """Typed text not yet handed over, for saving right now (before lock or quit)."""
        if self._pending is None:
            return False, None
        self._pending.stop()
        self._pending = None
        return self._typed_value()

    def _typed_value(self) -> tuple[bool, Any]:
        q = self.question
        if q.type == "text":
            return True, self.query_one(TextArea).text
        if q.type not in ("date", "datetime", "person"):
            return False, None
        typed = self.query_one(Input).value
        if q.type == "person" or not typed.strip():
            return True, typed
        parsed = parse_date(typed) if q.type == "date" else parse_datetime(typed)
        if parsed is None:
            # Only complain once the user has paused or left the field: half a date is normal.
            self.show_error(t(f"tui.wizard.bad_{q.type}"))
            return False, None
        return True, parsed
