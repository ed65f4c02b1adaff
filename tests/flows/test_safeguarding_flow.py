"""Safeguarding protocol (seed 004): ownership within 24 hours, routes, closure criteria.

From the sources: seed 004 ("Binnen 24 uur na de melding moet een Safeguarding Lead de primaire
verantwoordelijkheid ... op zich nemen"; "Een zorg wordt pas gesloten als de situatie volledig is
opgelost, de follow-ups zijn afgerond en er geen blijvend risico is"); the Wet verplichte meldcode
(an organisation working in the Netherlands falls under it: Veilig Thuis, 0800-2000, for a child
or domestic-violence concern, review S12).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from flow_branches import BranchCase, assert_branch, branch_cases

from meldcode_tui.flow import evaluate, get_flow

INTAKE: dict[str, Any] = {
    "kanaal": "formulier",
    "gemeld_op": "2026-11-23T09:00+00:00",
    "zorg_omschrijving": "Fictieve zorg.",
    "leads_geactiveerd_op": "2026-11-23T09:05+00:00",
    "in_nederland": False,
}
OWNED: dict[str, Any] = {
    **INTAKE,
    "eigenaar": "Lead B. (fictief)",
    "eigenaar_sinds": "2026-11-23T15:00+00:00",
    "contact_betrokkenen": True,
    "onmiddellijk_risico": False,
    "risico_inschatting": "Geen direct gevaar (fictief).",
    "overleg_nodig": False,
    "verwijzende_organisatie": "niet_van_toepassing",
    "actieplan_datum": "2026-11-24",
}
RESOLVED = {
    "maatregelen_effectief": True,
    "verwijzingen_werken": True,
    "situatie_opgelost": True,
    "followups_afgerond": True,
    "geen_blijvend_risico": True,
}
INTERN = {"route": ["intern"], "intern_antwoord": "Veiligheidsplan (fictief)."}
EXTERN = {"route": ["extern"], "extern_antwoord": "Doorverwezen (fictief)."}
BEIDE = {**INTERN, **EXTERN, "route": ["intern", "extern"]}
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
DUTCH_CHILD = {"in_nederland": True, "kind_of_huiselijk_geweld": True}
VT_REPORTED = {
    "veilig_thuis": "gemeld",
    "veilig_thuis_datum": "2026-11-24",
    "veilig_thuis_toelichting": "Veilig Thuis doet een veiligheidsbeoordeling (fictief).",
}
NOT_RESOLVED = {
    "maatregelen_en_verwijzingen_werken",
    "situatie_opgelost",
    "followups_afgerond",
    "geen_blijvend_risico",
}

CASES: list[BranchCase] = [
    # (name, answers, outcome, melden, hulp, status, closure blockers)
    (
        "no owner yet",
        INTAKE,
        "verantwoordelijke_nodig",
        None,
        None,
        "open",
        {"verantwoordelijke_bekend", *NOT_RESOLVED},
    ),
    (
        "owner, no route",
        {**OWNED, "route": []},
        "actieplan_nodig",
        None,
        None,
        "open",
        NOT_RESOLVED,
    ),
    (
        "internal, following up",
        {**OWNED, **INTERN},
        "opvolgen_intern",
        False,
        True,
        "open",
        NOT_RESOLVED,
    ),
    (
        "external, following up",
        {**OWNED, **EXTERN},
        "opvolgen_extern",
        True,
        False,
        "open",
        NOT_RESOLVED,
    ),
    (
        "both, still a risk",
        {**OWNED, **BEIDE, **RESOLVED, "geen_blijvend_risico": False},
        "opvolgen_intern_extern",
        True,
        True,
        "monitoring",
        {"geen_blijvend_risico"},
    ),
    (
        "internal, resolved",
        {**OWNED, **INTERN, **RESOLVED},
        "afsluiten_intern",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "external, resolved",
        {**OWNED, **EXTERN, **RESOLVED},
        "afsluiten_extern",
        True,
        False,
        "closed",
        set(),
    ),
    (
        "both, resolved",
        {**OWNED, **BEIDE, **RESOLVED},
        "afsluiten_intern_extern",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "follow-ups open",
        {**OWNED, **INTERN, **RESOLVED, "followups_afgerond": False},
        "opvolgen_intern",
        False,
        True,
        "monitoring",
        {"followups_afgerond"},
    ),
    # A "no" on the measures or the referrals has an effect: adjust the plan, no closing.
    (
        "internal, measures not effective",
        {**OWNED, **INTERN, **RESOLVED, "maatregelen_effectief": False},
        "actieplan_bijstellen",
        None,
        None,
        "open",
        {"maatregelen_en_verwijzingen_werken"},
    ),
    (
        "external, referral does not work",
        {**OWNED, **EXTERN, **RESOLVED, "verwijzingen_werken": False},
        "actieplan_bijstellen",
        None,
        None,
        "open",
        {"maatregelen_en_verwijzingen_werken"},
    ),
    (
        "both, neither works yet",
        {
            **OWNED,
            **BEIDE,
            "maatregelen_effectief": False,
            "verwijzingen_werken": False,
        },
        "actieplan_bijstellen",
        None,
        None,
        "open",
        NOT_RESOLVED,
    ),
    # The Wet verplichte meldcode: in the Netherlands a child or domestic-violence concern brings
    # Veilig Thuis into the external response.
    (
        "Netherlands, child concern, reported to Veilig Thuis, resolved",
        {**OWNED, **DUTCH_CHILD, **EXTERN, **VT_REPORTED, **RESOLVED},
        "afsluiten_extern",
        True,
        False,
        "closed",
        set(),
    ),
    (
        "Netherlands, reported to Veilig Thuis but only an internal route recorded",
        {**OWNED, **DUTCH_CHILD, **INTERN, **VT_REPORTED, **RESOLVED},
        "afsluiten_intern",
        False,
        True,
        "open",
        {"veilig_thuis_extern"},
    ),
    (
        "Netherlands, advice from Veilig Thuis, internal safety plan",
        {
            **OWNED,
            **DUTCH_CHILD,
            **INTERN,
            **VT_REPORTED,
            "veilig_thuis": "advies",
            **RESOLVED,
        },
        "afsluiten_intern",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "Netherlands, concern not about a child or domestic violence",
        {**OWNED, "in_nederland": True, "kind_of_huiselijk_geweld": False, **INTERN, **RESOLVED},
        "afsluiten_intern",
        False,
        True,
        "closed",
        set(),
    ),
]


@branch_cases(CASES)
def test_branches_and_outcomes(case: BranchCase) -> None:
    assert_branch("safeguarding", case, NOW)


def test_urgent_measures_are_asked_only_with_immediate_risk() -> None:
    flow = get_flow("safeguarding")
    calm = evaluate(flow, OWNED, now=NOW)
    risky = evaluate(flow, {**OWNED, "onmiddellijk_risico": True}, now=NOW)
    assert "dringende_maatregelen" not in calm.missing
    assert "dringende_maatregelen" in risky.missing


@pytest.mark.parametrize(
    ("answers", "now", "overdue", "escalation_open"),
    [
        (INTAKE, datetime(2026, 11, 24, 8, 59, tzinfo=UTC), False, False),
        (INTAKE, datetime(2026, 11, 24, 9, 1, tzinfo=UTC), True, True),
        (
            {**INTAKE, "support_leads_ingelicht_op": "2026-11-24T09:30+00:00"},
            datetime(2026, 11, 24, 10, 0, tzinfo=UTC),
            True,
            False,
        ),
    ],
)
def test_ownership_limit_and_support_leads(
    answers: dict[str, Any], now: datetime, overdue: bool, escalation_open: bool
) -> None:
    result = evaluate(get_flow("safeguarding"), answers, now=now)
    limit = next(d for d in result.deadlines if d.rule.id == "verantwoordelijke_binnen_24_uur")
    assert limit.due == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert limit.overdue is overdue
    assert ("support_leads_ingelicht_op" in result.missing) is escalation_open


def test_ownership_taken_late_still_requires_the_support_leads_record() -> None:
    late_owner = {**OWNED, "eigenaar_sinds": "2026-11-24T11:00+00:00", **INTERN}
    result = evaluate(get_flow("safeguarding"), late_owner, now=datetime(2026, 12, 1, tzinfo=UTC))
    assert not any(d.rule.id == "verantwoordelijke_binnen_24_uur" for d in result.deadlines)
    assert "support_leads_ingelicht_op" in result.missing


def test_follow_up_date_is_the_next_deadline_until_follow_ups_are_done() -> None:
    flow = get_flow("safeguarding")
    planned = {**OWNED, **INTERN, "volgende_followup": "2026-12-07"}
    assert evaluate(flow, planned, now=NOW).next_deadline == datetime(
        2026, 12, 7, 23, 59, 59, tzinfo=UTC
    )
    done = {**planned, **RESOLVED}
    assert evaluate(flow, done, now=NOW).next_deadline is None


def test_adjusting_the_plan_says_so_and_names_the_closure_blocker_in_both_languages() -> None:
    flow = get_flow("safeguarding")
    result = evaluate(flow, {**OWNED, **INTERN, **RESOLVED, "verwijzingen_werken": False}, now=NOW)
    assert result.outcome is not None
    assert result.outcome.title.nl == "Stel het actieplan bij en plan een nieuwe follow-up"
    assert result.outcome.title.en == "Adjust the action plan and plan a new follow-up"
    assert not result.can_close
    (rule,) = result.closure_blockers
    assert "stel het actieplan bij" in rule.message.nl
    assert "adjust the action plan" in rule.message.en
    # Once both are yes again, the ordinary closing outcome applies.
    fixed = evaluate(flow, {**OWNED, **INTERN, **RESOLVED}, now=NOW)
    assert fixed.outcome is not None and fixed.outcome.id == "afsluiten_intern"
    assert fixed.can_close


def test_veilig_thuis_is_asked_for_a_dutch_child_or_domestic_violence_concern() -> None:
    flow = get_flow("safeguarding")
    for answers, asked in [
        ({**OWNED, **INTERN}, False),
        ({**OWNED, **INTERN, "in_nederland": True, "kind_of_huiselijk_geweld": False}, False),
        ({**OWNED, **INTERN, **DUTCH_CHILD}, True),
    ]:
        result = evaluate(flow, answers, now=NOW)
        assert ("veilig_thuis" in result.missing) is asked, answers
        assert not result.can_close
    question = flow.question("veilig_thuis")
    assert question is not None and "0800-2000" in question.text.nl


def test_dutch_roles_are_dutch_and_name_the_organisations_title_once() -> None:
    roles = get_flow("safeguarding").roles
    for role in ("verantwoordelijke_lead", "support_leads", "mhpss_team"):
        assert not roles[role].nl.startswith(("Safeguarding", "de verantwoordelijke Safeguarding"))
    assert "'Safeguarding Leads'" in roles["safeguarding_leads"].nl
    assert roles["safeguarding_leads"].nl.startswith("veiligheidsverantwoordelijken")
    titled = [r.nl for r in roles.values() if "Safeguarding Leads" in r.nl]
    assert len(titled) == 1
