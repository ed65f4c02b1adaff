"""A protocol can name its two decisions itself; every output then uses that name."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from outcome_answers import answers_for_outcome
from typer.testing import CliRunner

from meldcode_tui.cli import app
from meldcode_tui.flow import FlowError, evaluate, get_flow, parse_flow
from meldcode_tui.store.records import Case, CaseSummary
from meldcode_tui.summary import build_summary, render

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)

BASE: dict[str, Any] = {
    "id": "t",
    "version": "1",
    "title": {"nl": "T", "en": "T"},
    "description": {"nl": "T", "en": "T"},
    "steps": [
        {
            "id": "s",
            "title": {"nl": "S", "en": "S"},
            "guidance": {"nl": "G", "en": "G"},
            "questions": [{"id": "q", "type": "yesno", "text": {"nl": "?", "en": "?"}}],
        }
    ],
}


def test_labels_are_read_per_language() -> None:
    flow = parse_flow(
        {**BASE, "decisions": {"melden": {"nl": "Aangifte gedaan", "en": "Reported to police"}}},
        "inline",
    )
    assert flow.decision_label("melden", "nl") == "Aangifte gedaan"
    assert flow.decision_label("melden", "en") == "Reported to police"
    assert flow.decision_label("hulp", "nl") is None


@pytest.mark.parametrize(
    ("decisions", "code"),
    [
        ({"melden": {"nl": "Alleen Nederlands"}}, "missing_language"),
        ({"politie": {"nl": "x", "en": "x"}}, "unknown_field"),
        ("melden", "needs_table"),
    ],
)
def test_bad_labels_are_reported(decisions: object, code: str) -> None:
    with pytest.raises(FlowError) as info:
        parse_flow({**BASE, "decisions": decisions}, "inline")
    assert code in [p.code for p in info.value.problems]


def _api_answers() -> dict[str, Any]:
    return answers_for_outcome("api-integriteit", "afgehandeld_instantie_en_hulp")


def test_flemish_api_never_says_veilig_thuis_for_its_decisions(tmp_path: Path) -> None:
    flow = get_flow("api-integriteit")
    evaluation = evaluate(flow, _api_answers(), now=NOW)
    if evaluation.decisions.melden is None:
        pytest.skip("the API flow's outcome conditions changed; see _api_answers")
    file = tmp_path / "a.json"
    file.write_text(json.dumps(_api_answers()), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["flows", "evaluate", "api-integriteit", "--answers", str(file)]
    )
    assert result.exit_code == 0, result.output
    assert "Politie of een andere instantie gecontacteerd" in result.output
    assert "Veilig Thuis" not in result.output
    summary = CaseSummary(
        "abc12345", "Casus", "api-integriteit", "open", NOW, NOW, None, None, None, None
    )
    case = Case(summary=summary, answers=_api_answers(), history=[], notes=[], actions=[])
    text = render(
        build_summary(flow, case, evaluation, (), lang="nl", layer="full", now=NOW), "txt"
    ).decode("utf-8")
    assert "Politie of een andere instantie gecontacteerd" in " ".join(text.split())
    assert "melden bij Veilig Thuis noodzakelijk" not in text


def test_meldcode_flows_keep_the_meldcode_wording() -> None:
    assert get_flow("basismodel").decision_label("melden", "nl") is None


def test_a_route_names_its_decisions_over_the_flow() -> None:
    """onderwijs: with a staff member suspected, decision 1 is the board's aangifte, not VT."""
    flow = get_flow("onderwijs")
    answers = {
        "vermoeden_betreft": "medewerker",
        "mr_bevoegd_gezag_geinformeerd": True,
        "mr_zedendelict": True,
        "mr_redelijk_vermoeden": True,
    }
    staff = evaluate(flow, answers, now=NOW)
    assert staff.outcome is not None and staff.outcome.id == "medewerker_aangifte"
    assert staff.decision_label("melden", "nl") == "Aangifte door het bevoegd gezag"
    home = evaluate(flow, {"vermoeden_betreft": "thuissituatie"}, now=NOW)
    assert home.decision_label("melden", "nl") is None
