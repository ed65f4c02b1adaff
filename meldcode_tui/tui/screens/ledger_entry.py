"""A new ledger entry: one control per field, checked by the engine (removing one: confirm.py).

What is typed here is never lost: on lock, idle lock, quit, SIGHUP or SIGTERM the app calls
`keep_draft`, which hands the half-filled entry as readable text to the wizard, which saves it
as a note of the step (as it saves a note typed without Enter). Nothing enters the ledger itself
without Ctrl+S: an entry there is a record of information shared, so it is the user's to make.
F3 rebuilds the dialog in the other language with everything typed still in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from meldcode_tui.flow import AnswerError, Question
from meldcode_tui.i18n import Translator, current_language, t
from meldcode_tui.summary.fmt import fmt_answer
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.type_ahead import TypeAhead
from meldcode_tui.tui.widgets.question import QuestionField

Entries = list[dict[str, Any]]


class LedgerEntryScreen(TypeAhead, ModalScreen[Entries | None]):
    """Dismisses with the whole new list (as the engine normalised it), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        # Nine fields deep, the save button is far away by Tab.
        Binding("ctrl+s", "save", priority=True, show=False),
    ]

    def __init__(
        self,
        question: Question,
        entries: Entries,
        lang: str,
        validate: Callable[[Entries], Entries],
        keep: Callable[[str], None] | None = None,
        *,
        editing: int | None = None,
    ) -> None:
        """`editing`: the entry (from 0) to correct, shown filled in; else a new entry."""
        super().__init__(id="ledger-entry")
        self.question = question
        self.entries = entries
        self.lang = lang
        # normalise_answer(flow, question id, list): the same check as every other answer.
        self.validate = validate
        # Saves the half-filled entry's text (as a note of the step) before lock or exit.
        self.keep = keep
        self.editing = editing
        self.draft: dict[str, Any] = dict(entries[editing]) if editing is not None else {}
        # What is in each typed control as typed (half a date too), across F3.
        self._typed: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="ledger-dialog", classes="dialog"):
            number = len(self.entries) + 1 if self.editing is None else self.editing + 1
            title = Text(t("tui.ledger.title", n=number) + " ")
            title.append_text(literal(self.question.text.get(self.lang)))
            yield Static(title, classes="dialog-title")
            with VerticalScroll(id="ledger-fields"):
                # The wizard's own per-type controls, one per field of an entry.
                for field in self.question.fields:
                    value = self.draft.get(field.id)
                    yield QuestionField(field, value, self.lang, required=field.required)
            yield Static("", id="ledger-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.ledger.save"), id="ledger-save", variant="primary")
                yield Button(t("tui.common.cancel"), id="ledger-cancel")

    def on_mount(self) -> None:
        first = self.question.fields[0].id
        self.focus_typing(self.query_one(f"#q-{first}"))

    # ------------------------------------------------------------------ never lose a word

    def _take_typed(self) -> None:
        """Everything typed so far into the draft, and each text control's raw text."""
        for field in self.query(QuestionField):
            ok, value = field.take_pending()
            if ok:
                self._keep(field.question.id, value)
        self._typed = {}
        for control in self.query(Input):
            if control.id and control.value:
                self._typed[control.id] = control.value
        for area in self.query(TextArea):
            if area.id and area.text:
                self._typed[area.id] = area.text

    def draft_text(self) -> str | None:
        """The half-filled entry as a person reads it, field by field; None if nothing typed."""
        self._take_typed()
        tr = Translator(self.lang)
        parts: list[str] = []
        for field in self.question.fields:
            raw = self._typed.get(f"q-{field.id}")
            if field.id in self.draft:
                value = fmt_answer(field, self.draft[field.id], tr, self.lang)
            elif raw:
                value = raw  # half a date, say: kept as typed
            else:
                continue
            parts.append(f"{field.text.get(self.lang)}: {value}")
        if not parts:
            return None
        question = self.question.text.get(self.lang)
        return t("tui.ledger_draft.note", question=question, fields="; ".join(parts))

    def keep_draft(self) -> None:
        """Before lock or exit: the typed entry, saved as a note; the dialog then goes."""
        text = self.draft_text()
        if text is None or self.keep is None:
            return
        self.keep(text)
        self.keep = None  # once: a lock right after a quit must not save it twice
        self.app.notify(t("tui.ledger_draft.kept"), timeout=15)

    async def relabel(self) -> None:
        """F3: the same dialog in the other language, with everything typed still in it."""
        self._take_typed()
        focused = self.focused.id if self.focused is not None else None
        self.lang = current_language()
        await self.recompose()
        for control_id, raw in self._typed.items():
            control = self.query_one(f"#{control_id}")
            if isinstance(control, Input):
                control.value = raw
            elif isinstance(control, TextArea):
                control.text = raw
        if focused is not None and self.query(f"#{focused}"):
            self.query_one(f"#{focused}").focus()
        else:
            self.on_mount()

    @on(QuestionField.Answered)
    def _answered(self, event: QuestionField.Answered) -> None:
        # Nothing is saved until the entry is complete: keep the value in the draft.
        event.stop()
        event.field.show_error(None)
        self._keep(event.question_id, event.value)

    def _keep(self, field_id: str, value: Any) -> None:
        if value is None or value == "" or value == []:
            self.draft.pop(field_id, None)
        else:
            self.draft[field_id] = value

    @on(Button.Pressed, "#ledger-save")
    def action_save(self) -> None:
        fields = list(self.query(QuestionField))
        for field in fields:
            ok, value = field.take_pending()
            if ok:
                self._keep(field.question.id, value)
        # A half-typed date already says what is wrong next to its field.
        unreadable = next((f for f in fields if f.has_class("-error")), None)
        if unreadable is not None:
            self._point_at(unreadable)
            return
        entry = {
            f.question.id: self.draft[f.question.id] for f in fields if f.question.id in self.draft
        }

        if self.editing is None:
            candidate = [*self.entries, entry]
        else:
            candidate = [*self.entries[: self.editing], entry, *self.entries[self.editing + 1 :]]
        try:
            new_list = self.validate(candidate)
        except AnswerError as exc:
            self._show_problem(fields, entry, str(exc))
            return
        self.dismiss(new_list)

    def _show_problem(
        self, fields: list[QuestionField], entry: dict[str, Any], message: str
    ) -> None:
        """Next to the field the engine stopped at (its message quotes the field's id)."""
        target = next((f for f in fields if f"'{f.question.id}'" in message), None)
        if target is None:
            self.query_one("#ledger-error", Static).update(literal(message))
            return
        missing = target.question.id not in entry
        target.show_error(t("tui.ledger.needed") if missing else message)
        self._point_at(target)

    def _point_at(self, field: QuestionField) -> None:
        control = self.query_one(f"#q-{field.question.id}")
        control.focus()
        field.scroll_visible(animate=False)

    @on(Button.Pressed, "#ledger-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
