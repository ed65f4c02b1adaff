"""Answer values as a reader of the chosen language expects them; dates as meldcode_tui.dates
shows them everywhere (7-1-2026)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from meldcode_tui.dates import show_date, show_moment
from meldcode_tui.flow.model import Question
from meldcode_tui.i18n import Translator


def local(moment: datetime) -> datetime:
    """Stored moments are UTC; a reader thinks in the computer's local time."""
    return moment.astimezone() if moment.tzinfo else moment


def yes_no(value: bool | None, tr: Translator) -> str:
    if value is None:
        return tr("summary.undecided")
    return tr("summary.yes") if value else tr("summary.no")


def short_label(text: str) -> str:
    """A ledger field's question as a label: 'Doel: was het delen nodig ...?' -> 'Doel'."""
    return re.split(r"[:(?]", text, maxsplit=1)[0].strip() or text


# A closing remark in brackets is a hint for whoever fills in the question:
# "By when must the help show results? (The date on which you answer question 5.)"
_HINT = re.compile(r"\s*\([^()]*[.!]\)\s*$")


def record_question(text: str, qtype: str) -> str:
    """A question as the record shows it: without the hint to the user who answered it.

    A ledger's question is its name and an instruction ('Overview ...: record every time ...').
    """
    return short_label(text) if qtype == "ledger" else _HINT.sub("", text) or text


def fmt_answer(
    question: Question, value: Any, tr: Translator, lang: str, *, short: bool = False
) -> str:
    """An answer as words: option labels, formatted dates, yes/no; text as typed.

    `short`: a ledger entry names each field by its label, not its whole question (the record).
    """
    qtype = question.type
    if qtype == "yesno" and isinstance(value, bool):
        return yes_no(value, tr)
    if qtype == "choice" and isinstance(value, str):
        option = question.option(value)
        return option.label.get(lang) if option else value
    if qtype == "multi" and isinstance(value, list):
        labels = []
        for item in value:
            option = question.option(str(item))
            labels.append(option.label.get(lang) if option else str(item))
        return "; ".join(labels)
    if qtype == "date" and isinstance(value, str):
        try:
            return show_date(date.fromisoformat(value))
        except ValueError:
            return value
    if qtype == "ledger" and isinstance(value, list):
        # One line per entry: "1. With whom? A; When? 4-3-2025; ..." in field order.
        lines = []
        for number, entry in enumerate(value, start=1):
            if not isinstance(entry, dict):
                continue
            parts = [
                (f"{short_label(f.text.get(lang))}:" if short else f.text.get(lang))
                + f" {fmt_answer(f, entry[f.id], tr, lang)}"
                for f in question.fields
                if f.id in entry
            ]
            lines.append(f"{number}. " + "; ".join(parts))
        return "\n".join(lines) if lines else tr("summary.none")
    if qtype == "datetime" and isinstance(value, str):
        try:
            return show_moment(datetime.fromisoformat(value))
        except ValueError:
            return value
    return value if isinstance(value, str) else str(value)
