"""Childcare meldcode: the three routes, written from the sources, not from the flow file.

- Route 1 (home situation): NJi's afwegingskader. 1 N: close and record. 2 J: report; 3 to 5 are
  gone through with Veilig Thuis. 3 N or 4 N: report. 3 J and 4 J: help, and question 5 at the
  desired term (no closing before it). 5 N: report (again). Issue 10: a disclosure informs
  (Veilig Thuis the same day, the child's own words), it does not decide; after a report the case
  stays open until Veilig Thuis's feedback and the own role are recorded.
- Route 2 (staff): Wet kinderopvang art. 1.51b: lid 3 the staff member informs the houder
  "onverwijld"; lid 1 the houder "treedt ... onverwijld in overleg met" the vertrouwensinspecteur
  for a possible "misdrijf tegen de zeden" (Titel XIV) or "mishandeling" (Titel XX); lid 2 on a
  "redelijk vermoeden" the houder "doet ... onverwijld aangifte" and informs the inspector; the
  sector protocol: the parents are informed. Art. 1.51c: a suspicion against the houder: the
  staff member "doet ... onverwijld aangifte" on a reasonable suspicion.
- Route 3 (children among themselves): report to the manager, judge the seriousness (flags),
  measures, inform the parents, aftercare.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flow_branches import BranchCase, assert_branch, branch_cases
from flow_cli import Run, write_answers

from meldcode_tui.flow import evaluate, get_flow

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

HOME: dict[str, Any] = {
    "route": "thuissituatie",
    "signalen": ["gedrag"],
    "signalen_feiten": "Kind schrikt bij het ophalen (fictief).",
    "onthulling": False,
    "tegensignalen": False,
    "consultatie_met": "Aandachtsfunctionaris A. (fictief)",
    "consultatie_datum": "2026-11-10",
    "consultatie_uitkomst": "Gesprek met ouders plannen (fictief).",
    "advies_veilig_thuis": False,
    "gesprek_afzien": False,
    "gesprek_datum": "2026-11-12",
    "gesprek_verslag": "Ouders herkennen het (fictief).",
    "weging": "Zorgelijk, niet acuut (fictief).",
    "twijfel": False,
    "besluit_door": "Aandachtsfunctionaris A. (fictief)",
    "motivatie_melden": "Fictief.",
    "motivatie_hulp": "Fictief.",
}
DISCLOSURE = {
    "onthulling": True,
    "onthulling_woorden": "'Papa slaat' (fictief).",
    "onthulling_vt_datum": "2026-11-10",
    "onthulling_vt_advies": "Gesprek met ouders na overleg (fictief).",
}
SUSPICION = {**HOME, "afweging1_vermoeden": True}
UNSAFE = {**SUSPICION, "afweging2_onveiligheid": True}
SAFE = {**SUSPICION, "afweging2_onveiligheid": False}
HELP = {"afweging3_hulp_mogelijk": True, "afweging4_hulp_aanvaard": True}
TERM = {"gewenste_termijn": "2026-12-20"}
REPORTED = {"melding_datum": "2026-11-20"}
FEEDBACK = {
    "vt_terugkoppeling": "Veiligheidsbeoordeling gedaan, onderzoek volgt (fictief).",
    "eigen_rol": "Signalen blijven doorgeven aan Veilig Thuis (fictief).",
}

STAFF: dict[str, Any] = {
    "route": "medewerker",
    "signalen_feiten": "Collega alleen met kind in slaapkamer (fictief).",
    "onthulling": False,
    "mw_verdachte": "medewerker",
    "mw_soort": "zedendelict",
    "mw_bescherming": "Collega werkt niet meer op de groep (fictief).",
    "mw_nazorg": "Gesprek met ouders en team (fictief).",
}
INFORMED = {"mw_houder_geinformeerd": True, "mw_houder_op": "2026-11-20T09:00"}
CONSULTED = {"vi_overleg_datum": "2026-11-20", "vi_advies": "Aangifte doen (fictief)."}
REPORT_FILED = {
    "ouders_geinformeerd_op": "2026-11-21",
    "aangifte_datum": "2026-11-21",
    "vi_in_kennis_op": "2026-11-21",
}
OWNER: dict[str, Any] = {**STAFF, "mw_verdachte": "houder"}

CHILDREN: dict[str, Any] = {
    "route": "kinderen_onderling",
    "signalen_feiten": "Twee kinderen in de bso (fictief).",
    "onthulling": False,
    "ko_leidinggevende_op": "2026-11-20T15:00",
    "ko_maatregelen": "Extra toezicht (fictief).",
    "ko_nazorg": "Gesprekjes met beide kinderen (fictief).",
}
ADVICE = {
    "ko_advies": "veilig_thuis",
    "ko_advies_datum": "2026-11-21",
    "ko_advies_inhoud": "Ouders informeren (fictief).",
}

CASES: list[BranchCase] = [
    # (name, answers, outcome, melden, hulp, status, closure blockers)
    # --- Route 1, afwegingskader question 1
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
        "disclosure, then no suspicion without a motivation",
        {**HOME, **DISCLOSURE, "afweging1_vermoeden": False},
        "geen_vermoeden",
        False,
        False,
        "open",
        set(),
    ),
    (
        "disclosure, then no suspicion with a motivation",
        {
            **HOME,
            **DISCLOSURE,
            "afweging1_vermoeden": False,
            "onthulling_nee_motivatie": "Fictief.",
        },
        "geen_vermoeden",
        False,
        False,
        "closed",
        set(),
    ),
    # --- question 2 yes: report, decision 2 still taken with Veilig Thuis
    (
        "unsafe, decision on help still open",
        UNSAFE,
        "melden_hulp_nog_open",
        True,
        None,
        "open",
        {"melding_vastgelegd"},
    ),
    (
        "unsafe, help accepted, result not judged yet",
        {**UNSAFE, **HELP, **TERM, **REPORTED, **FEEDBACK},
        "melden_en_hulp",
        True,
        True,
        "monitoring",
        {"resultaat_beoordeeld"},
    ),
    (
        "unsafe, help works, report and feedback recorded",
        {**UNSAFE, **HELP, **TERM, "afweging5_hulp_effectief": True, **REPORTED, **FEEDBACK},
        "melden_hulp_afgerond",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "unsafe, help works, reported, no feedback from Veilig Thuis yet",
        {**UNSAFE, **HELP, **TERM, "afweging5_hulp_effectief": True, **REPORTED},
        "melden_hulp_afgerond",
        True,
        True,
        "open",
        {"terugkoppeling_en_eigen_rol"},
    ),
    (
        "unsafe, help works, feedback but no own role",
        {
            **UNSAFE,
            **HELP,
            **TERM,
            "afweging5_hulp_effectief": True,
            **REPORTED,
            "vt_terugkoppeling": "Onderzoek (fictief).",
        },
        "melden_hulp_afgerond",
        True,
        True,
        "open",
        {"terugkoppeling_en_eigen_rol"},
    ),
    (
        "unsafe, help does not work, no new report",
        {**UNSAFE, **HELP, **TERM, "afweging5_hulp_effectief": False, **REPORTED, **FEEDBACK},
        "opnieuw_melden",
        True,
        True,
        "open",
        {"nieuwe_melding"},
    ),
    (
        "unsafe, help does not work, new report recorded",
        {
            **UNSAFE,
            **HELP,
            **TERM,
            "afweging5_hulp_effectief": False,
            **REPORTED,
            **FEEDBACK,
            "hermelding_datum": "2026-12-21",
        },
        "opnieuw_melden",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "unsafe, no help possible, reported with feedback",
        {**UNSAFE, "afweging3_hulp_mogelijk": False, **REPORTED, **FEEDBACK},
        "melden_geen_hulp",
        True,
        False,
        "closed",
        set(),
    ),
    # --- question 2 no
    (
        "no help possible, not reported yet",
        {**SAFE, "afweging3_hulp_mogelijk": False},
        "melden_geen_hulp",
        True,
        False,
        "open",
        {"melding_vastgelegd"},
    ),
    (
        "no help possible, reported, feedback recorded",
        {**SAFE, "afweging3_hulp_mogelijk": False, **REPORTED, **FEEDBACK},
        "melden_geen_hulp",
        True,
        False,
        "closed",
        set(),
    ),
    (
        "help refused, reported, no feedback",
        {**SAFE, "afweging3_hulp_mogelijk": True, "afweging4_hulp_aanvaard": False, **REPORTED},
        "melden_geen_hulp",
        True,
        False,
        "open",
        {"terugkoppeling_en_eigen_rol"},
    ),
    (
        "help accepted, result not judged yet",
        {**SAFE, **HELP, **TERM},
        "hulp_en_volgen",
        False,
        True,
        "monitoring",
        {"resultaat_beoordeeld"},
    ),
    (
        "disclosure, question 2 no with motivation, help under way",
        {**SAFE, **DISCLOSURE, "onthulling_nee_motivatie": "Fictief.", **HELP, **TERM},
        "hulp_en_volgen",
        False,
        True,
        "monitoring",
        {"resultaat_beoordeeld"},
    ),
    (
        "help works",
        {**SAFE, **HELP, **TERM, "afweging5_hulp_effectief": True},
        "hulp_afsluiten",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "help does not work: first report, not yet made",
        {**SAFE, **HELP, **TERM, "afweging5_hulp_effectief": False},
        "opnieuw_melden",
        True,
        True,
        "open",
        {"melding_vastgelegd"},
    ),
    (
        "help does not work: first report with feedback",
        {**SAFE, **HELP, **TERM, "afweging5_hulp_effectief": False, **REPORTED, **FEEDBACK},
        "opnieuw_melden",
        True,
        True,
        "closed",
        set(),
    ),
    # --- Route 2: staff member (art. 1.51b)
    (
        "staff sexual offence, owner not informed",
        {**STAFF, "mw_houder_geinformeerd": False},
        "medewerker_houder_informeren",
        None,
        None,
        "open",
        {"houder_geinformeerd", "vertrouwensinspecteur_geraadpleegd"},
    ),
    (
        "staff sexual offence, owner informed, inspector not consulted",
        {**STAFF, **INFORMED},
        "medewerker_vertrouwensinspecteur",
        None,
        None,
        "open",
        {"vertrouwensinspecteur_geraadpleegd"},
    ),
    (
        "staff assault (Titel XX), owner informed, inspector not consulted",
        {**STAFF, "mw_soort": "mishandeling", **INFORMED},
        "medewerker_vertrouwensinspecteur",
        None,
        None,
        "open",
        {"vertrouwensinspecteur_geraadpleegd"},
    ),
    (
        "reasonable suspicion, no police report recorded",
        {**STAFF, **INFORMED, **CONSULTED, "vi_redelijk_vermoeden": True},
        "medewerker_aangifte_doen",
        True,
        True,
        "open",
        {"aangifte_en_ouders"},
    ),
    (
        "reasonable suspicion, parents, report and inspector recorded",
        {**STAFF, **INFORMED, **CONSULTED, "vi_redelijk_vermoeden": True, **REPORT_FILED},
        "medewerker_aangifte",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "reasonable suspicion, the parents not informed",
        {
            **STAFF,
            **INFORMED,
            **CONSULTED,
            "vi_redelijk_vermoeden": True,
            **{k: v for k, v in REPORT_FILED.items() if k != "ouders_geinformeerd_op"},
        },
        "medewerker_aangifte",
        True,
        True,
        "open",
        {"aangifte_en_ouders"},
    ),
    (
        "no reasonable suspicion after the inspector",
        {**STAFF, **INFORMED, **CONSULTED, "vi_redelijk_vermoeden": False},
        "medewerker_geen_aangifte",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "childminder suspected: the same duties",
        {**STAFF, "mw_verdachte": "gastouder", **INFORMED},
        "medewerker_vertrouwensinspecteur",
        None,
        None,
        "open",
        {"vertrouwensinspecteur_geraadpleegd"},
    ),
    (
        "manager suspected: report to the owner",
        {**STAFF, "mw_verdachte": "leidinggevende", "mw_houder_geinformeerd": False},
        "medewerker_houder_informeren",
        None,
        None,
        "open",
        {"houder_geinformeerd", "vertrouwensinspecteur_geraadpleegd"},
    ),
    (
        "other transgressive behaviour, owner informed",
        {**STAFF, "mw_soort": "ander_gedrag", **INFORMED},
        "medewerker_ander_gedrag",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "other transgressive behaviour, owner not informed",
        {**STAFF, "mw_soort": "ander_gedrag", "mw_houder_geinformeerd": False},
        "medewerker_houder_informeren",
        None,
        None,
        "open",
        {"houder_geinformeerd"},
    ),
    # --- art. 1.51c: the owner suspected
    (
        "owner suspected, reasonable suspicion, no police report yet",
        {**OWNER, "hv_redelijk_vermoeden": True},
        "houder_aangifte",
        True,
        True,
        "open",
        {"aangifte_tegen_houder"},
    ),
    (
        "owner suspected, police report filed by the staff member",
        {**OWNER, "hv_redelijk_vermoeden": True, "hv_aangifte_datum": "2026-11-21"},
        "houder_aangifte",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "owner suspected, no reasonable suspicion",
        {**OWNER, "hv_vi_overleg_datum": "2026-11-20", "hv_redelijk_vermoeden": False},
        "houder_geen_aangifte",
        False,
        True,
        "closed",
        set(),
    ),
    # --- Route 3: children among themselves
    (
        "children: nothing judged yet",
        {"route": "kinderen_onderling", "signalen_feiten": "Fictief.", "onthulling": False},
        "kinderen_loopt",
        None,
        None,
        "open",
        set(),
    ),
    (
        "children: yellow, parents not needed",
        {**CHILDREN, "ko_vlag": "geel", "ko_ouders": "niet_nodig"},
        "kinderen_licht",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "children: yellow, parents not yet informed",
        {**CHILDREN, "ko_vlag": "geel", "ko_ouders": "nog_niet"},
        "kinderen_licht",
        False,
        True,
        "open",
        {"ouders_niet_nog_niet"},
    ),
    (
        "children: red, advice and parents informed",
        {**CHILDREN, "ko_vlag": "rood", **ADVICE, "ko_ouders": "ja"},
        "kinderen_ernstig",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "children: red, parents said to be not needed",
        {**CHILDREN, "ko_vlag": "rood", **ADVICE, "ko_ouders": "niet_nodig"},
        "kinderen_ernstig",
        True,
        True,
        "open",
        {"ouders_kinderen_geinformeerd"},
    ),
    (
        "children: black, parents not yet informed",
        {**CHILDREN, "ko_vlag": "zwart", **ADVICE, "ko_ouders": "nog_niet"},
        "kinderen_ernstig",
        True,
        True,
        "open",
        {"ouders_kinderen_geinformeerd", "ouders_niet_nog_niet"},
    ),
]


@branch_cases(CASES)
def test_branches_and_closing_rules(case: BranchCase) -> None:
    assert_branch("kinderopvang", case, NOW)


def test_a_disclosure_informs_and_asks_for_veilig_thuis_and_the_childs_own_words() -> None:
    flow = get_flow("kinderopvang")
    result = evaluate(flow, {**HOME, "onthulling": True}, now=NOW)
    assert {"onthulling_woorden", "onthulling_vt_datum"} <= set(result.missing)
    # The disclosure takes no decision: without the professional's answers nothing is decided.
    assert (result.decisions.melden, result.decisions.hulp) == (None, None)
    question = flow.question("onthulling")
    assert question is not None and question.help is not None
    for words in (
        "Beloof geen geheimhouding",
        "open en geen sturende vragen",
        "niet steeds opnieuw",
    ):
        assert words in question.help.nl
    vt = flow.question("onthulling_vt_datum")
    assert vt is not None and "vandaag met Veilig Thuis" in vt.text.nl and "112" in vt.text.nl
    # A disclosure about a colleague goes to the owner, not to Veilig Thuis.
    staff = evaluate(flow, {**STAFF, "onthulling": True}, now=NOW)
    assert "onthulling_vt_datum" not in staff.missing and "onthulling_woorden" in staff.missing


def test_question_2_says_a_disclosure_is_a_strong_sign_not_a_decision() -> None:
    question = get_flow("kinderopvang").question("afweging2_onveiligheid")
    assert question is not None and question.help is not None
    assert "sterk teken" in question.help.nl and "blijft het jouwe" in question.help.nl


def test_no_feedback_within_five_working_days_prompts_a_call() -> None:
    flow = get_flow("kinderopvang")
    answers = {**SAFE, "afweging3_hulp_mogelijk": False, **REPORTED}
    late = evaluate(flow, answers, now=datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    deadline = next(d for d in late.deadlines if d.rule.id == "terugkoppeling_veilig_thuis")
    assert deadline.overdue
    assert deadline.rule.overdue is not None and "bel Veilig Thuis" in deadline.rule.overdue.nl
    done = evaluate(flow, {**answers, **FEEDBACK}, now=datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    assert not any(d.rule.id == "terugkoppeling_veilig_thuis" for d in done.deadlines)


def test_skipping_the_talk_with_the_parents_needs_a_reason_and_veilig_thuis() -> None:
    flow = get_flow("kinderopvang")
    skipped = {k: v for k, v in SAFE.items() if k not in ("gesprek_datum", "gesprek_verslag")}
    skipped["gesprek_afzien"] = True
    result = evaluate(flow, skipped, now=NOW)
    assert {"gesprek_afzien_reden", "gesprek_afzien_vt_datum", "gesprek_afzien_toelichting"} <= set(
        result.missing
    )
    step = flow.step("gesprek")
    assert step is not None
    assert "niet met de ouders voordat je Veilig Thuis hebt geraadpleegd" in step.guidance.nl


def test_doubt_in_step_4_means_consulting_veilig_thuis() -> None:
    result = evaluate(get_flow("kinderopvang"), {**HOME, "twijfel": True}, now=NOW)
    assert "twijfel_vt_datum" in result.missing


def test_roles_and_the_one_line_description_speak_childcare() -> None:
    flow = get_flow("kinderopvang")
    assert set(flow.roles) == {"pedagogisch_medewerker", "aandachtsfunctionaris", "houder"}
    first_sentence = flow.description.nl.split(". ")[0]
    assert "pedagogisch medewerkers" in first_sentence and "collega" in first_sentence
    assert "childcare workers" in flow.description.en
    for step in flow.steps:
        assert step.sources and all(flow.source(s) is not None for s in step.sources), step.id
        assert step.reminder is not None, step.id
    wko = flow.source("wko")
    assert wko is not None and wko.url == "https://wetten.overheid.nl/BWBR0017017"


def test_close_refuses_a_staff_offence_until_the_inspector_and_police_report_are_recorded(
    cli: Run, tmp_path: Path
) -> None:
    created = cli(
        "new",
        "--flow",
        "kinderopvang",
        "--title",
        "Casus kinderopvang (fictief)",
        "--answers",
        str(write_answers(tmp_path, "staff", {**STAFF, **INFORMED})),
    )
    assert created.exit_code == 0, created.output
    case = created.output.strip().splitlines()[-1]
    refused = cli("close", case)
    assert refused.exit_code == 2
    lines = [line for line in refused.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in refused.output
    assert "vertrouwensinspecteur" in lines[0]
    more = {**CONSULTED, "vi_redelijk_vermoeden": True}
    cli("answer", case, "--answers", str(write_answers(tmp_path, "vi", more)))
    still = cli("close", case)
    assert still.exit_code == 2 and "aangifte" in still.output
    english = cli("--lang", "en", "close", case)
    assert english.exit_code == 2 and "police report" in english.output
    cli("answer", case, "--answers", str(write_answers(tmp_path, "filed", REPORT_FILED)))
    closed = cli("close", case)
    assert closed.exit_code == 0, closed.output


def test_sexual_abuse_or_honour_based_signals_need_veilig_thuis_before_the_parents() -> None:
    flow = get_flow("kinderopvang")
    for signal, asked in [("gedrag", False), ("seksueel", True), ("eer_besnijdenis", True)]:
        result = evaluate(flow, {**HOME, "signalen": [signal]}, now=NOW)
        assert ("gesprek_vt_vooraf_datum" in result.missing) is asked, signal
    skipped = {**HOME, "signalen": ["seksueel"], "gesprek_afzien": True}
    assert "gesprek_vt_vooraf_datum" not in evaluate(flow, skipped, now=NOW).missing


def test_the_reminder_to_record_the_police_report_goes_once_it_is_recorded() -> None:
    flow = get_flow("kinderopvang")
    base = {**STAFF, **INFORMED, **CONSULTED, "vi_redelijk_vermoeden": True}
    before = evaluate(flow, base, now=NOW).outcome
    after = evaluate(flow, {**base, **REPORT_FILED}, now=NOW).outcome
    assert before is not None and after is not None
    assert "datum van de aangifte" in " ".join(s.nl for s in before.next_steps)
    assert "datum van de aangifte" not in " ".join(s.nl for s in after.next_steps)
