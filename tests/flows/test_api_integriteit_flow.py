"""Flemish API (seed 000): threats go to the police only after consulting the reporter."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flow_branches import BranchCase, assert_branch, branch_cases

from meldcode_tui.flow import evaluate, get_flow

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
CONTACT: dict[str, Any] = {
    "melding_datum": "2026-11-20",
    "melder_is": "getuige",
    "soort_gedrag": ["psychisch"],
    "verhaal": "Fictief verhaal van een fictieve melder.",
    "grenzen_uitgelegd": True,
    "hulplijn_1712": True,
    "inschatting": "Fictieve inschatting.",
    "aanpak_samen": True,
}
CALM = {**CONTACT, "bedreigend": False}
THREAT = {**CONTACT, "bedreigend": True, "overleg_melder_politie": True}
DONE = {
    "afgehandeld": True,
    "nazorg": "Samen bekeken (fictief).",
    "federatie_samenvatting": "Psychisch grensoverschrijdend gedrag; doorverwezen.",
    "samenvatting_anoniem": True,
}

CASES: list[BranchCase] = [
    # (name, answers, outcome, melden, hulp, status, closure blockers)
    (
        "threat, reporter not consulted",
        {**CONTACT, "bedreigend": True, "overleg_melder_politie": False},
        "eerst_overleg_melder",
        None,
        None,
        "open",
        {"alles_afgehandeld"},
    ),
    (
        "threat, no one contacted yet",
        {**THREAT, "instantie_gecontacteerd": "nog_niet"},
        "instantie_contacteren",
        None,
        None,
        "open",
        {"alles_afgehandeld"},
    ),
    (
        "following up",
        {**CALM, "doorverwijzing": ["geen"], "afgehandeld": False},
        "opvolging_loopt",
        None,
        None,
        "open",
        {"alles_afgehandeld"},
    ),
    (
        "police and care services",
        {
            **THREAT,
            "instantie_gecontacteerd": "politie",
            "instantie_op": "2026-11-21T10:00",
            "doorverwijzing": ["hulpverlening"],
            **DONE,
        },
        "afgehandeld_instantie_en_hulp",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "other authority",
        {
            **THREAT,
            "instantie_gecontacteerd": "andere_instantie",
            "instantie_op": "2026-11-21T10:00",
            "doorverwijzing": ["andere_organisatie"],
            **DONE,
        },
        "afgehandeld_instantie",
        True,
        False,
        "closed",
        set(),
    ),
    (
        "care services",
        {**CALM, "doorverwijzing": ["hulpverlening", "hulplijn_1712"], **DONE},
        "afgehandeld_hulp",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "no referral",
        {**CALM, "doorverwijzing": ["geen"], **DONE},
        "afgehandeld",
        False,
        False,
        "closed",
        set(),
    ),
    # The seed asks for no federation summary: it is optional and never blocks closing.
    (
        "no summary asked for",
        {**CALM, "doorverwijzing": ["geen"], "afgehandeld": True, "nazorg": "Samen (fictief)."},
        "afgehandeld",
        False,
        False,
        "closed",
        set(),
    ),
    (
        "referred to a Vertrouwenscentrum Kindermishandeling",
        {**CALM, "doorverwijzing": ["vertrouwenscentrum_kindermishandeling"], **DONE},
        "afgehandeld",
        False,
        False,
        "closed",
        set(),
    ),
    (
        "limits not explained",
        {**CALM, "grenzen_uitgelegd": False, "doorverwijzing": ["geen"], **DONE},
        "afgehandeld",
        False,
        False,
        "open",
        {"grenzen_uitgelegd"},
    ),
]


@branch_cases(CASES)
def test_branches_and_outcomes(case: BranchCase) -> None:
    assert_branch("api-integriteit", case, NOW)


def test_registration_is_offered_once_dealt_with_and_stays_optional() -> None:
    flow = get_flow("api-integriteit")
    open_case = evaluate(flow, {**CALM, "doorverwijzing": ["geen"], "afgehandeld": False}, now=NOW)
    assert "registratie" not in open_case.path
    done_answers = {**CALM, "doorverwijzing": ["geen"], "afgehandeld": True, "nazorg": "Samen."}
    done = evaluate(flow, done_answers, now=NOW)
    assert done.path[-1] == "registratie"
    assert not {"federatie_samenvatting", "samenvatting_anoniem"} & set(done.missing)
    assert done.can_close
    assert "samenvatting_anoniem" not in {r.id for r in flow.closure}
    step = flow.step("registratie")
    assert step is not None and "als je organisatie of federatie" in step.guidance.nl.lower()
    for qid in ("federatie_samenvatting", "samenvatting_anoniem", "federatie_verstuurd"):
        question = flow.question(qid)
        assert question is not None and question.required is False, qid


def test_boundaries_and_1712_are_in_the_flow() -> None:
    flow = get_flow("api-integriteit")
    first = flow.steps[0]
    assert "geen beroepsgeheim" in first.guidance.nl
    assert (
        "geen hulpverlening" in first.guidance.nl and "publieke bekendmaking" in first.guidance.nl
    )
    assert {q.id for q in first.questions} >= {"grenzen_uitgelegd", "hulplijn_1712"}
    referral = flow.step("coordinatie")
    assert referral is not None
    assert "De API heeft vooral een adviserende rol." in referral.guidance.nl
    referred_to = flow.question("doorverwijzing")
    assert referred_to is not None
    options = {o.id for o in referred_to.options}
    assert {"hulplijn_1712", "vertrouwenscentrum_kindermishandeling"} <= options
    threat = flow.step("inschatten")
    assert threat is not None and "na overleg met de melder" in threat.guidance.nl


def test_follow_up_date_is_a_deadline_until_dealt_with() -> None:
    flow = get_flow("api-integriteit")
    answers = {
        **CALM,
        "doorverwijzing": ["geen"],
        "afgehandeld": False,
        "opvolgdatum": "2026-11-30",
    }
    assert [d.rule.id for d in evaluate(flow, answers, now=NOW).deadlines] == ["opvolging"]
    assert evaluate(flow, {**answers, **DONE}, now=NOW).deadlines == ()
