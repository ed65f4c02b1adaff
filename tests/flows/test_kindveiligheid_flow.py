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
    "melder_gehoord": True,
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
STAFF: dict[str, Any] = {**MELDING, **REACTIE, "vermoedelijke_pleger": "werknemer"}
EXPLAINED = {"reactie_actie_pleger_toelichting": "Vastgelegd (fictief)."}

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
            "reactie_actie_pleger": "niets",
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
            "reactie_actie_pleger": "maatregel_genomen",
            **EXPLAINED,
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
    # Presumption of innocence: a suspicion that is not confirmed (with the reason) closes; an
    # investigation under way closes too; only "nothing" keeps the case open.
    (
        "staff perpetrator, suspicion not confirmed",
        {
            **STAFF,
            "reactie_maatregelen": ["onderzoek", "ondersteuning"],
            "reactie_actie_pleger": "niet_bevestigd",
            **EXPLAINED,
        },
        "hulp",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "staff perpetrator, investigation under way",
        {
            **STAFF,
            "reactie_maatregelen": ["onderzoek"],
            "reactie_actie_pleger": "onderzoek_loopt",
            **EXPLAINED,
        },
        "intern",
        False,
        False,
        "closed",
        set(),
    ),
    (
        "staff perpetrator, nothing done",
        {**STAFF, "reactie_maatregelen": ["onderzoek"], "reactie_actie_pleger": "niets"},
        "reactie_niet_proportioneel",
        None,
        None,
        "open",
        {"actie_tegen_pleger"},
    ),
    (
        "child not listened to",
        {**MELDING, **REACTIE, "kind_gehoord": False, "reactie_maatregelen": ["ondersteuning"]},
        "hulp",
        False,
        True,
        "open",
        {"kind_gehoord"},
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


def test_nothing_done_regarding_the_perpetrator_blocks_closing_with_a_clear_message() -> None:
    flow = get_flow("kindveiligheid")
    answers = {**STAFF, "reactie_maatregelen": ["onderzoek"], "reactie_actie_pleger": "niets"}
    result = evaluate(flow, answers, now=NOW)
    (rule,) = result.closure_blockers
    assert rule.id == "actie_tegen_pleger"
    assert "zero tolerance for non-acting" in rule.message.nl
    assert "niets gedaan richting de pleger" in rule.message.nl
    assert "nothing has been done regarding them" in rule.message.en


def test_the_response_towards_the_perpetrator_is_explained_unless_nothing_was_done() -> None:
    flow = get_flow("kindveiligheid")
    base = {**STAFF, "reactie_maatregelen": ["onderzoek"]}
    for choice, explained in [
        ("maatregel_genomen", True),
        ("onderzoek_loopt", True),
        ("niet_bevestigd", True),
        ("niets", False),
    ]:
        result = evaluate(flow, {**base, "reactie_actie_pleger": choice}, now=NOW)
        assert ("reactie_actie_pleger_toelichting" in result.missing) is explained, choice
    question = flow.question("reactie_actie_pleger")
    assert question is not None and question.type == "choice"
    assert question.text.nl == "Wat is er gedaan richting de vermoedelijke pleger?"
    options = {o.id: o.label.nl for o in question.options}
    assert options["niet_bevestigd"] == "Vermoeden niet bevestigd (vastgelegd waarom)"


def test_child_and_reporter_are_asked_separately() -> None:
    flow = get_flow("kindveiligheid")
    bare = {k: v for k, v in MELDING.items() if k not in ("kind_gehoord", "melder_gehoord")}
    by_staff = evaluate(flow, bare, now=NOW)
    assert {"kind_gehoord", "melder_gehoord"} <= set(by_staff.missing)
    by_child = evaluate(flow, {**bare, "gemeld_door": "kind"}, now=NOW)
    assert "kind_gehoord" in by_child.missing
    assert "melder_gehoord" not in by_child.missing
    child_rule = next(r for r in flow.closure if r.id == "kind_gehoord")
    assert child_rule.message.nl == "er is niet vastgelegd dat naar het kind is geluisterd"


def test_category_check_message_names_every_policy_category() -> None:
    rule = next(r for r in get_flow("kindveiligheid").closure if r.id == "reactie_getoetst")
    assert "seksuele intimidatie of uitbuiting" in rule.message.nl
    assert "sexual harassment or exploitation" in rule.message.en
