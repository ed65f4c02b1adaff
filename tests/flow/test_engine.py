"""The engine: path, off-path answers, step skipping with a reason, deadlines, answer checking."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from meldcode_tui.flow import AnswerError, evaluate, get_flow, parse_answers, parse_flow
from meldcode_tui.flow.engine import CURRENT, DONE, OFF_PATH, PENDING, SKIPPED


def test_empty_case_starts_at_step_one() -> None:
    result = evaluate(get_flow("basismodel"), {})
    assert result.current_step == "signalen"
    assert [s.status for s in result.steps] == [CURRENT, PENDING, PENDING, PENDING, PENDING]
    assert result.decisions.melden is None and result.decisions.hulp is None
    assert not result.complete


def test_changed_answer_keeps_later_answers_but_marks_them_off_path() -> None:
    flow = get_flow("basismodel")
    answers: dict[str, Any] = {
        "afweging1_vermoeden": True,
        "afweging2_onveiligheid": False,
        "afweging3_hulp_mogelijk": True,
        "afweging4_hulp_aanvaard": True,
    }
    assert evaluate(flow, answers).off_path == ()
    answers["afweging1_vermoeden"] = False
    result = evaluate(flow, answers)
    assert set(result.off_path) == {
        "afweging2_onveiligheid",
        "afweging3_hulp_mogelijk",
        "afweging4_hulp_aanvaard",
    }
    assert result.outcome is not None and result.outcome.id == "geen_vermoeden"


def test_step_three_skipped_only_with_reason_and_veilig_thuis_consultation() -> None:
    flow = get_flow("basismodel")
    answers: dict[str, Any] = {"gesprek_afzien": True}
    state = evaluate(flow, answers).state("gesprek")
    assert state is not None
    assert state.status in (CURRENT, PENDING)
    assert set(state.missing) == {
        "gesprek_afzien_reden",
        "gesprek_afzien_vt_datum",
        "gesprek_afzien_toelichting",
    }
    answers.update(
        gesprek_afzien_reden="veiligheid",
        gesprek_afzien_vt_datum="2026-11-03",
        gesprek_afzien_toelichting="Veilig Thuis adviseerde het gesprek niet te voeren.",
        gesprek_datum="2026-11-04",  # answered before deciding to skip: kept, but off the path
    )
    result = evaluate(flow, answers)
    state = result.state("gesprek")
    assert state is not None
    assert state.status == SKIPPED
    assert state.skip_reason == "veiligheid"
    assert "gesprek_datum" in result.off_path


def test_not_skipping_hides_the_reason_questions() -> None:
    state = evaluate(get_flow("basismodel"), {"gesprek_afzien": False}).state("gesprek")
    assert state is not None
    shown = {q.id for q in state.visible}
    assert "gesprek_afzien_reden" not in shown
    assert {"gesprek_datum", "gesprek_met", "gesprek_verslag"} <= set(state.missing)


def test_monitoring_date_is_the_next_deadline_until_question_five_is_answered() -> None:
    flow = get_flow("basismodel")
    answers: dict[str, Any] = {
        "afweging1_vermoeden": True,
        "afweging2_onveiligheid": False,
        "afweging3_hulp_mogelijk": True,
        "afweging4_hulp_aanvaard": True,
        "gewenste_termijn": "2027-01-15",
    }
    before = evaluate(flow, answers, now=datetime(2027, 1, 10, tzinfo=UTC))
    assert before.next_deadline is not None
    assert before.next_deadline.date().isoformat() == "2027-01-15"
    assert not before.deadlines[0].overdue
    after = evaluate(flow, answers, now=datetime(2027, 1, 16, tzinfo=UTC))
    assert after.deadlines[0].overdue
    answers["afweging5_hulp_effectief"] = True
    assert evaluate(flow, answers).next_deadline is None


def test_hours_deadline_and_done_when() -> None:
    flow = parse_flow(
        {
            "id": "t",
            "version": "1",
            "title": {"nl": "T", "en": "T"},
            "description": {"nl": "T", "en": "T"},
            "steps": [
                {
                    "id": "s",
                    "title": {"nl": "S", "en": "S"},
                    "guidance": {"nl": "G", "en": "G"},
                    "questions": [
                        {"id": "gemeld_op", "type": "datetime", "text": {"nl": "?", "en": "?"}},
                        {"id": "eigenaar", "type": "person", "text": {"nl": "?", "en": "?"}},
                    ],
                }
            ],
            "deadlines": [
                {
                    "id": "eigenaarschap",
                    "start": "gemeld_op",
                    "hours": 24,
                    "done_when": {"question": "eigenaar", "answered": True},
                    "label": {"nl": "Eigenaar binnen 24 uur", "en": "Owner within 24 hours"},
                }
            ],
        },
        "inline",
    )
    answers = parse_answers(flow, {"gemeld_op": "2026-11-23T08:00+00:00"})
    late = evaluate(flow, answers, now=datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    assert [d.overdue for d in late.deadlines] == [True]
    answers["eigenaar"] = "C. Bakker"
    assert evaluate(flow, answers, now=datetime(2026, 11, 24, 9, 0, tzinfo=UTC)).deadlines == ()


@pytest.mark.parametrize(
    ("qid", "value", "fragment"),
    [
        ("afweging1_vermoeden", "ja", "afweging1_vermoeden"),
        ("client_type", "hond", "kind, volwassene"),
        ("signalen", ["letsel", "onbekend"], "signalen"),
        ("consultatie_datum", "23 november 2026", "14-3-2026"),
        ("signalen_feiten", "   ", "signalen_feiten"),
        ("bestaat_niet", True, "bestaat_niet"),
    ],
)
def test_bad_answers_name_the_question(qid: str, value: Any, fragment: str) -> None:
    with pytest.raises(AnswerError) as info:
        parse_answers(get_flow("basismodel"), {qid: value})
    assert fragment in str(info.value)


def test_answers_are_normalised() -> None:
    import datetime as dt

    flow = get_flow("basismodel")
    parsed = parse_answers(
        flow, {"consultatie_datum": dt.date(2026, 11, 2), "signalen": ["letsel", "letsel"]}
    )
    assert parsed == {"consultatie_datum": "2026-11-02", "signalen": ["letsel"]}


def test_done_steps_are_reported_done() -> None:
    flow = get_flow("basismodel")
    result = evaluate(
        flow,
        {
            "client_type": "kind",
            "signalen": ["gedrag"],
            "signalen_feiten": "x",
            "onthulling": False,
            "tegensignalen": False,
        },
    )
    assert result.steps[0].status == DONE
    assert result.current_step == "consultatie"
    assert OFF_PATH not in {s.status for s in result.steps}


@pytest.mark.parametrize(
    ("now", "overdue"), [("2027-01-10T10:00", False), ("2027-01-20T10:00", True)]
)
def test_flows_evaluate_uses_the_shared_clock(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, now: str, overdue: bool
) -> None:
    import json

    from typer.testing import CliRunner

    from meldcode_tui.cli import app

    answers = tmp_path / "a.toml"
    answers.write_text(
        "afweging1_vermoeden = true\nafweging2_onveiligheid = false\n"
        "afweging3_hulp_mogelijk = true\nafweging4_hulp_aanvaard = true\n"
        "gewenste_termijn = 2027-01-15\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("MELDCODE_NOW", now)
    result = CliRunner().invoke(
        app, ["flows", "evaluate", "basismodel", "--answers", str(answers), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert [d["overdue"] for d in json.loads(result.output)["deadlines"]] == [overdue]
