"""A ledger answer in the wizard: its entries one line each, with add, correct and withdraw
buttons, and the entries withdrawn earlier (kept, struck through)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from meldcode_tui.dates import show_date
from meldcode_tui.flow import Question
from meldcode_tui.i18n import Translator, t
from meldcode_tui.summary.fmt import fmt_answer
from meldcode_tui.summary.ledger_history import EntryMark, LedgerHistory
from meldcode_tui.tui.text import literal


def entry_text(question: Question, entry: dict[str, Any], lang: str) -> str:
    """Each value given, in field order, on one line."""
    tr = Translator(lang)
    values = [fmt_answer(f, entry[f.id], tr, lang) for f in question.fields if f.id in entry]
    return " · ".join(" ".join(v.split()) for v in values)


def entry_line(question: Question, number: int, entry: dict[str, Any], lang: str) -> Text:
    """One entry as one readable line: its number, then each value given, in field order."""
    return literal(f"{number}. " + entry_text(question, entry, lang))


class LedgerEntries(Vertical):
    """The screen that holds it adds and removes entries; this widget only asks for it."""

    DEFAULT_CSS = """
    LedgerEntries { height: auto; }
    LedgerEntries .ledger-row { height: auto; }
    LedgerEntries .ledger-line {
        width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; padding: 0 1 0 0;
    }
    LedgerEntries .ledger-remove, LedgerEntries .ledger-correct { min-width: 8; margin: 0 0 0 1; }
    LedgerEntries .ledger-mark, LedgerEntries .ledger-gone { color: $text-muted; }
    LedgerEntries .ledger-empty { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("plus", "add", show=False)]

    @dataclass
    class AddRequested(Message):
        question: Question

    @dataclass
    class RemoveRequested(Message):
        """Withdraw an entry (with a reason): the history keeps it."""

        question: Question
        index: int
        line: Text

    @dataclass
    class CorrectRequested(Message):
        question: Question
        index: int
        line: Text

    def __init__(
        self,
        question: Question,
        entries: list[dict[str, Any]],
        lang: str,
        history: LedgerHistory | None = None,
        **kw: Any,
    ):
        super().__init__(**kw)
        self.question = question
        self.entries = entries
        self.lang = lang
        self.history = history

    def compose(self) -> ComposeResult:
        qid = self.question.id
        if not self.entries:
            yield Static(t("tui.ledger.empty"), classes="ledger-empty")
        for index, entry in enumerate(self.entries):
            with Horizontal(classes="ledger-row"):
                yield Static(
                    entry_line(self.question, index + 1, entry, self.lang), classes="ledger-line"
                )
                # Compact: one row per entry, so a long ledger stays readable at 80x24.
                yield Button(
                    t("corrections_tui.correct"),
                    id=f"correct-{qid}-{index}",
                    classes="ledger-correct",
                    compact=True,
                )
                yield Button(
                    t("corrections_tui.withdraw"),
                    id=f"remove-{qid}-{index}",
                    classes="ledger-remove",
                    compact=True,
                )
            if self.history is not None and (mark := self.history.corrected(index)):
                yield Static(literal("   " + _mark("corrected_mark", mark)), classes="ledger-mark")
        for gone in self.history.withdrawn if self.history else ():
            text = t(
                "corrections.withdrawn_entry", text=entry_text(self.question, gone.entry, self.lang)
            )
            yield Static(literal(text, style="strike"), classes="ledger-gone")
            gone_mark = "   " + _mark("withdrawn_mark", gone.revision)
            yield Static(literal(gone_mark), classes="ledger-mark")
        yield Button("+ " + t("tui.ledger.add"), id=f"add-{qid}", classes="ledger-add")

    def focus_add(self) -> None:
        self.query_one(f"#add-{self.question.id}", Button).focus()

    def action_add(self) -> None:
        self.post_message(self.AddRequested(self.question))

    @on(Button.Pressed, ".ledger-add")
    def _add(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_add()

    @on(Button.Pressed, ".ledger-remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        index = int(str(event.button.id).rsplit("-", 1)[1])
        line = entry_line(self.question, index + 1, self.entries[index], self.lang)
        self.post_message(self.RemoveRequested(self.question, index, line))

    @on(Button.Pressed, ".ledger-correct")
    def _correct(self, event: Button.Pressed) -> None:
        event.stop()
        index = int(str(event.button.id).rsplit("-", 1)[1])
        line = entry_line(self.question, index + 1, self.entries[index], self.lang)
        self.post_message(self.CorrectRequested(self.question, index, line))


def _mark(key: str, mark: EntryMark) -> str:
    line = t(f"corrections.{key}", date=show_date(mark.at), role=mark.author_role)
    if mark.reason:
        line += ", " + t("corrections.reason", reason=mark.reason)
    return line
