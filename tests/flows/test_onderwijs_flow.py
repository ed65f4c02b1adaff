"""School meldcode (seed 003): the afwegingskader with the school's meldnormen, staff route."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import pytest
from flow_branches import BranchCase, assert_branch, branch_cases

from meldcode_tui.flow import AnswerError, evaluate, get_flow, parse_answers

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
Q1, Q2, Q3, Q4, Q5 = (
    "afweging1_vermoeden",
    "afweging2_onveiligheid",
    "afweging3_hulp_mogelijk",
    "afweging4_hulp_aanvaard",
    "afweging5_hulp_effectief",
)
UNSET = "-"
HOME: dict[str, Any] = {"vermoeden_betreft": "thuissituatie"}


def expected(q1: Any, q2: Any, new: Any, q3: Any, q4: Any, q5: Any) -> tuple[Any, Any]:
    """The school's rules written out independently: meldnormen force a report, even with help."""
    if q1 is not True:
        return (False, False) if q1 is False else (None, None)
    q4 = q4 if q3 is True else UNSET
    q5 = q5 if q4 is True else UNSET
    if q3 is False or q4 is False:
        return True, False  # no effective help, or help refused
    must_report = q2 is True or new is True
    if q3 is True and q4 is True:
        if must_report or q5 is False:
            return True, True
        return False, True
    return (True, None) if must_report else (None, None)


VALUES = (True, False, UNSET)
CASES = list(itertools.product(VALUES, VALUES, VALUES, VALUES, VALUES, VALUES))


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(str(v)[0] for v in c))
def test_decisions_for_every_combination(case: tuple[Any, ...]) -> None:
    answers = dict(HOME, onthulling=False)
    for qid, value in zip((Q1, Q2, "nieuwe_signalen", Q3, Q4, Q5), case, strict=True):
        if value is not UNSET:
            answers[qid] = value
    result = evaluate(get_flow("onderwijs"), answers, now=NOW)
    assert (result.decisions.melden, result.decisions.hulp) == expected(*case)


BASE = {**HOME, "onthulling": False, Q1: True, "nieuwe_signalen": False}
MELDNORM_CASES = [
    # (name, extra answers, expected meldnormen)
    ("acute", {Q2: True, "onveiligheid_soort": "acuut", Q3: True, Q4: True}, ["acuut"]),
    (
        "structural",
        {Q2: True, "onveiligheid_soort": "structureel", Q3: False},
        ["structureel", "geen_effectieve_hulp"],
    ),
    # A disclosure informs, it does not decide (issue 10): no norm unless question 2 says so.
    ("disclosure, judged not unsafe", {"onthulling": True, Q2: False, Q3: True, Q4: True}, []),
    (
        "disclosure, judged acute",
        {"onthulling": True, Q2: True, "onveiligheid_soort": "acuut", Q3: True, Q4: True},
        ["acuut"],
    ),
    ("help refused", {Q2: False, Q3: True, Q4: False}, ["geen_hulp_gewild"]),
    ("new signals", {Q2: False, "nieuwe_signalen": True, Q3: True, Q4: True}, ["nieuwe_signalen"]),
    ("no decrease", {Q2: False, Q3: True, Q4: True, Q5: False}, ["onveiligheid_neemt_niet_af"]),
    (
        "other family members",
        {"andere_gezinsleden": True, Q2: True, "onveiligheid_soort": "beide", Q3: True, Q4: True},
        ["acuut", "structureel", "andere_gezinsleden"],
    ),
    ("help works, no report", {Q2: False, Q3: True, Q4: True, "andere_gezinsleden": True}, []),
]


@pytest.mark.parametrize(
    ("extra", "norms"), [c[1:] for c in MELDNORM_CASES], ids=[c[0] for c in MELDNORM_CASES]
)
def test_meldnormen_as_the_school_lists_them(extra: dict[str, Any], norms: list[str]) -> None:
    result = evaluate(get_flow("onderwijs"), {**BASE, **extra}, now=NOW)
    assert result.meldnormen == norms


