"""Basismodel, issue 10: rules from the sources, table-driven (expected: issue10_sources)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import pytest
from issue10_sources import (
    FAMILY_DANGER,
    Q1,
    Q2,
    Q3,
    Q4,
    SHARING_GROUNDS,
    disclosure_needs_motivation,
    disclosure_records,
    family_talk_endangers,
    fgm_officer,
    fgm_threat,
    injury_expert_offered,
    kindcheck_followed,
    kindcheck_positive,
)

from meldcode_tui.flow import evaluate, get_flow

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
UNSET = "-"

CHILD: dict[str, Any] = {"client_type": "kind"}


def _with(base: dict[str, Any], **values: Any) -> dict[str, Any]:
    return {**base, **{k: v for k, v in values.items() if v is not UNSET}}


def visible(result: Any, step: str) -> list[str]:
    state = result.state(step)
    assert state is not None
    return [q.id for q in state.visible]


# --- 1. A disclosure informs, it does not decide --------------------------------------------

DISCLOSURE_COMBOS = list(
    itertools.product((True, False), (True, False, UNSET), (True, False, UNSET), (True, False))
)


@pytest.mark.parametrize(
    ("disclosure", "q1", "q2", "q3"),
    DISCLOSURE_COMBOS,
    ids=["-".join(str(v)[0] for v in c) for c in DISCLOSURE_COMBOS],
)
def test_a_disclosure_asks_for_records_and_a_motivated_no(
    disclosure: bool, q1: Any, q2: Any, q3: bool
) -> None:
    answers = _with(CHILD, onthulling=disclosure, **{Q1: q1, Q2: q2, Q3: q3})
    result = evaluate(get_flow("basismodel"), answers, now=NOW)
    on_path = {q for s in result.steps for q in (x.id for x in s.visible)}
    wanted = disclosure_needs_motivation(result.effective) | disclosure_records(answers)
    asked = {
        "afweging1_motivatie_onthulling",
        "afweging2_motivatie_onthulling",
        "onthulling_datum",
        "onthulling_woorden",
        "onthulling_vt_datum",
        "onthulling_vt_advies",
    }
    assert asked & set(result.missing) == wanted
    # The same-day notice shows with every disclosure, never without one.
    assert ("onthulling_direct" in on_path) is disclosure
    # At question 2 the app says what regional protocols say, only after a disclosure.
    assert ("afweging2_onthulling_let_op" in on_path) is (disclosure and q1 is True)


def test_the_disclosure_notice_names_veilig_thuis_112_and_how_to_respond() -> None:
    flow = get_flow("basismodel")
    notice = flow.question("onthulling_direct")
    assert notice is not None and notice.type == "notice" and notice.help is not None
    assert "overleg vandaag met veilig thuis (0800-2000" in notice.text.nl.lower()
    assert "112" in notice.text.nl and "112" in notice.text.en
    for words in ("geen geheimhouding", "open vragen", "niet steeds opnieuw", "letterlijk"):
        assert words in notice.help.nl
    for words in ("secrecy", "open questions", "again and again", "literally"):
        assert words in notice.help.en
    own = flow.question("onthulling_woorden")
    assert own is not None and own.type == "text" and "letterlijk" in own.text.nl


def test_a_disclosure_no_longer_writes_acute_unsafety_into_the_record() -> None:
    """The outcome follows the professional's own answer to question 2 (NJi, issue 10)."""
    flow = get_flow("basismodel")
    answers = {**CHILD, "onthulling": True, Q1: True, Q2: False, Q3: True, Q4: True}
    result = evaluate(flow, answers, now=NOW)
    assert result.outcome is not None and result.outcome.id == "hulp_monitoren"
    assert (result.decisions.melden, result.decisions.hulp) == (False, True)
    assert "acuut_structureel" not in result.meldnormen
    for outcome in flow.outcomes:
        assert outcome.when is None or all(
            ref.question != "onthulling" for ref in outcome.when.references()
        ), outcome.id


