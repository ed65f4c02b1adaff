"""Flow-format additions for issue 10: notices, comparing two dates, working-day limits."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from meldcode_tui.flow import AnswerError, FlowError, evaluate, parse_answers, parse_flow
from meldcode_tui.flow.describe import describe_condition, outline
from meldcode_tui.flow.engine import SKIPPED, add_working_days
from meldcode_tui.i18n import set_language


def _text(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


def _flow(questions: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": "klein",
        "version": "1",
        "title": _text("Klein", "Small"),
        "description": _text("Testflow.", "Test flow."),
        "steps": [
            {
                "id": "a",
                "title": _text("Stap a", "Step a"),
                "guidance": _text("Doe iets.", "Do something."),
                "questions": questions,
                **extra.pop("step", {}),
            }
        ],
        **extra,
    }


GEVAAR = {
    "id": "gevaar",
    "type": "yesno",
    "text": _text("Gevaar?", "Danger?"),
}
WAARSCHUWING = {
    "id": "waarschuwing",
    "type": "notice",
    "when": {"question": "gevaar", "equals": True},
    "text": _text("Praat niet met de familie.", "Do not talk with the family."),
}


# --- notices ---------------------------------------------------------------------------------


def test_a_notice_shows_when_its_condition_holds_and_is_never_asked() -> None:
    flow = parse_flow(_flow([GEVAAR, WAARSCHUWING]), "klein.toml")
    quiet = evaluate(flow, {"gevaar": False})
    state = quiet.state("a")
    assert state is not None and [q.id for q in state.visible] == ["gevaar"]
    shown = evaluate(flow, {"gevaar": True})
    state = shown.state("a")
    assert state is not None and [q.id for q in state.visible] == ["gevaar", "waarschuwing"]
    # Shown, but nothing to answer: the step is done and the case has nothing missing.
    assert shown.missing == [] and state.status == "done"
    assert "waarschuwing" not in shown.effective


def test_a_notice_has_no_answer() -> None:
    flow = parse_flow(_flow([GEVAAR, WAARSCHUWING]), "klein.toml")
    with pytest.raises(AnswerError, match="waarschuwing"):
        parse_answers(flow, {"waarschuwing": True})


def test_a_notice_stays_shown_when_its_step_is_skipped() -> None:
    questions = [
        WAARSCHUWING,
        {"id": "afzien", "type": "yesno", "text": _text("Afzien?", "Skip?")},
        {"id": "reden", "type": "text", "text": _text("Waarom?", "Why?")},
        {"id": "verslag", "type": "text", "text": _text("Verslag", "Report")},
    ]
    raw = _flow(questions, step={"skip": {"question": "afzien", "reason": "reden"}})
    # The danger is recorded in an earlier step, as the signals are in step 1 of a meldcode.
    first = {**raw["steps"][0], "id": "signalen", "questions": [GEVAAR]}
    first.pop("skip")
    raw["steps"].insert(0, first)
    flow = parse_flow(raw, "klein.toml")
    result = evaluate(flow, {"gevaar": True, "afzien": True, "reden": "Veiligheid."})
    state = result.state("a")
    assert state is not None and state.status == SKIPPED
    assert [q.id for q in state.visible] == ["waarschuwing", "afzien", "reden"]


@pytest.mark.parametrize(
    "bad",
    [
        {**WAARSCHUWING, "required": True},
        {**WAARSCHUWING, "options": [{"id": "x", "nl": "x", "en": "x"}]},
    ],
    ids=["required", "options"],
)
def test_a_notice_takes_no_answer_keys(bad: dict[str, Any]) -> None:
    with pytest.raises(FlowError):
        parse_flow(_flow([GEVAAR, bad]), "klein.toml")


def test_no_condition_can_read_a_notice() -> None:
    later = {
        "id": "later",
        "type": "text",
        "when": {"question": "waarschuwing", "answered": True},
        "text": _text("Later", "Later"),
    }
    with pytest.raises(FlowError) as exc:
        parse_flow(_flow([GEVAAR, WAARSCHUWING, later]), "klein.toml")
    assert any(p.code == "impossible_value" for p in exc.value.problems)


# --- comparing two dates ---------------------------------------------------------------------

DATES = [
    {"id": "eerste", "type": "date", "text": _text("Eerste melding", "First report")},
    {"id": "tweede", "type": "date", "required": False, "text": _text("Tweede", "Second")},
    {"id": "moment", "type": "datetime", "required": False, "text": _text("Moment", "Moment")},
]


TITLED = {"title": _text("Klaar", "Done"), "text": _text("Klaar.", "Done.")}


def _dated(op: str, other: str = "eerste", question: str = "tweede") -> dict[str, Any]:
    closure = {
        "id": "volgorde",
        "when": {"question": question, op: other},
        "message": _text("de tweede datum ontbreekt", "the second date is missing"),
    }
    # Both decisions taken, so only the closure rule decides whether the case may close.
    done = {"id": "klaar", "status": "closed", "melden": False, "hulp": False}
    return _flow(DATES, closure=[closure], outcomes=[{**done, **TITLED}])


@pytest.mark.parametrize(
    ("op", "second", "holds"),
    [
        ("after", "2026-11-06", True),
        ("after", "2026-11-05", False),  # the same day is not later
        ("after", "2026-11-04", False),
        ("after", None, False),  # unanswered never holds
        ("not_before", "2026-11-05", True),
        ("not_before", "2026-11-06", True),
        ("not_before", "2026-11-04", False),
        ("not_before", None, False),
    ],
)
def test_date_comparisons_by_calendar_day(op: str, second: str | None, holds: bool) -> None:
    flow = parse_flow(_dated(op), "klein.toml")
    answers: dict[str, Any] = {"eerste": "2026-11-05"}
    if second:
        answers["tweede"] = second
    assert evaluate(flow, answers).can_close is holds


def test_a_datetime_compares_by_its_day() -> None:
    flow = parse_flow(_dated("after", question="moment"), "klein.toml")
    assert evaluate(flow, {"eerste": "2026-11-05", "moment": "2026-11-06T08:00+00:00"}).can_close
    same_day = {"eerste": "2026-11-05", "moment": "2026-11-05T23:00+00:00"}
    assert not evaluate(flow, same_day).can_close


def test_a_date_comparison_needs_two_date_questions() -> None:
    with pytest.raises(FlowError) as exc:
        parse_flow(_dated("after", other="gevaar"), "klein.toml")
    assert any(p.code == "unknown_question_ref" for p in exc.value.problems)
    raw = _flow([*DATES, {"id": "tekst", "type": "text", "text": _text("T", "T")}])
    raw["closure"] = [
        {
            "id": "volgorde",
            "when": {"question": "tweede", "after": "tekst"},
            "message": _text("x", "x"),
        }
    ]
    with pytest.raises(FlowError) as exc:
        parse_flow(raw, "klein.toml")
    assert [p.code for p in exc.value.problems] == ["impossible_value"]
    raw["closure"][0]["when"] = {"question": "tweede", "after": True}
    with pytest.raises(FlowError, match=r"datumvraag|date question"):
        parse_flow(raw, "klein.toml")


def test_a_date_comparison_reads_as_words() -> None:
    set_language("nl")
    flow = parse_flow(_dated("after"), "klein.toml")
    assert describe_condition(flow.closure[0].when) == "tweede is later dan eerste"


# --- working days ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Monday + 5 working days = the next Monday.
        (datetime(2026, 11, 23, 10, 0, tzinfo=UTC), 5, datetime(2026, 11, 30, 10, 0, tzinfo=UTC)),
        # Thursday + 5 = Thursday a week later (the weekend does not count).
        (datetime(2026, 11, 26, 10, 0, tzinfo=UTC), 5, datetime(2026, 12, 3, 10, 0, tzinfo=UTC)),
        # Friday + 1 = Monday.
        (datetime(2026, 11, 27, 10, 0, tzinfo=UTC), 1, datetime(2026, 11, 30, 10, 0, tzinfo=UTC)),
        # A report on a Saturday: five working days run Monday to Friday.
        (datetime(2026, 11, 28, 10, 0, tzinfo=UTC), 5, datetime(2026, 12, 4, 10, 0, tzinfo=UTC)),
    ],
)
def test_working_days_skip_the_weekend(start: datetime, days: int, due: datetime) -> None:
    assert add_working_days(start, days) == due


def _workday_flow(**deadline: Any) -> dict[str, Any]:
    rule = {
        "id": "terugkoppeling",
        "start": "eerste",
        "done_when": {"question": "tweede", "answered": True},
        "label": _text("Terugkoppeling", "Feedback"),
        **deadline,
    }
    return _flow(DATES, deadlines=[rule])


def test_a_working_day_limit_is_due_after_five_working_days() -> None:
    flow = parse_flow(_workday_flow(working_days=5), "klein.toml")
    # Reported on Thursday 26 November: due at the end of Thursday 3 December.
    answers = {"eerste": "2026-11-26"}
    on_time = evaluate(flow, answers, now=datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
    assert [d.rule.id for d in on_time.deadlines] == ["terugkoppeling"]
    assert on_time.deadlines[0].due.date().isoformat() == "2026-12-03"
    assert not on_time.deadlines[0].overdue
    late = evaluate(flow, answers, now=datetime(2026, 12, 4, 9, 0, tzinfo=UTC))
    assert late.deadlines[0].overdue
    done = evaluate(flow, {**answers, "tweede": "2026-12-01"}, now=late.deadlines[0].due)
    assert done.deadlines == ()


@pytest.mark.parametrize(
    "deadline",
    [
        {"working_days": 0},
        {"working_days": "5"},
        {"working_days": True},
        {"working_days": 5, "hours": 24},
    ],
    ids=["zero", "text", "bool", "with-hours"],
)
def test_a_working_day_limit_needs_a_positive_number_beside_start(
    deadline: dict[str, Any],
) -> None:
    with pytest.raises(FlowError) as exc:
        parse_flow(_workday_flow(**deadline), "klein.toml")
    assert [p.code for p in exc.value.problems] == ["workdays.shape"]


def test_the_outline_names_working_days() -> None:
    set_language("nl")
    flow = parse_flow(_workday_flow(working_days=5), "klein.toml")
    assert any("5 werkdagen na eerste" in line for line in outline(flow, "nl"))