# WVO art. 3 (issue 10): the staff route closes only once the board was informed (lid 3), the
# inspector consulted (lid 1), the parents and the person told before the complaint, and the
# complaint filed (lid 2). No dates are recorded here, so each duty that applies still blocks.
BOARD = "bevoegd_gezag_geinformeerd"
INSPECTOR = "vertrouwensinspecteur_geraadpleegd"
COMPLAINT = {BOARD, INSPECTOR, "betrokkenen_voor_aangifte", "aangifte_vastgelegd"}
STAFF_CASES = [
    # (name, staff-route answers, outcome, melden, hulp, closure blockers)
    ("in progress", {}, "medewerker_route_loopt", None, None, {BOARD}),
    (
        "board informed, nothing else yet",
        {"mr_bevoegd_gezag_geinformeerd": True},
        "medewerker_route_loopt",
        None,
        None,
        {BOARD},
    ),
    (
        "board not informed",
        {"mr_bevoegd_gezag_geinformeerd": False},
        "medewerker_bevoegd_gezag_informeren",
        None,
        None,
        {BOARD},
    ),
    (
        "not a sexual offence",
        {"mr_bevoegd_gezag_geinformeerd": True, "mr_zedendelict": False},
        "medewerker_bevoegd_gezag",
        False,
        True,
        {BOARD},
    ),
    (
        "no reasonable suspicion",
        {
            "mr_bevoegd_gezag_geinformeerd": True,
            "mr_zedendelict": True,
            "mr_redelijk_vermoeden": False,
        },
        "medewerker_geen_aangifte",
        False,
        True,
        {BOARD, INSPECTOR},
    ),
    (
        "complaint filed",
        {
            "mr_bevoegd_gezag_geinformeerd": True,
            "mr_zedendelict": True,
            "mr_redelijk_vermoeden": True,
        },
        "medewerker_aangifte",
        True,
        True,
        COMPLAINT,
    ),
]


@pytest.mark.parametrize(
    ("answers", "outcome", "melden", "hulp", "blockers"),
    [c[1:] for c in STAFF_CASES],
    ids=[c[0] for c in STAFF_CASES],
)
@pytest.mark.parametrize("disclosure", [False, True], ids=["", "disclosure"])
def test_staff_route_replaces_the_ordinary_steps(
    answers: dict[str, Any],
    outcome: str,
    melden: bool | None,
    hulp: bool | None,
    blockers: set[str],
    disclosure: bool,
) -> None:
    # A pupil's disclosure on the staff route never gives a home-situation outcome.
    staff = {"vermoeden_betreft": "medewerker", "onthulling": disclosure, **answers}
    result = evaluate(get_flow("onderwijs"), staff, now=NOW)
    assert result.path == ["signalen", "medewerker_route"]
    assert result.outcome is not None and result.outcome.id == outcome
    assert (result.decisions.melden, result.decisions.hulp) == (melden, hulp)
    assert "acuut" not in result.meldnormen  # no "meld vandaag bij Veilig Thuis" here
    assert {r.id for r in result.closure_blockers} == blockers


def test_ordinary_route_does_not_show_the_staff_route() -> None:
    result = evaluate(get_flow("onderwijs"), BASE, now=NOW)
    assert result.path == ["signalen", "consultatie", "gesprek", "afweging", "beslissen"]


def test_conversation_skipped_only_with_reason_and_veilig_thuis_date() -> None:
    flow = get_flow("onderwijs")
    result = evaluate(flow, {**BASE, "gesprek_afzien": True}, now=NOW)
    state = result.state("gesprek")
    assert state is not None
    assert set(state.missing) == {
        "gesprek_afzien_reden",
        "gesprek_afzien_vt_datum",
        "gesprek_afzien_toelichting",
    }
    held = evaluate(flow, {**BASE, "gesprek_afzien": False}, now=NOW).state("gesprek")
    assert held is not None and "gesprek_medewerkers" in held.missing


