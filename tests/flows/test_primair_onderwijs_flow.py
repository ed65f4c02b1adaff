"""Primary school meldcode: written from the sources, not from the flow file.

- Afwegingskader meldcode onderwijs en leerplicht: spilfiguren, "intern begeleider in het primair
  onderwijs"; in step 3 the partner of a primary school is the parents.
- NJi's afwegingskader for the five questions (as in the childcare flow) and issue 10's rules: a
  disclosure informs; no closing in monitoring before question 5; after a report not before
  Veilig Thuis's feedback and the school's own role are recorded.
- Wet op het primair onderwijs art. 4a: lid 3 a staff member informs the bevoegd gezag
  "onverwijld" about any "ten behoeve van zijn school met taken belast persoon"; lid 1 the
  bevoegd gezag "treedt ... onverwijld in overleg met de vertrouwensinspecteur"; lid 2 on a
  "redelijk vermoeden" it "doet ... onverwijld aangifte", informs the inspector, and "Voordat het
  bevoegd gezag overgaat tot het doen van aangifte, stelt het de ouders van de betrokken
  leerling, onderscheidenlijk de betreffende ... persoon, hiervan op de hoogte."
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flow_branches import BranchCase, assert_branch, branch_cases
from flow_cli import Run, write_answers

from meldcode_tui.flow import evaluate, get_flow

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

HOME: dict[str, Any] = {
    "vermoeden_betreft": "thuissituatie",
    "signalen": ["gedrag"],
    "signalen_feiten": "Leerling uit groep 5 schrikt bij aanraking (fictief).",
    "onthulling": False,
    "tegensignalen": False,
    "consultatie_rollen": ["intern_begeleider"],
    "consultatie_met": "IB'er I. (fictief)",
    "consultatie_datum": "2026-11-10",
    "consultatie_uitkomst": "Gesprek met ouders (fictief).",
    "advies_veilig_thuis": False,
    "gesprek_afzien": False,
    "gesprek_datum": "2026-11-12",
    "gesprek_met": "ouders",
    "gesprek_verslag": "Ouders herkennen het (fictief).",
    "weging": "Zorgelijk (fictief).",
    "twijfel": False,
    "besluit_door": "IB'er I. (fictief)",
    "motivatie_melden": "Fictief.",
    "motivatie_hulp": "Fictief.",
}
DISCLOSURE = {
    "onthulling": True,
    "onthulling_woorden": "'Mama slaat' (fictief).",
    "onthulling_vt_datum": "2026-11-10",
    "onthulling_vt_advies": "Met ouders in gesprek (fictief).",
}
UNSAFE = {**HOME, "afweging1_vermoeden": True, "afweging2_onveiligheid": True}
SAFE = {**HOME, "afweging1_vermoeden": True, "afweging2_onveiligheid": False}
HELP = {"afweging3_hulp_mogelijk": True, "afweging4_hulp_aanvaard": True}
TERM = {"gewenste_termijn": "2026-12-20"}
REPORTED = {"melding_datum": "2026-11-20"}
FEEDBACK = {"vt_terugkoppeling": "Onderzoek (fictief).", "eigen_rol": "Signalen doorgeven."}

STAFF: dict[str, Any] = {
    "vermoeden_betreft": "medewerker",
    "signalen_feiten": "Fictief.",
    "onthulling": False,
    "mr_verdachte": "vrijwilliger",
    "mr_zedendelict": True,
    "mr_bescherming_leerling": "Overblijfkracht niet meer ingezet (fictief).",
}
BOARD_INFORMED = {"mr_bevoegd_gezag_geinformeerd": True, "mr_bevoegd_gezag_op": "2026-11-20T09:00"}
CONSULTED = {"mr_vertrouwensinspecteur_datum": "2026-11-20", "mr_vi_advies": "Aangifte (fictief)."}
FILED = {
    "mr_ouders_geinformeerd_op": "2026-11-21",
    "mr_persoon_geinformeerd_op": "2026-11-21",
    "mr_aangifte_datum": "2026-11-22",
    "mr_vi_in_kennis_op": "2026-11-22",
}
SUPPORT = {"mr_nazorg": "Gesprek met klas en team (fictief)."}
PUPILS: dict[str, Any] = {
    "vermoeden_betreft": "leerlingen_onderling",
    "signalen_feiten": "Fictief.",
    "onthulling": False,
    "lo_gemeld_op": "2026-11-20T12:00",
    "lo_maatregelen": "Toezicht op het schoolplein (fictief).",
    "lo_nazorg": "Gesprekjes (fictief).",
}
ADVICE = {"lo_advies": "veilig_thuis", "lo_advies_datum": "2026-11-21", "lo_advies_inhoud": "F."}

CASES: list[BranchCase] = [
    # (name, answers, outcome, melden, hulp, status, closure blockers)
    (
        "no suspicion",
        {**HOME, "afweging1_vermoeden": False},
        "geen_vermoeden",
        False,
        False,
        "closed",
        set(),
    ),
    (
        "disclosure, question 2 no, without a motivation",
        {**SAFE, **DISCLOSURE, **HELP, **TERM},
        "hulp_en_volgen",
        False,
        True,
        "open",
        {"resultaat_beoordeeld"},
    ),
    (
        "unsafe, help decision open",
        UNSAFE,
        "melden_hulp_nog_open",
        True,
        None,
        "open",
        {"melding_vastgelegd"},
    ),
    (
        "unsafe, help under way, result not judged",
        {**UNSAFE, **HELP, **TERM, **REPORTED, **FEEDBACK},
        "melden_en_hulp",
        True,
        True,
        "monitoring",
        {"resultaat_beoordeeld"},
    ),
    (
        "unsafe, help works, no feedback from Veilig Thuis",
        {**UNSAFE, **HELP, **TERM, "afweging5_hulp_effectief": True, **REPORTED},
        "melden_hulp_afgerond",
        True,
        True,
        "open",
        {"terugkoppeling_en_eigen_rol"},
    ),
    (
        "unsafe, help works, feedback and role recorded",
        {**UNSAFE, **HELP, **TERM, "afweging5_hulp_effectief": True, **REPORTED, **FEEDBACK},
        "melden_hulp_afgerond",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "unsafe, help fails, no new report",
        {**UNSAFE, **HELP, **TERM, "afweging5_hulp_effectief": False, **REPORTED, **FEEDBACK},
        "opnieuw_melden",
        True,
        True,
        "open",
        {"nieuwe_melding"},
    ),
    (
        "help refused, not reported yet",
        {**SAFE, "afweging3_hulp_mogelijk": True, "afweging4_hulp_aanvaard": False},
        "melden_geen_hulp",
        True,
        False,
        "open",
        {"melding_vastgelegd"},
    ),
    (
        "no help possible, reported with feedback",
        {**SAFE, "afweging3_hulp_mogelijk": False, **REPORTED, **FEEDBACK},
        "melden_geen_hulp",
        True,
        False,
        "closed",
        set(),
    ),
    (
        "help works without a report",
        {**SAFE, **HELP, **TERM, "afweging5_hulp_effectief": True},
        "hulp_afsluiten",
        False,
        True,
        "closed",
        set(),
    ),
    # --- Staff route (WPO art. 4a)
    (
        "volunteer suspected, board not informed",
        {**STAFF, "mr_bevoegd_gezag_geinformeerd": False},
        "medewerker_bevoegd_gezag_informeren",
        None,
        None,
        "open",
        {"bevoegd_gezag_geinformeerd", "vertrouwensinspecteur_geraadpleegd"},
    ),
    (
        "board informed, inspector not consulted",
        {**STAFF, **BOARD_INFORMED},
        "medewerker_vertrouwensinspecteur",
        None,
        None,
        "open",
        {"vertrouwensinspecteur_geraadpleegd"},
    ),
    (
        "reasonable suspicion, nothing filed yet",
        {**STAFF, **BOARD_INFORMED, **CONSULTED, "mr_redelijk_vermoeden": True},
        "medewerker_aangifte_doen",
        True,
        True,
        "open",
        {"aangifte_en_vooraf_informeren"},
    ),
    (
        "police report filed but the person concerned was not told beforehand",
        {
            **STAFF,
            **BOARD_INFORMED,
            **CONSULTED,
            "mr_redelijk_vermoeden": True,
            **{k: v for k, v in FILED.items() if k != "mr_persoon_geinformeerd_op"},
            **SUPPORT,
        },
        "medewerker_aangifte",
        True,
        True,
        "open",
        {"aangifte_en_vooraf_informeren"},
    ),
    (
        "reasonable suspicion, everything recorded",
        {**STAFF, **BOARD_INFORMED, **CONSULTED, "mr_redelijk_vermoeden": True, **FILED, **SUPPORT},
        "medewerker_aangifte",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "no reasonable suspicion",
        {**STAFF, **BOARD_INFORMED, **CONSULTED, "mr_redelijk_vermoeden": False, **SUPPORT},
        "medewerker_geen_aangifte",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "not a sexual offence, board informed",
        {**STAFF, "mr_zedendelict": False, **BOARD_INFORMED},
        "medewerker_bevoegd_gezag",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "head teacher suspected: the board is informed",
        {**STAFF, "mr_verdachte": "directeur", "mr_bevoegd_gezag_geinformeerd": False},
        "medewerker_bevoegd_gezag_informeren",
        None,
        None,
        "open",
        {"bevoegd_gezag_geinformeerd", "vertrouwensinspecteur_geraadpleegd"},
    ),
    (
        "board member suspected, inspector called directly",
        {
            **STAFF,
            "mr_verdachte": "bestuurder",
            "mr_vi_direct_datum": "2026-11-20",
            **CONSULTED,
            "mr_redelijk_vermoeden": False,
            **SUPPORT,
        },
        "medewerker_geen_aangifte",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "board member suspected, inspector not yet called",
        {**STAFF, "mr_verdachte": "bestuurder"},
        "medewerker_vertrouwensinspecteur",
        None,
        None,
        "open",
        {"bevoegd_gezag_geinformeerd", "vertrouwensinspecteur_geraadpleegd"},
    ),
    # --- Pupils among themselves
    (
        "pupils: yellow, parents not needed",
        {**PUPILS, "lo_vlag": "geel", "lo_ouders": "niet_nodig"},
        "leerlingen_licht",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "pupils: red, parents informed",
        {**PUPILS, "lo_vlag": "rood", **ADVICE, "lo_ouders": "ja"},
        "leerlingen_ernstig",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "pupils: black, parents not needed",
        {**PUPILS, "lo_vlag": "zwart", **ADVICE, "lo_ouders": "niet_nodig"},
        "leerlingen_ernstig",
        True,
        True,
        "open",
        {"ouders_leerlingen_geinformeerd"},
    ),
]


@branch_cases(CASES)
def test_branches_and_closing_rules(case: BranchCase) -> None:
    assert_branch("primair-onderwijs", case, NOW)


def test_the_intern_begeleider_is_the_pivot_and_the_parents_the_partner() -> None:
    flow = get_flow("primair-onderwijs")
    assert "intern_begeleider" in flow.roles and "ot_medewerker" not in flow.roles
    for step_id in ("signalen", "consultatie", "gesprek", "wegen", "beslissen"):
        step = flow.step(step_id)
        assert step is not None and "intern_begeleider" in step.roles, step_id
    talk = flow.step("gesprek")
    assert talk is not None and talk.title.nl == "Stap 3: Gesprek met de ouders"
    partner = flow.question("gesprek_met")
    assert partner is not None and partner.options[0].id == "ouders"
    source = flow.source("afwegingskader-onderwijs")
    assert source is not None and source.url is not None
    assert "afwegingskader-meldcode-onderwijs-en-leerplicht" in source.url


@pytest.mark.parametrize("who", ["personeelslid", "vrijwilliger", "directeur", "bestuurder"])
def test_every_person_working_for_the_school_is_in_the_staff_route(who: str) -> None:
    flow = get_flow("primair-onderwijs")
    result = evaluate(flow, {**STAFF, "mr_verdachte": who}, now=NOW)
    assert "medewerker_route" in result.path and "consultatie" not in result.path
    asked = "mr_vi_direct_datum" if who == "bestuurder" else "mr_bevoegd_gezag_geinformeerd"
    assert asked in result.missing


def test_the_reminder_to_record_the_report_date_disappears_once_recorded() -> None:
    flow = get_flow("primair-onderwijs")
    before = evaluate(flow, {**STAFF, **BOARD_INFORMED, **CONSULTED, "mr_redelijk_vermoeden": True})
    after = evaluate(
        flow,
        {**STAFF, **BOARD_INFORMED, **CONSULTED, "mr_redelijk_vermoeden": True, **FILED},
        now=NOW,
    )
    assert before.outcome is not None and after.outcome is not None
    said = " ".join(s.nl for s in before.outcome.next_steps)
    assert "datum van de aangifte" in said
    assert "datum van de aangifte" not in " ".join(s.nl for s in after.outcome.next_steps)


def test_a_disclosure_informs_and_asks_for_the_pupils_own_words() -> None:
    flow = get_flow("primair-onderwijs")
    result = evaluate(flow, {**HOME, "onthulling": True}, now=NOW)
    assert {"onthulling_woorden", "onthulling_vt_datum"} <= set(result.missing)
    assert (result.decisions.melden, result.decisions.hulp) == (None, None)
    no_after_disclosure = evaluate(flow, {**SAFE, **DISCLOSURE, **HELP, **TERM}, now=NOW)
    assert "onthulling_nee_motivatie" in no_after_disclosure.missing


def test_the_description_speaks_to_a_primary_teacher() -> None:
    flow = get_flow("primair-onderwijs")
    first = flow.description.nl.split(". ")[0]
    assert "leerkrachten" in first and "basisschool" in first and "intern begeleiders" in first


def test_close_refuses_until_the_board_consulted_the_inspector(cli: Run, tmp_path: Path) -> None:
    created = cli(
        "new",
        "--flow",
        "primair-onderwijs",
        "--title",
        "Casus basisschool (fictief)",
        "--answers",
        str(write_answers(tmp_path, "staff", {**STAFF, **BOARD_INFORMED})),
    )
    assert created.exit_code == 0, created.output
    case = created.output.strip().splitlines()[-1]
    refused = cli("close", case)
    assert refused.exit_code == 2 and "vertrouwensinspecteur" in refused.output
    more = {**CONSULTED, "mr_redelijk_vermoeden": False, **SUPPORT}
    cli("answer", case, "--answers", str(write_answers(tmp_path, "vi", more)))
    closed = cli("close", case)
    assert closed.exit_code == 0, closed.output


def test_sexual_abuse_signals_need_veilig_thuis_before_the_parents() -> None:
    flow = get_flow("primair-onderwijs")
    talked = evaluate(flow, {**HOME, "signalen": ["seksueel"]}, now=NOW)
    assert "gesprek_vt_vooraf_datum" in talked.missing
    assert "gesprek_vt_vooraf_datum" not in evaluate(flow, HOME, now=NOW).missing
