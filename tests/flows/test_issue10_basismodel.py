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
    disclosure_needs_motivation,
    disclosure_records,
    family_talk_endangers,
    fgm_officer,
    fgm_threat,
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
