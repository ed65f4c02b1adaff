"""The flow-format additions: ledger questions, closure rules, escalating limits, clock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from meldcode_tui.flow import AnswerError, evaluate, parse_answers, parse_flow
from meldcode_tui.flow.clock import ENV_NOW, ClockError, now
from meldcode_tui.flow.describe import outline
from meldcode_tui.i18n import set_language


def _text(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


def small_flow(**extra: Any) -> dict[str, Any]:
    """A minimal flow: one step with a raised moment, an owner and a sharing ledger."""
    raw: dict[str, Any] = {
        "id": "klein",
        "version": "1",
        "title": _text("Klein", "Small"),
        "description": _text("Testflow.", "Test flow."),
        "steps": [
            {
                "id": "a",
                "title": _text("Stap a", "Step a"),
                "guidance": _text("Doe iets.", "Do something."),
                "questions": [
                    {"id": "gemeld_op", "type": "datetime", "text": _text("Wanneer?", "When?")},
                    {"id": "eigenaar", "type": "person", "text": _text("Wie?", "Who?")},
                    {
                        "id": "eigenaar_op",
                        "type": "datetime",
                        "when": {"question": "eigenaar", "answered": True},
                        "text": _text("Sinds wanneer?", "Since when?"),
                    },
                    {
                        "id": "escalatie_op",
                        "type": "datetime",
                        "required": False,
                        "text": _text("Escalatie wanneer?", "Escalated when?"),
                    },
                    {
                        "id": "delingen",
                        "type": "ledger",
                        "required": False,
                        "text": _text("Gedeeld met?", "Shared with?"),
                        "fields": [
                            {"id": "met_wie", "type": "person", "text": _text("Wie?", "Who?")},
                            {"id": "wanneer", "type": "date", "text": _text("Wanneer?", "When?")},
                            {
                                "id": "grond",
                                "type": "choice",
                                "text": _text("Grond?", "Ground?"),
                                "options": [
                                    {"id": "toestemming", "nl": "Toestemming", "en": "Consent"},
                                    {"id": "meldrecht", "nl": "Meldrecht", "en": "Right"},
                                ],
                            },
                            {
                                "id": "noot",
                                "type": "text",
                                "required": False,
                                "text": _text("Noot", "Note"),
                            },
                        ],
                    },
                ],
            }
        ],
        "deadlines": [
            {
                "id": "eigenaarschap",
                "start": "gemeld_op",
                "hours": 24,
                "done_when": {"question": "eigenaar", "answered": True},
                "done_at": "eigenaar_op",
                "escalate": "escalatie_op",
                "label": _text("Eigenaar binnen 24 uur", "Owner within 24 hours"),
            }
        ],
    }
    raw.update(extra)
    return raw


RAISED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_ledger_entries_are_normalised_per_field_type() -> None:
    flow = parse_flow(small_flow(), "klein.toml")
    entry = {"met_wie": "IB'er (fictief)", "wanneer": "2026-11-23", "grond": "toestemming"}
    parsed = parse_answers(flow, {"delingen": [entry]})
    assert parsed["delingen"] == [entry]
    assert evaluate(flow, parsed).effective["delingen"] == [entry]


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("geen lijst", "lijst van regels"),
        ([{"met_wie": "X", "wanneer": "2026-11-23"}], "'grond' ontbreekt"),
        ([{"met_wie": "X", "wanneer": "2026-11-23", "grond": "gok"}], "regel 1"),
        ([{"met_wie": "X", "wanneer": "morgen", "grond": "meldrecht"}], "regel 1"),
        ([{"met_wie": "X", "wanneer": "2026-11-23", "grond": "meldrecht", "wat": 1}], "'wat'"),
    ],
)
def test_bad_ledger_answers_name_the_entry_and_field(value: Any, fragment: str) -> None:
    flow = parse_flow(small_flow(), "klein.toml")
    with pytest.raises(AnswerError) as info:
        parse_answers(flow, {"delingen": value})
    assert fragment in str(info.value)
    assert "morgen" not in str(info.value)  # never the value itself


def test_required_ledger_needs_an_entry_and_optional_may_be_empty() -> None:
    raw = small_flow()
    flow = parse_flow(raw, "klein.toml")
    assert parse_answers(flow, {"delingen": []}) == {"delingen": []}
    raw["steps"][0]["questions"][4]["required"] = True
    strict = parse_flow(raw, "klein.toml")
    with pytest.raises(AnswerError, match="minstens één regel"):
        parse_answers(strict, {"delingen": []})


def test_overdue_limit_makes_the_escalation_question_required() -> None:
    flow = parse_flow(small_flow(), "klein.toml")
    answers = {"gemeld_op": RAISED.isoformat()}
    early = evaluate(flow, answers, now=datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    assert "escalatie_op" not in early.missing and not early.deadlines[0].overdue
    late = evaluate(flow, answers, now=datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    assert late.deadlines[0].overdue and late.escalated == ("escalatie_op",)
    assert "escalatie_op" in late.missing
    recorded = evaluate(
        flow,
        {**answers, "escalatie_op": "2026-11-24T10:05+00:00"},
        now=datetime(2026, 11, 24, 11, 0, tzinfo=UTC),
    )
    assert "escalatie_op" not in recorded.missing and recorded.deadlines[0].overdue


@pytest.mark.parametrize(
    ("owned_at", "escalation_required"),
    [("2026-11-23T20:00+00:00", False), ("2026-11-24T12:00+00:00", True)],
)
def test_limit_met_late_still_requires_the_escalation(
    owned_at: str, escalation_required: bool
) -> None:
    flow = parse_flow(small_flow(), "klein.toml")
    answers = {
        "gemeld_op": RAISED.isoformat(),
        "eigenaar": "Lead (fictief)",
        "eigenaar_op": owned_at,
    }
    result = evaluate(flow, answers, now=datetime(2026, 11, 30, tzinfo=UTC))
    assert result.deadlines == ()
    assert ("escalatie_op" in result.missing) is escalation_required


def _closure_flow() -> dict[str, Any]:
    return small_flow(
        closure=[
            {
                "id": "eigenaar_bekend",
                "when": {"question": "eigenaar", "answered": True},
                "message": _text("Er is nog geen eigenaar.", "There is no owner yet."),
            }
        ],
        outcomes=[
            {
                "id": "klaar",
                "status": "closed",
                "melden": False,
                "hulp": False,
                "title": _text("Klaar", "Done"),
                "text": _text("Klaar.", "Done."),
            }
        ],
    )


def test_closure_rule_blocks_closing_and_the_closed_status() -> None:
    raw = _closure_flow()
    raw["steps"][0]["questions"][1]["required"] = False
    flow = parse_flow(raw, "klein.toml")
    blocked = evaluate(flow, {"gemeld_op": RAISED.isoformat()}, now=RAISED)
    assert [r.id for r in blocked.closure_blockers] == ["eigenaar_bekend"]
    assert not blocked.can_close and blocked.status == "open"
    assert blocked.to_json()["closure"] == {
        "can_close": False,
        "blockers": ["eigenaar_bekend"],
        "undecided": [],
    }
    done = evaluate(
        flow,
        {"gemeld_op": RAISED.isoformat(), "eigenaar": "X", "eigenaar_op": RAISED.isoformat()},
        now=RAISED,
    )
    assert done.can_close and done.status == "closed"


def test_conditional_meldnorm_applies_only_when_reporting() -> None:
    raw = small_flow(
        meldnormen=[
            {
                "id": "eigen",
                "nl": "Eigen norm.",
                "en": "Own norm.",
                "when": {"question": "eigenaar", "answered": True},
            }
        ],
        outcomes=[
            {
                "id": "melden",
                "melden": True,
                "hulp": False,
                "when": {"question": "escalatie_op", "answered": True},
                "title": _text("Melden", "Report"),
                "text": _text("Melden.", "Report."),
            },
            {
                "id": "niet",
                "melden": False,
                "hulp": False,
                "title": _text("Niet", "Not"),
                "text": _text("Niet.", "Not."),
            },
        ],
    )
    flow = parse_flow(raw, "klein.toml")
    owner = {"eigenaar": "X", "eigenaar_op": RAISED.isoformat()}
    assert evaluate(flow, owner, now=RAISED).meldnormen == []
    reporting = evaluate(flow, {**owner, "escalatie_op": RAISED.isoformat()}, now=RAISED)
    assert reporting.meldnormen == ["eigen"]
    assert reporting.to_json()["meldnormen"] == ["eigen"]


def test_outline_shows_ledger_fields_escalation_and_closure() -> None:
    flow = parse_flow(_closure_flow(), "klein.toml")
    set_language("en")
    text = "\n".join(outline(flow, "en"))
    assert "+ grond (choice): Ground?" in text
    assert "* meldrecht: Right" in text
    assert "record: escalatie_op" in text
    assert "eigenaar_bekend: There is no owner yet." in text


def test_clock_honours_meldcode_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_NOW, "2026-11-24T10:00+00:00")
    assert now() == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    flow = parse_flow(small_flow(), "klein.toml")
    # evaluate without an explicit moment uses the same clock
    assert evaluate(flow, {"gemeld_op": RAISED.isoformat()}).deadlines[0].overdue
    monkeypatch.setenv(ENV_NOW, "2026-11-23T09:30+00:00")
    assert not evaluate(flow, {"gemeld_op": RAISED.isoformat()}).deadlines[0].overdue
    monkeypatch.setenv(ENV_NOW, "gisteren")
    with pytest.raises(ClockError):
        now()
    monkeypatch.delenv(ENV_NOW)
    assert abs((now() - datetime.now(UTC)).total_seconds()) < 5