def test_afwegingskader_ids_are_the_public_ones() -> None:
    flow = get_flow("onderwijs")
    basis = get_flow("basismodel")
    for qid in (Q1, Q2, Q3, Q4, Q5):
        question, same = flow.question(qid), basis.question(qid)
        assert question is not None and same is not None
        assert question.text.nl == same.text.nl  # quoted as published


def test_sharing_ledger_records_ground_and_checks() -> None:
    flow = get_flow("onderwijs")
    entry = {
        "met_wie": "Veilig Thuis, adviseur (fictief)",
        "wat": "Signalen zonder naam (fictief)",
        "wanneer": "2026-11-23",
        "grond": "meldrecht",
        "doelbinding": True,
        "proportionaliteit": True,
        "subsidiariteit": True,
        "betrokkene_geinformeerd": "nee_veiligheid",
    }
    answers = parse_answers(flow, {**BASE, "informatiedeling": [entry]})
    assert evaluate(flow, answers, now=NOW).effective["informatiedeling"] == [entry]
    with pytest.raises(AnswerError, match="grond"):
        parse_answers(flow, {"informatiedeling": [{**entry, "grond": "nieuwsgierigheid"}]})


def test_result_date_and_follow_up_feed_the_next_deadline() -> None:
    flow = get_flow("onderwijs")
    answers = {
        **BASE,
        Q2: False,
        Q3: True,
        Q4: True,
        "gewenste_termijn": "2027-02-01",
        "vervolgafspraak": "2026-12-15",
    }
    result = evaluate(flow, answers, now=NOW)
    assert [d.rule.id for d in result.deadlines] == ["vervolgafspraak", "resultaat_beoordelen"]
    done = evaluate(flow, {**answers, "vervolgafspraak_gedaan": True}, now=NOW)
    assert [d.rule.id for d in done.deadlines] == ["resultaat_beoordelen"]


# --- Reviewer findings (2025.2) ----------------------------------------------------------------


def test_staff_route_help_says_inform_the_board() -> None:
    flow = get_flow("onderwijs")
    question = flow.question("vermoeden_betreft")
    assert question is not None and question.help is not None
    assert question.help.nl == "Gaat het om een medewerker: informeer direct het bevoegd gezag."
    assert (
        question.help.en
        == "If it concerns a member of staff: inform the competent authority at once."
    )
    fallback = evaluate(flow, {"vermoeden_betreft": "medewerker"}, now=NOW).outcome
    assert fallback is not None and fallback.id == "medewerker_route_loopt"
    assert fallback.status == "open" and fallback.melden is None and fallback.hulp is None


