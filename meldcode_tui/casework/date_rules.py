"""A date of something that happened cannot lie in the future; a date to come cannot lie in the
past. The flow says which kind a date question is (`date_kind`); checked before any write."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from meldcode_tui import dates
from meldcode_tui.flow import AnswerError, Flow, Question
from meldcode_tui.i18n import current_language, t


def _day(question: Question, value: Any) -> tuple[date, str] | None:
    """The local day an answer stands for, and how it is shown; None when it is no date."""
    try:
        if question.type == "date":
            day = dates.parse_date(str(value))
            return day, dates.show_date(day)
        moment = dates.parse_moment(str(value))
        return moment.astimezone().date(), dates.show_moment(moment)
    except ValueError:
        return None


def _check(question: Question, value: Any, today: date, label: str) -> None:
    if question.date_kind is None or value in (None, ""):
        return
    found = _day(question, value)
    if found is None:
        return
    day, shown = found
    if question.date_kind == "past" and day > today:
        raise AnswerError(t("dates_rule.in_future", field=label, date=shown))
    if question.date_kind == "future" and day < today:
        raise AnswerError(t("dates_rule.in_past", field=label, date=shown))


def check_dates(flow: Flow, question_id: str, value: Any, now: datetime) -> None:
    """AnswerError naming the field and the date when a date lies on the wrong side of today.

    Ledger entries are checked field by field (the date a piece of information was shared).
    """
    question = flow.question(question_id)
    if question is None:
        return
    lang = current_language()
    today = now.astimezone().date()
    label = question.text.get(lang)
    if question.type == "ledger" and isinstance(value, list):
        for entry in value:
            if not isinstance(entry, Mapping):
                continue
            for fld in question.fields:
                _check(fld, entry.get(fld.id), today, f"{label} / {fld.text.get(lang)}")
        return
    if question.type in ("date", "datetime"):
        _check(question, value, today, label)


def check_all_dates(flow: Flow, answers: Mapping[str, Any], now: datetime) -> None:
    """Every answer of a file at once, before the first is written."""
    for question_id, value in answers.items():
        check_dates(flow, question_id, value, now)
