"""Flemish API (seed 000, Grenswijs, ICES, Sensoa, Sportieq, art. 422bis Sw.), rule by rule.

Each expected value below comes from a sentence of a source, quoted beside the cases it decides:
- seed 000: "Als de API een melding krijgt die volgens hem of haar bedreigend is, zal die de politie
  of een andere instantie contacteren. Dat gebeurt wel altijd na overleg met de melder."
- art. 422bis Sw.: a duty to help a person in grave danger: in acute danger 112 comes first.
- issue 11: not contacting anyone needs a reason with the advice of 1712 or a VK.
- ICES: "Bij vermoedens of aanwijzingen van ernstig grensoverschrijdend gedrag (rood of zwart) is
  het niet de taak van de Club-API om zelf hulp te verlenen of op onderzoek uit te gaan".
- Grenswijs: the API "maakt een correcte registratie en een schriftelijk verslag van vragen en
  incidenten en van de wijze waarop deze zijn opgevolgd".
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flow_branches import BranchCase, assert_branch, branch_cases
from flow_cli import Run, write_answers

from meldcode_tui.flow import AnswerError, evaluate, get_flow, normalise_answer

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
CONTACT: dict[str, Any] = {
    "melding_datum": "2026-11-20",
    "melder_is": "getuige",
    "soort_gedrag": ["psychisch"],
    "verhaal": "Fictief verhaal van een fictieve melder.",
    "grenzen_uitgelegd": True,
    "hulplijn_1712": True,
    "inschatting": "Fictieve inschatting.",
    "vlag": "geel",
    "aanpak_samen": True,
}
CALM = {**CONTACT, "bedreigend": False}
THREAT = {**CONTACT, "bedreigend": True, "acuut_gevaar": False, "overleg_melder_politie": True}
ACUTE = {**CONTACT, "bedreigend": True, "acuut_gevaar": True, "overleg_melder_politie": False}
POLICE = {"instantie_gecontacteerd": "politie", "instantie_op": "2026-11-21T10:00"}
NO_ONE_WITH_REASON = {
    "instantie_gecontacteerd": "niet_met_reden",
    "geen_instantie_reden": "De melder is meerderjarig en wil geen politie (fictief).",
    "geen_instantie_advies_van": "hulplijn_1712",
    "geen_instantie_advies_datum": "2026-11-21",
    "geen_instantie_advies": "Volg op met de melder (fictief).",
}
DONE = {
    "afgehandeld": True,
    "nazorg": "Samen bekeken (fictief).",
    "registratie_verslag": "Melding 20-11, doorverwezen op 21-11 (fictief).",
}
SERIOUS = {**CALM, "vlag": "rood", "niet_zelf_onderzocht": True}
SEXUAL = {**CALM, "soort_gedrag": ["seksueel"], "niet_zelf_onderzocht": True}
NOT_DONE = {"alles_afgehandeld"}

CASES: list[BranchCase] = [
    # (name, answers, outcome, melden, hulp, status, closure blockers)
    # Seed: contact with the police always follows consultation with the reporter.
    (
        "threat, no acute danger, reporter not consulted",
        {**CONTACT, "bedreigend": True, "acuut_gevaar": False, "overleg_melder_politie": False},
        "eerst_overleg_melder",
        None,
        None,
        "open",
        {*NOT_DONE, "bedreigend_opgevolgd"},
    ),
    # Seed: a threatening report means the API contacts the police or another authority.
    (
        "threat, no one contacted, everything else dealt with",
        {**THREAT, "instantie_gecontacteerd": "nog_niet", "doorverwijzing": ["geen"], **DONE},
        "instantie_contacteren",
        None,
        None,
        "open",
        {"bedreigend_opgevolgd"},
    ),
    (
        "threat, police contacted and care services",
        {**THREAT, **POLICE, "doorverwijzing": ["hulpverlening"], **DONE},
        "afgehandeld_instantie_en_hulp",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "threat, other authority contacted",
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
    # Issue 11: no one contacted is possible only with a reason and 1712/VK advice.
    (
        "threat, no one contacted for a reason after 1712 advice",
        {**THREAT, **NO_ONE_WITH_REASON, "doorverwijzing": ["geen"], **DONE},
        "afgehandeld",
        False,
        False,
        "closed",
        set(),
    ),
    (
        "threat, no one contacted, reason but no advice date",
        {
            **THREAT,
            **{k: v for k, v in NO_ONE_WITH_REASON.items() if k != "geen_instantie_advies_datum"},
            "doorverwijzing": ["geen"],
            **DONE,
        },
        "afgehandeld",
        False,
        False,
        "open",
        {"bedreigend_opgevolgd"},
    ),
    # Art. 422bis Sw.: acute danger, 112 first, the reporter consulted afterwards.
    (
        "acute danger, 112 first, reporter not yet consulted afterwards",
        {**ACUTE, **POLICE, "doorverwijzing": ["geen"], **DONE},
        "melder_nadien_overleggen",
        None,
        None,
        "open",
        {"melder_nadien_geraadpleegd"},
    ),
    (
        "acute danger, 112 first, reporter consulted afterwards",
        {**ACUTE, **POLICE, "melder_nadien_op": "2026-11-21", "doorverwijzing": ["geen"], **DONE},
        "afgehandeld_instantie",
        True,
        False,
        "closed",
        set(),
    ),
    (
        "acute danger, reporter consulted beforehand",
        {**ACUTE, "overleg_melder_politie": True, **POLICE, "doorverwijzing": ["geen"], **DONE},
        "afgehandeld_instantie",
        True,
        False,
        "closed",
        set(),
    ),
    (
        "acute danger, no one contacted yet",
        {**ACUTE, "instantie_gecontacteerd": "nog_niet"},
        "instantie_contacteren",
        None,
        None,
        "open",
        {*NOT_DONE, "bedreigend_opgevolgd", "melder_nadien_geraadpleegd"},
    ),
    # ICES: red or black is referred, not handled by the API itself.
    (
        "red flag, no referral",
        {**SERIOUS, "doorverwijzing": ["geen"], **DONE},
        "ernstig_doorverwijzen",
        None,
        None,
        "open",
        {"ernstig_doorverwezen"},
    ),
    (
        "red flag, referred to a Vertrouwenscentrum Kindermishandeling",
        {**SERIOUS, "doorverwijzing": ["vertrouwenscentrum_kindermishandeling"], **DONE},
        "afgehandeld_hulp",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "black flag, referred to 1712",
        {**SERIOUS, "vlag": "zwart", "doorverwijzing": ["hulplijn_1712"], **DONE},
        "afgehandeld",
        False,
        False,
        "closed",
        set(),
    ),
    (
        "black flag, referred only to another organisation",
        {**SERIOUS, "vlag": "zwart", "doorverwijzing": ["andere_organisatie"], **DONE},
        "ernstig_doorverwijzen",
        None,
        None,
        "open",
        {"ernstig_doorverwezen"},
    ),
    # Sportieq: serious sexual violence goes to a Zorgcentrum na Seksueel Geweld.
    (
        "sexual behaviour, yellow flag, referred to a ZSG",
        {**SEXUAL, "doorverwijzing": ["zorgcentrum_seksueel_geweld"], **DONE},
        "afgehandeld_hulp",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "sexual behaviour, referred to the police",
        {**SEXUAL, "doorverwijzing": ["politie"], **DONE},
        "afgehandeld",
        False,
        False,
        "closed",
        set(),
    ),
    (
        "sexual behaviour, referred only to the federation's API",
        {**SEXUAL, "doorverwijzing": ["federatie_api"], **DONE},
        "ernstig_doorverwijzen",
        None,
        None,
        "open",
        {"ernstig_doorverwezen"},
    ),
    (
        "yellow flag, not sexual, no referral needed",
        {**CALM, "doorverwijzing": ["geen"], **DONE},
        "afgehandeld",
        False,
        False,
        "closed",
        set(),
    ),
    (
        "green flag, adult referred to the CAW",
        {**CALM, "vlag": "groen", "doorverwijzing": ["caw"], **DONE},
        "afgehandeld_hulp",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "young person referred to Awel",
        {**CALM, "doorverwijzing": ["awel"], **DONE},
        "afgehandeld_hulp",
        False,
        True,
        "closed",
        set(),
    ),
    # Seed: "volgt de situatie met de melder op tot alles afgehandeld is".
    (
        "following up",
        {**CALM, "doorverwijzing": ["geen"], "afgehandeld": False},
        "opvolging_loopt",
        None,
        None,
        "open",
        NOT_DONE,
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


@pytest.mark.parametrize(
    ("answers", "asked"),
    [
        ({**CALM, "vlag": "groen"}, False),
        ({**CALM, "vlag": "geel"}, False),
        ({**CALM, "vlag": "rood"}, True),
        ({**CALM, "vlag": "zwart"}, True),
        ({**CALM, "vlag": "groen", "soort_gedrag": ["lichamelijk", "seksueel"]}, True),
    ],
)
def test_the_caution_not_to_investigate_comes_with_red_black_or_sexual_behaviour(
    answers: dict[str, Any], asked: bool
) -> None:
    flow = get_flow("api-integriteit")
    result = evaluate(flow, {k: v for k, v in answers.items() if k != "niet_zelf_onderzocht"})
    assert ("niet_zelf_onderzocht" in result.missing) is asked
    question = flow.question("niet_zelf_onderzocht")
    assert question is not None and question.help is not None
    assert "waarheidsvinding" in question.help.nl and "confronteer" in question.text.nl.lower()


def test_every_flag_has_its_meaning_from_the_vlaggensysteem() -> None:
    question = get_flow("api-integriteit").question("vlag")
    assert question is not None
    labels = {o.id: o.label.nl for o in question.options}
    assert labels == {
        "groen": "Groen: aanvaardbaar gedrag",
        "geel": "Geel: licht grensoverschrijdend gedrag",
        "rood": "Rood: ernstig grensoverschrijdend gedrag",
        "zwart": "Zwart: zwaar grensoverschrijdend gedrag",
    }


@pytest.mark.parametrize(
    ("entry", "ok"),
    [
        ({"kan_helpen": True, "in_overleg_met_melder": True}, True),
        ({"kan_helpen": False, "in_overleg_met_melder": True}, False),
        ({"kan_helpen": True, "in_overleg_met_melder": False}, False),
        ({"kan_helpen": False, "in_overleg_met_melder": True, "toelichting": "112."}, True),
    ],
)
def test_a_contact_that_cannot_help_or_was_not_agreed_needs_an_explanation(
    entry: dict[str, Any], ok: bool
) -> None:
    flow = get_flow("api-integriteit")
    full = {"met_wie": "Politie (fictief)", "wanneer": "2026-11-21", "wat": "Melding.", **entry}
    if ok:
        assert normalise_answer(flow, "contacten", [full])[0]["met_wie"] == "Politie (fictief)"
    else:
        with pytest.raises(AnswerError, match="toelichting"):
            normalise_answer(flow, "contacten", [full])


def test_registration_and_written_report_are_a_task_once_dealt_with() -> None:
    flow = get_flow("api-integriteit")
    open_case = evaluate(flow, {**CALM, "doorverwijzing": ["geen"], "afgehandeld": False}, now=NOW)
    assert "registratie" not in open_case.path
    without_report = {**CALM, "doorverwijzing": ["geen"], "afgehandeld": True, "nazorg": "Samen."}
    done = evaluate(flow, without_report, now=NOW)
    assert done.path[-1] == "registratie"
    assert done.missing == ["registratie_verslag"] and not done.can_close
    step = flow.step("registratie")
    assert step is not None and "schriftelijk verslag" in step.guidance.nl
    assert "grenswijs" in step.sources
    for qid in ("federatie_samenvatting", "samenvatting_anoniem", "federatie_verstuurd"):
        question = flow.question(qid)
        assert question is not None and question.required is False, qid


def test_referrals_include_the_flemish_services() -> None:
    flow = get_flow("api-integriteit")
    question = flow.question("doorverwijzing")
    assert question is not None
    options = {o.id for o in question.options}
    assert {
        "hulplijn_1712",
        "vertrouwenscentrum_kindermishandeling",
        "zorgcentrum_seksueel_geweld",
        "caw",
        "awel",
        "federatie_api",
    } <= options
    first = flow.steps[0]
    assert "geen beroepsgeheim" in first.guidance.nl
    threat = flow.step("inschatten")
    assert threat is not None and "na overleg met de melder" in threat.guidance.nl
    assert "eerst 112" in threat.guidance.nl


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


def test_close_refuses_a_threatening_report_until_an_authority_is_contacted(
    cli: Run, tmp_path: Path
) -> None:
    answers = {**THREAT, "instantie_gecontacteerd": "nog_niet", "doorverwijzing": ["geen"], **DONE}
    created = cli(
        "new",
        "--flow",
        "api-integriteit",
        "--title",
        "Casus API (fictief)",
        "--answers",
        str(write_answers(tmp_path, "threat", answers)),
    )
    assert created.exit_code == 0, created.output
    case = created.output.strip().splitlines()[-1]
    refused = cli("close", case)
    assert refused.exit_code == 2
    lines = [line for line in refused.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in refused.output
    assert "bedreigend" in lines[0] and "1712" in lines[0]
    contacted = {"instantie_gecontacteerd": "politie", "instantie_op": "2026-11-22T10:00"}
    saved = cli("answer", case, "--answers", str(write_answers(tmp_path, "police", contacted)))
    assert saved.exit_code == 0, saved.output
    closed = cli("close", case)
    assert closed.exit_code == 0, closed.output