# Every required question of the home route answered (fictitious), so that the status shows.
FILLED: dict[str, Any] = {
    **BASE,
    "signalen": ["gedrag"],
    "signalen_feiten": "Fictieve signalen.",
    "andere_gezinsleden": False,
    "tegensignalen": False,
    "consultatie_rollen": ["zorgcoordinator"],
    "consultatie_met": "Zorgcoördinator Z. (fictief)",
    "consultatie_datum": "2026-11-10",
    "consultatie_uitkomst": "Fictief.",
    "advies_veilig_thuis": False,
    "verwijsindex": "niet_bevoegd",  # Besluit art. 2 lid 1 d (issue 10)
    "gesprek_afzien": False,
    "gesprek_datum": "2026-11-12",
    "gesprek_met": "leerling_en_ouders",
    "gesprek_medewerkers": "Mentor M. en OT-medewerker O. (fictief)",
    "gesprek_verslag": "Fictief.",
    "hulp_aangeboden": False,
    "toestemming": "niet_gevraagd",
    "regievoerder": "Teamleider T. (fictief)",
    "motivatie_melden": "Fictief.",
    "motivatie_hulp": "Fictief.",
}
HOME_DONE = {**FILLED, "melding_besproken": "ja"}
# A recorded report closes only with Veilig Thuis's feedback and the own role (issue 10).
DATED = {
    "melding_datum": "2026-11-24",
    "vt_terugkoppeling_datum": "2026-11-27",
    "vt_terugkoppeling_inhoud": "Veiligheidsbeoordeling (fictief).",
    "eigen_rol_na_melding": "Mentor blijft aanspreekpunt (fictief).",
}
Q5_ON_TERM = {"gewenste_termijn": "2026-11-01", "afweging5_datum": "2026-11-01"}
STATUS_CASES: list[BranchCase] = [
    # (name, answers, outcome, melden, hulp, status, closure blockers)
    (
        "no help possible, report not recorded",
        {**HOME_DONE, Q2: False, Q3: False},
        "melden_geen_hulp",
        True,
        False,
        "open",
        {"melding_vastgelegd"},
    ),
    (
        "no help possible, report recorded",
        {**HOME_DONE, Q2: False, Q3: False, **DATED},
        "melden_geen_hulp",
        True,
        False,
        "closed",
        set(),
    ),
    (
        "help refused, report not recorded",
        {**HOME_DONE, Q2: False, Q3: True, Q4: False},
        "melden_geen_hulp",
        True,
        False,
        "open",
        {"melding_vastgelegd"},
    ),
    (
        "unsafety, help works, report recorded",
        {**HOME_DONE, Q2: True, "onveiligheid_soort": "structureel", Q3: True, Q4: True}
        | {**Q5_ON_TERM, Q5: True, **DATED},
        "melden_hulp_afsluiten",
        True,
        True,
        "closed",
        set(),
    ),
    (
        "unsafety, help works, report not recorded",
        {**HOME_DONE, Q2: True, "onveiligheid_soort": "acuut", Q3: True, Q4: True}
        | {**Q5_ON_TERM, Q5: True},
        "melden_hulp_afsluiten",
        True,
        True,
        "open",
        {"melding_vastgelegd"},
    ),
    (
        "unsafety, help does not work",
        {**HOME_DONE, Q2: True, "onveiligheid_soort": "acuut", Q3: True, Q4: True}
        | {**Q5_ON_TERM, Q5: False, **DATED},
        "melden_opnieuw_melden",
        True,
        True,
        "open",
        {"hermelding_vastgelegd"},
    ),
    (
        "unsafety, result not judged yet",
        {**HOME_DONE, Q2: True, "onveiligheid_soort": "acuut", Q3: True, Q4: True, **DATED},
        "melden_en_hulp",
        True,
        True,
        "open",
        {"vraag5_beantwoord"},  # help is under way: question 5 is still to come
    ),
    (
        "disclosure, decision on help open",
        {**HOME_DONE, "onthulling": True, Q2: True, "onveiligheid_soort": "acuut"},
        "melden_hulp_nog_open",
        True,
        None,
        "open",
        {"melding_vastgelegd"},
    ),
    (
        "no reason to report, help works",
        {**FILLED, Q2: False, Q3: True, Q4: True, **Q5_ON_TERM, Q5: True},
        "hulp_afsluiten",
        False,
        True,
        "closed",
        set(),
    ),
    (
        "no suspicion",
        {**FILLED, Q1: False},
        "geen_vermoeden",
        False,
        False,
        "closed",
        set(),
    ),
]


@branch_cases(STATUS_CASES)
def test_reporting_outcomes_close_only_once_the_report_is_recorded(case: BranchCase) -> None:
    assert_branch("onderwijs", case, NOW)


def test_report_date_rule_names_the_missing_date() -> None:
    rule = next(r for r in get_flow("onderwijs").closure if r.id == "melding_vastgelegd")
    assert rule.message.nl == "de datum van de melding bij Veilig Thuis is niet vastgelegd"
    assert rule.message.en == "the date of the report to Veilig Thuis is not recorded"


