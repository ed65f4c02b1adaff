"""Basismodel step 2 (seed 002): who can be consulted and the information-sharing ledger."""

from __future__ import annotations

import pytest

from meldcode_tui.flow import AnswerError, evaluate, get_flow, parse_answers

ENTRY = {
    "met_wie": "Huisarts (fictief)",
    "wat": "Zorgen over letsel (fictief)",
    "wanneer": "2026-11-23",
    "grond": "toestemming",
    "doelbinding": True,
    "proportionaliteit": True,
    "subsidiariteit": True,
    "betrokkene_geinformeerd": "ja",
}


def test_ledger_and_consulted_roles_are_optional_additions_to_step_2() -> None:
    flow = get_flow("basismodel")
    step = flow.step_of("informatiedeling")
    assert step is not None and step.id == "consultatie"
    assert flow.step_of("consultatie_rollen") == step
    ids = [q.id for q in step.questions]
    # The existing ids keep their place; the additions come last and block nothing.
    assert ids[:6] == [
        "consultatie_met",
        "consultatie_datum",
        "consultatie_uitkomst",
        "advies_veilig_thuis",
        "advies_veilig_thuis_datum",
        "advies_veilig_thuis_uitkomst",
    ]
    result = evaluate(flow, {"client_type": "kind"})
    assert "informatiedeling" not in result.missing and "consultatie_rollen" not in result.missing


@pytest.mark.parametrize(
    "ground", ["toestemming", "meldrecht", "conflict_van_plichten", "vitaal_belang"]
)
def test_every_ground_of_the_issue_is_accepted(ground: str) -> None:
    flow = get_flow("basismodel")
    parsed = parse_answers(flow, {"informatiedeling": [{**ENTRY, "grond": ground}]})
    assert parsed["informatiedeling"][0]["grond"] == ground


@pytest.mark.parametrize(
    "field", ["doelbinding", "proportionaliteit", "subsidiariteit", "betrokkene_geinformeerd"]
)
def test_the_check_and_informing_are_required_per_entry(field: str) -> None:
    flow = get_flow("basismodel")
    entry = {k: v for k, v in ENTRY.items() if k != field}
    with pytest.raises(AnswerError, match=field):
        parse_answers(flow, {"informatiedeling": [entry]})