def test_the_same_day_contact_is_a_limit_that_passes_at_the_end_of_the_day() -> None:
    flow = get_flow("basismodel")
    told = {**CHILD, "onthulling": True, "onthulling_datum": "2026-11-23"}
    today = evaluate(flow, told, now=NOW)
    assert [(d.rule.id, d.overdue) for d in today.deadlines] == [("onthulling_veilig_thuis", False)]
    tomorrow = evaluate(flow, told, now=datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    assert [(d.rule.id, d.overdue) for d in tomorrow.deadlines] == [
        ("onthulling_veilig_thuis", True)
    ]
    overdue = tomorrow.deadlines[0].rule.overdue
    assert overdue is not None and "bel Veilig Thuis" in overdue.nl
    consulted = evaluate(flow, {**told, "onthulling_vt_datum": "2026-11-23"}, now=NOW)
    assert consulted.deadlines == ()


def test_an_old_disclosure_case_keeps_its_answers_and_asks_only_what_is_new() -> None:
    """Stored answers of version 2019.1 still load: no answer falls off the path."""
    old = {**CHILD, "onthulling": True, Q1: True, Q2: True, Q3: False}
    result = evaluate(get_flow("basismodel"), old, now=NOW)
    assert result.off_path == ()
    assert result.decisions.melden is True


# --- 3. Where talking with the family endangers the child ------------------------------------

SIGNAL_SETS = [
    ["gedrag"],
    ["letsel", "verwaarlozing"],
    ["seksueel"],
    ["seksueel_gezin"],
    ["eergerelateerd"],
    ["huwelijksdwang"],
    ["achterlating"],
    ["vgv"],
    ["vgv_dreiging"],
    ["mensenhandel"],
    ["gedrag", "eergerelateerd"],
    ["vgv", "vgv_dreiging"],
]


@pytest.mark.parametrize("flow_id", ["basismodel", "onderwijs"])
@pytest.mark.parametrize("skipping", [False, True], ids=["talk", "skip talk"])
@pytest.mark.parametrize("signals", SIGNAL_SETS, ids=["+".join(s) for s in SIGNAL_SETS])
def test_danger_signals_warn_at_steps_1_3_5_and_need_the_consultation(
    flow_id: str, skipping: bool, signals: list[str]
) -> None:
    answers: dict[str, Any] = {
        "client_type": "kind",
        "vermoeden_betreft": "thuissituatie",
        "signalen": signals,
        "gesprek_afzien": skipping,
        Q1: True,
        Q2: True,
    }
    answers.pop("client_type" if flow_id == "onderwijs" else "vermoeden_betreft")
    result = evaluate(get_flow(flow_id), answers, now=NOW)
    danger = family_talk_endangers(signals)
    assert ("signalen_gevaar_let_op" in visible(result, "signalen")) is danger
    assert ("gesprek_gevaar_let_op" in visible(result, "gesprek")) is danger  # also when skipped
    assert ("melding_gevaar_let_op" in visible(result, "beslissen")) is danger
    assert ("signalen_vgv_let_op" in visible(result, "signalen")) is fgm_officer(signals)
    assert ("signalen_vgv_dreiging_let_op" in visible(result, "signalen")) is fgm_threat(signals)
    step3 = result.state("gesprek")
    assert step3 is not None
    consult = {"gesprek_gevaar_vt_datum", "gesprek_gevaar_vt_advies"}
    if skipping:
        # Skipping the talk already needs the Veilig Thuis consultation and its advice.
        assert {"gesprek_afzien_vt_datum", "gesprek_afzien_toelichting"} <= set(step3.missing)
    else:
        assert (consult <= set(step3.missing)) is danger


def test_step_3_is_done_only_once_the_consultation_is_recorded() -> None:
    flow = get_flow("basismodel")
    talk = {
        "client_type": "kind",
        "signalen": ["eergerelateerd"],
        "gesprek_afzien": False,
        "gesprek_datum": "2026-11-20",
        "gesprek_met": "kind",
        "gesprek_verslag": "Fictief.",
        "toestemming": "niet_gevraagd",
    }
    assert evaluate(flow, talk, now=NOW).state("gesprek").status != "done"  # type: ignore[union-attr]
    talk |= {"gesprek_gevaar_vt_datum": "2026-11-19", "gesprek_gevaar_vt_advies": "Fictief."}
    assert evaluate(flow, talk, now=NOW).state("gesprek").status == "done"  # type: ignore[union-attr]


@pytest.mark.parametrize("flow_id", ["basismodel", "onderwijs"])
def test_the_warnings_say_do_not_talk_with_the_family_before_veilig_thuis(flow_id: str) -> None:
    flow = get_flow(flow_id)
    for qid in ("signalen_gevaar_let_op", "gesprek_gevaar_let_op", "melding_gevaar_let_op"):
        notice = flow.question(qid)
        assert notice is not None and notice.type == "notice"
        assert "met de ouders of de familie" in notice.text.nl and "niet" in notice.text.nl
        assert "Veilig Thuis" in notice.text.nl and "Veilig Thuis" in notice.text.en
    fgm = flow.question("signalen_vgv_let_op")
    assert fgm is not None and "aandachtsfunctionaris meisjesbesnijdenis" in fgm.text.nl
    threat = flow.question("signalen_vgv_dreiging_let_op")
    assert threat is not None and "versnel de stappen" in threat.text.nl
    assert "direct contact" in threat.text.nl
    signals = flow.question("signalen")
    assert signals is not None and {o.id for o in signals.options} >= FAMILY_DANGER


# --- 4. A kindcheck with effect --------------------------------------------------------------

KINDCHECK = list(
    itertools.product(
        (True, False),  # cares for minors
        (True, False),  # pregnant
        (True, False),  # minor siblings
        (True, False),  # concern
        ("in_deze_casus", "aparte_casus", "niet", UNSET),
        (True, False),  # question 1
        (True, False),  # the record for the chosen way is written
    )
)
KINDCHECK = [c for c in KINDCHECK if any(c[:3]) or (c[3] is False and c[4] is UNSET and c[6])]
KINDCHECK = [c for c in KINDCHECK if c[3] or (c[4] is UNSET and c[6])]


@pytest.mark.parametrize(
    "combo", KINDCHECK, ids=["-".join(str(v)[:2] for v in c) for c in KINDCHECK]
)
def test_a_positive_kindcheck_with_concern_is_followed_for_the_children(
    combo: tuple[Any, ...],
) -> None:
    minors, pregnant, siblings, concern, how, q1, written = combo
    answers = _with(
        {"client_type": "volwassene"},
        kindcheck_minderjarigen=minors,
        kindcheck_zwanger=pregnant,
        kindcheck_broers_zussen=siblings,
    )
    if any((minors, pregnant, siblings)):
        answers["kindcheck_zorg"] = concern
        if concern and how is not UNSET:
            answers["kindcheck_stappen"] = how
            if written and how == "aparte_casus":
                answers["kindcheck_aparte_casus"] = "Casus K-12, 20-11-2026 (fictief)."
            if written and how == "niet":
                answers["kindcheck_reden_niet"] = "Wijkteam is al betrokken (fictief)."
    answers[Q1] = q1
    if written and how == "in_deze_casus" and q1 is False:
        answers["afweging1_kinderen_motivatie"] = "Fictief."
    result = evaluate(get_flow("basismodel"), answers, now=NOW)
    assert result.off_path == ()
    assert ("kindcheck_zorg" in visible(result, "signalen")) is kindcheck_positive(answers)
    blocked = "kindcheck_gevolgd" in {r.id for r in result.closure_blockers}
    assert blocked is not kindcheck_followed(answers)
    if not kindcheck_followed(answers):
        # "No suspicion" about the adult alone never closes the case.
        assert not result.can_close


def test_there_are_enough_kindcheck_combinations() -> None:
    assert len(KINDCHECK) >= 30


# --- 5. Letselduiding and the verwijsindex in step 2 -----------------------------------------


@pytest.mark.parametrize("flow_id", ["basismodel", "onderwijs"])
@pytest.mark.parametrize("signals", SIGNAL_SETS, ids=["+".join(s) for s in SIGNAL_SETS])
@pytest.mark.parametrize("answer", [UNSET, "geraadpleegd", "niet_nodig"])
def test_an_injury_offers_the_letselduiding_expert(
    flow_id: str, signals: list[str], answer: str
) -> None:
    answers = _with(
        {"client_type": "kind"}
        if flow_id == "basismodel"
        else {"vermoeden_betreft": "thuissituatie"},
        signalen=signals,
    )
    if injury_expert_offered(signals) and answer is not UNSET:
        answers["letselduiding"] = answer
    result = evaluate(get_flow(flow_id), answers, now=NOW)
    shown = visible(result, "consultatie")
    offered = injury_expert_offered(signals)
    assert ("letselduiding" in shown) is offered
    assert ("letselduiding_let_op" in shown) is offered
    missing = set(result.missing)
    assert ("letselduiding" in missing) is (offered and answer is UNSET)
    assert ("letselduiding_uitkomst" in missing) is (offered and answer == "geraadpleegd")
    assert ("letselduiding_reden" in missing) is (offered and answer == "niet_nodig")


@pytest.mark.parametrize(
    ("who", "answer", "record"),
    [
        ("kind", UNSET, "verwijsindex"),
        ("kind", "gemeld", "verwijsindex_datum"),
        ("kind", "niet_gemeld", "verwijsindex_reden"),
        ("kind", "niet_bevoegd", None),
        ("volwassene", UNSET, None),  # the verwijsindex is about young people
    ],
)
def test_the_verwijsindex_is_a_question_with_a_record(
    who: str, answer: str, record: str | None
) -> None:
    answers = _with({"client_type": who}, verwijsindex=answer)
    result = evaluate(get_flow("basismodel"), answers, now=NOW)
    asked = {"verwijsindex", "verwijsindex_datum", "verwijsindex_reden"} & set(result.missing)
    assert asked == ({record} if record else set())


# --- 6. Sharing information: the legal grounds, "mag of moet delen" ---------------------------


@pytest.mark.parametrize("flow_id", ["basismodel", "onderwijs"])
def test_the_sharing_grounds_include_the_legal_duties(flow_id: str) -> None:
    ledger = get_flow(flow_id).question("informatiedeling")
    assert ledger is not None and ledger.help is not None
    grounds = ledger.field("grond")
    assert grounds is not None and {o.id for o in grounds.options} >= SHARING_GROUNDS
    assert "mag of moet delen" in ledger.help.nl and "may or must share" in ledger.help.en
    assert "Zonder toestemming alleen" not in ledger.help.nl
    assert "Without consent only" not in ledger.help.en
    step = get_flow(flow_id).step("consultatie")
    assert step is not None and "mag of moet" in step.guidance.nl


@pytest.mark.parametrize(
    "consulted", [["jeugdagent"], ["zorgcoordinator"], ["jeugdagent", "teamleider"]]
)
def test_the_jeugdagent_is_consulted_without_identifying_data(consulted: list[str]) -> None:
    answers = {"vermoeden_betreft": "thuissituatie", "consultatie_rollen": consulted}
    result = evaluate(get_flow("onderwijs"), answers, now=NOW)
    assert ("jeugdagent_let_op" in visible(result, "consultatie")) is ("jeugdagent" in consulted)
    notice = get_flow("onderwijs").question("jeugdagent_let_op")
    assert notice is not None and "zonder gegevens" in notice.text.nl
    assert "tenzij een grond" in notice.text.nl


# --- 9. Where the five questions are, and old answers ---------------------------------------

FIVE = (Q1, Q2, Q3, Q4, "afweging5_hulp_effectief")


@pytest.mark.parametrize(
    ("flow_id", "step"), [("basismodel", "beslissen"), ("onderwijs", "afweging")]
)
def test_the_five_questions_are_in_step_5_for_nji_and_step_4_for_the_school(
    flow_id: str, step: str
) -> None:
    """NJi/KNMG: "In stap 5 van het stappenplan past u het afwegingskader toe"; seed 003: step 4."""
    flow = get_flow(flow_id)
    for qid in FIVE:
        found = flow.step_of(qid)
        assert found is not None and found.id == step, qid
    found_step = flow.step(step)
    assert found_step is not None
    assert found_step.title.nl.startswith("Stap 5" if flow_id == "basismodel" else "Stap 4")


# A complete basismodel case as version 2019.1 stored it (fictitious): every id is still known.
OLD_CASE: dict[str, Any] = {
    "client_type": "kind",
    "signalen": ["letsel", "gedrag"],
    "signalen_feiten": "Blauwe plek (fictief).",
    "onthulling": False,
    "tegensignalen": False,
    "consultatie_met": "A. Jansen (fictief)",
    "consultatie_datum": "2026-11-02",
    "consultatie_uitkomst": "Fictief.",
    "advies_veilig_thuis": False,
    "gesprek_afzien": False,
    "gesprek_datum": "2026-11-04",
    "gesprek_met": "ouders",
    "gesprek_verslag": "Fictief.",
    "toestemming": "gegeven",
    Q1: True,
    "afweging1_toelichting": "Fictief.",
    Q2: False,
    Q3: True,
    Q4: True,
    "gewenste_termijn": "2026-12-01",
    "eindverantwoordelijke": "B. de Vries (fictief)",
    "motivatie_melden": "Fictief.",
    "motivatie_hulp": "Fictief.",
}


def test_stored_answers_of_version_2019_1_still_load_and_keep_their_meaning() -> None:
    from meldcode_tui.flow import parse_answers

    flow = get_flow("basismodel")
    parsed = parse_answers(flow, OLD_CASE)  # every stored id and value is still accepted
    result = evaluate(flow, parsed, now=NOW)
    assert result.off_path == ()  # nothing an old case recorded is lost from the path
    assert result.outcome is not None and result.outcome.id == "hulp_monitoren"
    assert (result.decisions.melden, result.decisions.hulp) == (False, True)
    # Only what issue 10 added is asked: the Besluit's step 2 and 4 records.
    assert set(result.missing) == {
        "letselduiding",
        "verwijsindex",
        "weging_risico",
        "weging_twijfel",
    }


# --- 11. Every changed rule cites its source, with an address --------------------------------


@pytest.mark.parametrize("flow_id", ["basismodel", "onderwijs"])
def test_every_source_has_an_address_or_a_seed_file(flow_id: str) -> None:
    flow = get_flow(flow_id)
    for source in flow.sources:
        assert source.url or source.file, source.id


ISSUE_10_QUESTIONS = (
    "onthulling_direct",
    "onthulling_woorden",
    "afweging2_onthulling_let_op",
    "afweging1_motivatie_onthulling",
    "afweging2_motivatie_onthulling",
    "afweging5_datum",
    "vt_terugkoppeling_datum",
    "hermelding_datum",
    "signalen_gevaar_let_op",
    "signalen_vgv_let_op",
    "signalen_vgv_dreiging_let_op",
    "gesprek_gevaar_let_op",
    "gesprek_gevaar_vt_datum",
    "melding_gevaar_let_op",
    "letselduiding",
    "verwijsindex",
)


@pytest.mark.parametrize("flow_id", ["basismodel", "onderwijs"])
@pytest.mark.parametrize("qid", ISSUE_10_QUESTIONS)
def test_each_new_rule_names_its_source(flow_id: str, qid: str) -> None:
    flow = get_flow(flow_id)
    question = flow.question(qid)
    assert question is not None
    assert question.sources, qid
    for sid in question.sources:
        source = flow.source(sid)
        assert source is not None and (source.url or source.file), sid