@pytest.mark.parametrize(
    ("extra", "asked"),
    [
        # A disclosure alone is no reason to report: question 2 is the professional's.
        ({"onthulling": True, Q2: False, Q3: True, Q4: True}, False),
        ({"onthulling": True, Q2: True, "onveiligheid_soort": "acuut"}, True),
        ({Q2: True, "onveiligheid_soort": "acuut"}, True),
        ({Q2: False, "nieuwe_signalen": True}, True),
        ({Q2: False, Q3: False}, True),
        ({Q2: False, Q3: True, Q4: False}, True),
        ({Q2: False, Q3: True, Q4: True, "gewenste_termijn": "2026-11-01", Q5: False}, True),
        ({Q2: False, Q3: True, Q4: True}, False),
        ({Q1: False}, False),
    ],
)
def test_discussing_the_report_beforehand_is_asked_when_there_is_a_reason_to_report(
    extra: dict[str, Any], asked: bool
) -> None:
    result = evaluate(get_flow("onderwijs"), {**BASE, **extra}, now=NOW)
    assert ("melding_besproken" in result.missing) is asked


def test_discussing_the_report_offers_the_two_exceptions() -> None:
    question = get_flow("onderwijs").question("melding_besproken")
    assert question is not None and question.type == "choice"
    assert question.text.nl == "Heb je de melding vooraf met de betrokkene(n) besproken?"
    labels = {o.id: o.label.nl for o in question.options}
    assert labels == {
        "ja": "Ja",
        "nee_veiligheid": "Nee: de veiligheid is in het geding",
        "nee_contact": "Nee: het contact zou verbroken worden",
    }


def test_reviewed_texts() -> None:
    flow = get_flow("onderwijs")
    regie = flow.question("regievoerder")
    assert regie is not None
    assert regie.text.nl == (
        "Wie neemt het besluit en blijft de regie voeren (teamleider of OT-medewerker)?"
    )
    gesprek = flow.step("gesprek")
    assert gesprek is not None
    assert (
        "Dit besluit neemt de OT-medewerker, altijd alleen na overleg met Veilig Thuis."
        in gesprek.guidance.nl
    )
    assert "(de OT-medewerker)" not in gesprek.guidance.nl
    assert "support team member, always only after consulting Veilig Thuis" in gesprek.guidance.en
    afzien = flow.question("gesprek_afzien")
    assert afzien is not None and afzien.help is not None
    assert afzien.help.nl == (
        "Heeft het kind zelf verteld? "
        "Overleg eerst met Veilig Thuis voordat je met de ouders praat."
    )
    vt_date = flow.question("gesprek_afzien_vt_datum")
    assert vt_date is not None and vt_date.help is not None
    assert (
        vt_date.help.en
        == "Only ever skip the conversation after consulting Veilig Thuis (0800-2000)."
    )
    for step in flow.steps:
        assert step.reminder is not None
        assert "noteer" in step.reminder.nl.lower()  # the seed's own reminder stays
        # Issue 10 (DOS, AVG): the steps belong in the pupil file, parents may inspect it, and
        # what would endanger the pupil may be shielded, no longer "only a short summary".
        assert "horen in het leerlingdossier" in step.reminder.nl, step.id
        assert "AVG art. 15" in step.reminder.nl and "afschermen" in step.reminder.nl, step.id
        assert "alleen een korte" not in step.reminder.nl, step.id
        assert "belong in the pupil file" in step.reminder.en, step.id
    roles = flow.question("consultatie_rollen")
    assert roles is not None
    ids = [o.id for o in roles.options]
    assert ids.index("zorgcoordinator") == ids.index("intern_begeleider") + 1
    norm = next(n for n in flow.meldnormen if n.id == "geen_effectieve_hulp")
    assert "afwegingskader" in norm.text.nl and "afwegingskader" in norm.text.en


def test_subsidiarity_reads_yes_means_in_order() -> None:
    ledger = get_flow("onderwijs").question("informatiedeling")
    assert ledger is not None
    field = next(f for f in ledger.fields if f.id == "subsidiariteit")
    assert field.type == "yesno"  # stored entries keep their meaning: true = in order
    assert "niet op een minder ingrijpende" not in field.text.nl  # no double negative
    assert field.text.nl.startswith("Subsidiariteit: was dit de minst ingrijpende manier")
    assert field.help is not None and field.help.nl.startswith("Ja = in orde")
