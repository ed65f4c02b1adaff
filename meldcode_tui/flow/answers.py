"""Check and normalise answers (from a file or a widget) against a flow's question types."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from meldcode_tui.dates import (
    MAX_YEAR,
    MIN_YEAR,
    YearOutOfRange,
    in_range,
    parse_date,
    parse_moment,
)
from meldcode_tui.flow.model import Flow, Question
from meldcode_tui.i18n import t
from meldcode_tui.os_errors import os_problem


class AnswerError(ValueError):
    """An answer that does not fit its question; the message names the id, never the value."""


def _ledger(question: Question, value: Any) -> list[dict[str, Any]]:
    """A ledger: a list of entries, each a table of field id -> value of that field's type."""
    if not isinstance(value, list) or not all(isinstance(e, Mapping) for e in value):
        raise AnswerError(t("ledger.need_list", id=question.id))
    if not value and question.required:
        raise AnswerError(t("ledger.need_entry", id=question.id))
    known = ", ".join(f.id for f in question.fields)
    entries: list[dict[str, Any]] = []
    for number, raw in enumerate(value, start=1):
        entry: dict[str, Any] = {}
        for key in raw:
            if question.field(str(key)) is None:
                raise AnswerError(
                    t("ledger.unknown_field", id=question.id, n=number, field=key, fields=known)
                )
        for fld in question.fields:
            if fld.id not in raw:
                # A conditional field is asked for only when the entry's earlier fields say so.
                if fld.required and (fld.when is None or fld.when.holds(entry)):
                    raise AnswerError(
                        t("ledger.missing_field", id=question.id, n=number, field=fld.id)
                    )
                continue
            try:
                entry[fld.id] = _normalise(fld, raw[fld.id])
            except AnswerError as exc:
                raise AnswerError(
                    t("ledger.in_entry", id=question.id, n=number, detail=str(exc))
                ) from None
        entries.append(entry)
    return entries


def _broken(text: str) -> bool:
    """A lone surrogate (from \\ud800 in JSON or a mis-decoded file) cannot be stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _year_error(question_id: str) -> str:
    return t("security.year_out_of_range", id=question_id, min=MIN_YEAR, max=MAX_YEAR)


def _normalise(question: Question, value: Any) -> Any:
    qtype = question.type
    if qtype == "notice":
        raise AnswerError(t("answers.notice.no_answer", id=question.id))
    if qtype == "ledger":
        return _ledger(question, value)
    if qtype == "yesno":
        if isinstance(value, bool):
            return value
        raise AnswerError(t("answers.need_bool", id=question.id))
    if qtype == "choice":
        if isinstance(value, str) and question.option(value):
            return value
        raise AnswerError(
            t(
                "answers.need_option",
                id=question.id,
                options=", ".join(o.id for o in question.options),
            )
        )
    if qtype == "multi":
        if isinstance(value, list) and all(
            isinstance(v, str) and question.option(v) for v in value
        ):
            return list(dict.fromkeys(value))
        raise AnswerError(
            t(
                "answers.need_options",
                id=question.id,
                options=", ".join(o.id for o in question.options),
            )
        )
    if qtype == "date":
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, str):
            # The same reading of a typed date as the wizard's: 14-3-2026 or 2026-03-14.
            try:
                value = parse_date(value)
            except YearOutOfRange:
                raise AnswerError(_year_error(question.id)) from None
            except ValueError:
                raise AnswerError(t("answers.need_date", id=question.id)) from None
        if isinstance(value, date):
            if not in_range(value.year):
                raise AnswerError(_year_error(question.id))
            return value.isoformat()
        raise AnswerError(t("answers.need_date", id=question.id))
    if qtype == "datetime":
        moment: datetime | None = None
        if isinstance(value, datetime):
            # Checked before the zone conversion, which overflows for year 1 or 9999.
            if not in_range(value.year):
                raise AnswerError(_year_error(question.id))
            # A moment without a zone is the user's local time.
            moment = (value if value.tzinfo else value.astimezone()).astimezone(UTC)
        elif isinstance(value, str):
            try:
                moment = parse_moment(value)
            except YearOutOfRange:
                raise AnswerError(_year_error(question.id)) from None
            except ValueError:
                moment = None
        if moment is None:
            raise AnswerError(t("answers.need_datetime", id=question.id))
        return moment.isoformat(timespec="minutes")
    # text and person
    if isinstance(value, str) and value.strip():
        if not value.isascii() and _broken(value):
            raise AnswerError(t("security.broken_text_answer", id=question.id))
        return value
    raise AnswerError(t("answers.need_text", id=question.id))


def normalise_answer(flow: Flow, question_id: str, value: Any) -> Any:
    """One answer, normalised to a JSON-able value; AnswerError names the question."""
    question = flow.question(question_id)
    if question is None:
        raise AnswerError(t("answers.unknown_id", id=question_id, flow=flow.id))
    return _normalise(question, value)


def parse_answers(flow: Flow, raw: Mapping[str, Any]) -> dict[str, Any]:
    """A whole answers table, normalised; the first bad id raises AnswerError."""
    return {qid: normalise_answer(flow, str(qid), value) for qid, value in raw.items()}


def read_answers_file(path: Path) -> dict[str, Any]:
    """Read a TOML or JSON table of question id -> value (by extension; TOML otherwise)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AnswerError(t("answers.file_missing", file=path)) from None
    except OSError as exc:
        raise AnswerError(t("answers.file_unreadable", file=path, detail=os_problem(exc))) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswerError(t("answers.not_utf8", file=path)) from None
    loaded: Any
    try:
        loaded = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswerError(t("answers.bad_json", file=path, line=exc.lineno)) from None
    except tomllib.TOMLDecodeError as exc:
        # TOML's message holds a line/column but never the value itself.
        raise AnswerError(t("answers.bad_toml", file=path, detail=str(exc))) from None
    except (RecursionError, ValueError):
        # Nesting beyond the recursion limit, or an integer beyond Python's digit limit.
        raise AnswerError(t("security.answers_too_deep", file=path)) from None
    if not isinstance(loaded, dict):
        raise AnswerError(t("answers.not_table", file=path))
    return loaded
