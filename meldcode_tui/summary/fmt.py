"""Dates and answer values as a reader of the chosen language expects them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from meldcode_tui.flow.model import Question
from meldcode_tui.i18n import Translator


def local(moment: datetime) -> datetime:
    """Stored moments are UTC; a reader thinks in the computer's local time."""
    return moment.astimezone() if moment.tzinfo else moment


def fmt_date(moment: datetime | date | None, tr: Translator) -> str:
    if moment is None:
        return "-"
    if isinstance(moment, datetime):
        moment = local(moment).date()
    return moment.strftime(tr("summary.date_format"))


def fmt_datetime(moment: datetime | None, tr: Translator) -> str:
    if moment is None:
        return "-"
    return local(moment).strftime(tr("summary.datetime_format"))


def yes_no(value: bool | None, tr: Translator) -> str:
    if value is None:
        return tr("summary.undecided")
    return tr("summary.yes") if value else tr("summary.no")


def fmt_answer(question: Question, value: Any, tr: Translator, lang: str) -> str:
    """An answer as words: option labels, formatted dates, yes/no; text as typed."""
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
            return fmt_date(date.fromisoformat(value), tr)
        except ValueError:
            return value
    if qtype == "ledger" and isinstance(value, list):
        # One line per entry: "1. With whom? A; When? 04-03-2025; ..." in field order.
        lines = []
        for number, entry in enumerate(value, start=1):
            if not isinstance(entry, dict):
                continue
            parts = [
                f"{f.text.get(lang)} {fmt_answer(f, entry[f.id], tr, lang)}"
                for f in question.fields
                if f.id in entry
            ]
            lines.append(f"{number}. " + "; ".join(parts))
        return "\n".join(lines) if lines else tr("summary.none")
    if qtype == "datetime" and isinstance(value, str):
        try:
            return fmt_datetime(datetime.fromisoformat(value), tr)
        except ValueError:
            return value
    return value if isinstance(value, str) else str(value)
