"""One reading of dates typed by people (wizard, answers files, CLI, MELDCODE_NOW), one display."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from meldcode_tui.dates import parse_date, parse_moment, show_date, show_moment
from meldcode_tui.flow import AnswerError, get_flow, normalise_answer
from meldcode_tui.flow.clock import ENV_NOW, now

# A time typed without a zone is the computer's local time, whatever zone the tests run in.
LOCAL_0930 = datetime(2026, 3, 14, 9, 30).astimezone().astimezone(UTC)


@pytest.mark.parametrize(
    "typed", ["14-3-2026", "14-03-2026", "14/3/2026", "14.3.2026", " 2026-03-14 "]
)
def test_a_date_reads_the_same_in_every_form(typed: str) -> None:
    assert parse_date(typed) == date(2026, 3, 14)


@pytest.mark.parametrize(
    "typed",
    [
        "14-3-2026 9:30",
        "14-3-2026 09:30",
        "2026-03-14T09:30",
        "2026-03-14 09:30",
    ],
)
def test_a_moment_reads_the_same_in_every_form(typed: str) -> None:
    assert parse_moment(typed) == LOCAL_0930


def test_a_moment_with_a_zone_keeps_it() -> None:
    assert parse_moment("2026-03-14T09:30+01:00") == datetime(2026, 3, 14, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "typed", ["31-2-2026", "14-13-2026", "gisteren", "14-3-26", "", "14-3-2026 25:00"]
)
def test_what_is_not_a_date_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_date(typed)
    with pytest.raises(ValueError):
        parse_moment(typed)


def test_an_answers_file_takes_the_dates_the_wizard_takes() -> None:
    flow = get_flow("basismodel")
    assert normalise_answer(flow, "consultatie_datum", "10-3-2025") == "2025-03-10"
    assert normalise_answer(flow, "consultatie_datum", "2025-03-10") == "2025-03-10"
    with pytest.raises(AnswerError):
        normalise_answer(flow, "consultatie_datum", "10 maart")


def test_meldcode_now_takes_the_same_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_NOW, "24-11-2026 10:00")
    assert now() == datetime(2026, 11, 24, 10, 0).astimezone().astimezone(UTC)


def test_shown_as_people_write_them() -> None:
    moment = datetime(2026, 1, 7, 14, 30).astimezone()  # local time, shown as such
    assert show_date(moment) == "7-1-2026"
    assert show_date(date(2026, 1, 7)) == "7-1-2026"
    assert show_moment(moment) == "7-1-2026 14:30"
    assert show_date(None, "-") == "-"
