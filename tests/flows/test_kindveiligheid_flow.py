"""Child safety (seed 001): no closing without a recorded, proportionate, checked response."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flow_branches import BranchCase, assert_branch, branch_cases

from meldcode_tui.flow import evaluate, get_flow

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
MELDING: dict[str, Any] = {
    "incident_datum": "2026-11-20",
    "gemeld_door": "werknemer",
    "omschrijving": "Fictieve melding over een fictief kind.",
    "kind_gehoord": True,
    "kind_in_zorg": True,
    "categorie": ["psychologisch_geweld"],
    "vermoedelijke_pleger": "buiten_organisatie",
    "direct_gevaar": False,
}
REACTIE: dict[str, Any] = {
    "reactie_omschrijving": "Gesprek en hulp geregeld (fictief).",
    "reactie_datum": "2026-11-21",
    "reactie_verantwoordelijke": "Coördinator C. (fictief)",
    "reactie_getoetst_categorie": True,
    "reactie_proportioneel": True,
    "reactie_motivering": "Past bij de ernst (fictief).",
}
ALL_RULES = {"reactie_vastgelegd", "reactie_getoetst", "reactie_proportioneel"}

CASES: list[BranchCase] = [
    # (name, answers, outcome, melden, hulp, status, closure blockers)
    ("no response", MELDING, "reactie_ontbreekt", None, None, "open", ALL_RULES),
    (
        "not proportionate",
        {
            **MELDING,
            **REACTIE,
            "reactie_maatregelen": ["ondersteuning"],
            "reactie_proportioneel": False,
        },
        "reactie_niet_proportioneel",
        None,
        None,
        "open",
        {"reactie_proportioneel"},
    ),
    (
        "not checked against the category",
        {
            **MELDING,
            **REACTIE,
            "reactie_maatregelen": ["ondersteuning"],
            "reactie_getoetst_categorie": False,
        },
        "reactie_niet_proportioneel",
        None,
        None,
        "open",
        {"reactie_getoetst"},
    ),
    (
        "staff perpetrator, no action against them",
        {
            **MELDING,
            **REACTIE,
            "vermoedelijke_pleger": "vrijwilliger",
            "reactie_maatregelen": ["ondersteuning"],
            "reactie_actie_pleger": False,
        },
        "reactie_niet_proportioneel",
        None,
        None,
        "open",
        {"actie_tegen_pleger"},
    ),
    (
        "staff perpetrator, action taken",
        {
            **MELDING,
            **REACTIE,
            "vermoedelijke_pleger": "partner",
            "reactie_maatregelen": ["maatregel_pleger", "extern_gemeld"],
            "reactie_actie_pleger": True,
        },
        "extern",
        True,
        False,
        "closed",
        set(),
    ),
    (
        "reported and help",
        {**MELDING, **REACTIE, "reactie_maatregelen": ["extern_gemeld", "ondersteuning"]},
        "extern_en_hulp",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "help only",
        {**MELDING, **REACTIE, "reactie_maatregelen": ["ondersteuning"]},
        "hulp",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "internal only",
        {**MELDING, **REACTIE, "reactie_maatregelen": ["onderzoek"]},
        "intern",
        False,
        False,
        "closed",
        set(),
    ),
    (
        "evaluation planned",
        {
            **MELDING,
            **REACTIE,
            "reactie_maatregelen": ["onderzoek"],
            "evaluatiedatum": "2027-01-10",
        },
        "intern",
        False,
        False,
        "monitoring",
        set(),
    ),
]


@branch_cases(CASES)
def test_branches_and_outcomes(case: BranchCase) -> None:
    assert_branch("kindveiligheid", case, NOW)


def test_action_against_perpetrator_is_asked_only_for_staff_partners_volunteers() -> None:
    flow = get_flow("kindveiligheid")
    for who, asked in [
        ("werknemer", True),
        ("partner", True),
        ("vrijwilliger", True),
        ("buiten_organisatie", False),
        ("onbekend", False),
    ]:
        result = evaluate(flow, {**MELDING, "vermoedelijke_pleger": who}, now=NOW)
        assert ("reactie_actie_pleger" in result.missing) is asked, who


def test_policy_categories_are_offered() -> None:
    question = get_flow("kindveiligheid").question("categorie")
    assert question is not None
    ids = {o.id for o in question.options}
    assert {"verwaarlozing", "seksueel_misbruik", "fysiek_geweld", "psychologisch_geweld"} <= ids
