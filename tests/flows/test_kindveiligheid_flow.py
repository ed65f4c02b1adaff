"""Child safety (seed 001): no closing without a recorded, proportionate, checked response.

The expected values come from the sources, not from the flow file:
- seed 001: "zero tolerance for non-acting", "proportioneel handelen op elke schending", and that
  children must be "vrij zijn van seksuele intimidatie, uitbuiting en misbruik als gevolg van
  wangedrag van werknemers, partners en vrijwilligers";
- issue 11 (review S11): sexual abuse or exploitation by staff, a partner or a volunteer does not
  close on internal measures alone: an external report (police, Veilig Thuis, the authority
  abroad) and a decision on help for the child are recorded;
- seksueelmisdrijf.nl (DISC): open, not leading questions; do not question the child again and
  again; a possible crime is for the police;
- "child listened to" may be "not possible or not appropriate" with a reason (a baby; a child the
  police will hear); only "not yet" keeps the case open.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flow_branches import BranchCase, assert_branch, branch_cases
from flow_cli import Run, write_answers

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
REPORTED = {"extern_gemeld_bij": ["politie"], "extern_gemeld_op": "2026-11-21"}
SEXUAL_BY_STAFF: dict[str, Any] = {
    **STAFF,
    "categorie": ["seksueel_misbruik"],
    "reactie_actie_pleger": "maatregel_genomen",
    **EXPLAINED,
}
CHILD_HELPED = {"hulp_kind_besluit": "via_extern", "hulp_kind_toelichting": "Slachtofferhulp."}
EXTERNAL_RULE = "extern_bij_seksueel_misbruik_door_medewerker"

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
            **REPORTED,
        },
        "extern",
        True,
        False,
        "closed",
        set(),
    ),
    (
        "reported and help",
        {
            **MELDING,
            **REACTIE,
            "reactie_maatregelen": ["extern_gemeld", "ondersteuning"],
            **REPORTED,
        },
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
        "child not listened to yet",
        {
            **MELDING,
            **REACTIE,
            "kind_gehoord": False,
            "kind_gehoord_niet_reden": "nog_niet",
            "reactie_maatregelen": ["ondersteuning"],
        },
        "hulp",
        False,
        True,
        "open",
        {"kind_gehoord"},
    ),
    (
        "a baby: listening not possible, with the reason",
        {
            **MELDING,
            **REACTIE,
            "kind_gehoord": False,
            "kind_gehoord_niet_reden": "te_jong",
            "kind_gehoord_niet_toelichting": "Baby van 8 maanden (fictief).",
            "reactie_maatregelen": ["ondersteuning"],
        },
        "hulp",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "the police will hear the child, with the reason",
        {
            **MELDING,
            **REACTIE,
            "kind_gehoord": False,
            "kind_gehoord_niet_reden": "politie_hoort_kind",
            "kind_gehoord_niet_toelichting": "Verhoorstudio afgesproken (fictief).",
            "reactie_maatregelen": ["ondersteuning"],
        },
        "hulp",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "not appropriate, but no reason written",
        {
            **MELDING,
            **REACTIE,
            "kind_gehoord": False,
            "kind_gehoord_niet_reden": "anders_niet_wenselijk",
            "reactie_maatregelen": ["ondersteuning"],
        },
        "hulp",
        False,
        True,
        "open",
        {"kind_gehoord"},
    ),
    # Sexual abuse or exploitation by staff, a partner or a volunteer: internal measures alone
    # never close the case.
    (
        "staff sexual abuse, suspension and internal investigation only",
        {**SEXUAL_BY_STAFF, "reactie_maatregelen": ["maatregel_pleger", "onderzoek"]},
        "extern_melden_nodig",
        None,
        None,
        "open",
        {EXTERNAL_RULE},
    ),
    (
        "staff sexual abuse, reported to the police, help for the child via victim support",
        {
            **SEXUAL_BY_STAFF,
            "reactie_maatregelen": ["maatregel_pleger", "extern_gemeld"],
            **REPORTED,
            **CHILD_HELPED,
        },
        "extern_en_hulp",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "staff sexual abuse, reported, but no decision on help for the child",
        {
            **SEXUAL_BY_STAFF,
            "reactie_maatregelen": ["maatregel_pleger", "extern_gemeld"],
            **REPORTED,
        },
        "extern",
        True,
        False,
        "open",
        {EXTERNAL_RULE},
    ),
    (
        "volunteer exploitation abroad, reported to the local authority",
        {
            **SEXUAL_BY_STAFF,
            "vermoedelijke_pleger": "vrijwilliger",
            "categorie": ["intimidatie_uitbuiting"],
            "reactie_maatregelen": ["extern_gemeld", "ondersteuning"],
            "extern_gemeld_bij": ["autoriteit_buitenland"],
            "extern_gemeld_op": "2026-11-21",
            "hulp_kind_besluit": "geregeld",
            "hulp_kind_toelichting": "Begeleiding (fictief).",
        },
        "extern_en_hulp",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "partner sexual abuse, help offered and refused, reported to Veilig Thuis",
        {
            **SEXUAL_BY_STAFF,
            "vermoedelijke_pleger": "partner",
            "reactie_maatregelen": ["extern_gemeld", "maatregel_pleger"],
            "extern_gemeld_bij": ["veilig_thuis"],
            "extern_gemeld_op": "2026-11-21",
            "hulp_kind_besluit": "aangeboden_niet_aanvaard",
            "hulp_kind_toelichting": "Ouders weigeren nu (fictief).",
        },
        "extern",
        True,
        False,
        "closed",
        set(),
    ),
    # The rule is about the organisation's own people: sexual abuse within the family, or
    # physical violence by staff, follows the ordinary rules.
    (
        "sexual abuse outside the organisation, help only",
        {
            **MELDING,
            **REACTIE,
            "categorie": ["seksueel_misbruik"],
            "reactie_maatregelen": ["ondersteuning"],
        },
        "hulp",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "physical violence by staff, measure taken internally",
        {
            **STAFF,
            "categorie": ["fysiek_geweld"],
            "reactie_maatregelen": ["maatregel_pleger"],
            "reactie_actie_pleger": "maatregel_genomen",
            **EXPLAINED,
        },
        "intern",
        False,
        False,
        "closed",
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
    assert child_rule.message.nl.startswith("er is niet vastgelegd dat naar het kind is geluisterd")


def test_category_check_message_names_every_policy_category() -> None:
    rule = next(r for r in get_flow("kindveiligheid").closure if r.id == "reactie_getoetst")
    assert "seksuele intimidatie of uitbuiting" in rule.message.nl
    assert "sexual harassment or exploitation" in rule.message.en


def test_an_investigation_carries_the_warning_that_a_crime_is_for_the_police() -> None:
    flow = get_flow("kindveiligheid")
    question = flow.question("reactie_maatregelen")
    assert question is not None and question.help is not None
    option = question.option("onderzoek")
    assert option is not None and "strafbaar feit is voor de politie" in option.label.nl
    assert (
        "ondervraag het kind of de vermoedelijke pleger niet eerst zelf" in question.help.nl.lower()
    )
    assert "politieonderzoek" in question.help.nl and "police investigation" in question.help.en


def test_help_decision_is_asked_only_for_sexual_abuse_by_the_organisations_own_people() -> None:
    flow = get_flow("kindveiligheid")
    for who, category, asked in [
        ("werknemer", "seksueel_misbruik", True),
        ("partner", "intimidatie_uitbuiting", True),
        ("vrijwilliger", "seksueel_misbruik", True),
        ("buiten_organisatie", "seksueel_misbruik", False),
        ("werknemer", "verwaarlozing", False),
    ]:
        answers = {**MELDING, "vermoedelijke_pleger": who, "categorie": [category]}
        result = evaluate(flow, answers, now=NOW)
        assert ("hulp_kind_besluit" in result.missing) is asked, (who, category)


def test_close_refuses_staff_sexual_abuse_until_the_external_report_is_recorded(
    cli: Run, tmp_path: Path
) -> None:
    internal = {**SEXUAL_BY_STAFF, "reactie_maatregelen": ["maatregel_pleger", "onderzoek"]}
    internal.update(CHILD_HELPED)
    created = cli(
        "new",
        "--flow",
        "kindveiligheid",
        "--title",
        "Casus kindveiligheid (fictief)",
        "--answers",
        str(write_answers(tmp_path, "internal", internal)),
    )
    assert created.exit_code == 0, created.output
    case = created.output.strip().splitlines()[-1]
    refused = cli("close", case)
    assert refused.exit_code == 2
    lines = [line for line in refused.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in refused.output
    assert "niet op interne maatregelen alleen" in lines[0]
    english = cli("--lang", "en", "close", case)
    assert english.exit_code == 2 and "internal measures alone" in english.output
    reported = {
        "reactie_maatregelen": ["maatregel_pleger", "onderzoek", "extern_gemeld"],
        **REPORTED,
    }
    saved = cli("answer", case, "--answers", str(write_answers(tmp_path, "reported", reported)))
    assert saved.exit_code == 0, saved.output
    closed = cli("close", case)
    assert closed.exit_code == 0, closed.output
