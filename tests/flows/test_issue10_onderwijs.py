"""Onderwijs, issue 10: rules from the sources, table-driven (expected: issue10_sources)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import pytest
from issue10_sources import (
    Q1,
    Q2,
    disclosure_needs_motivation,
    disclosure_records,
    leadership_suspect_closing,
    pupils_route,
)

from meldcode_tui.flow import evaluate, get_flow

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
UNSET = "-"
HOME: dict[str, Any] = {"vermoeden_betreft": "thuissituatie"}
STAFF: dict[str, Any] = {"vermoeden_betreft": "medewerker"}


def _with(base: dict[str, Any], **values: Any) -> dict[str, Any]:
    return {**base, **{k: v for k, v in values.items() if v is not UNSET}}


def on_path(result: Any) -> set[str]:
    return {q.id for s in result.steps for q in s.visible}


# --- 1. A disclosure informs, it does not decide --------------------------------------------

COMBOS = list(itertools.product((True, False), (True, False, UNSET), (True, False, UNSET)))


@pytest.mark.parametrize(
    ("disclosure", "q1", "q2"), COMBOS, ids=["-".join(str(v)[0] for v in c) for c in COMBOS]
)
def test_a_pupils_disclosure_asks_for_records_and_a_motivated_no(
    disclosure: bool, q1: Any, q2: Any
) -> None:
    answers = _with(HOME, onthulling=disclosure, nieuwe_signalen=False, **{Q1: q1, Q2: q2})
    if q2 is True:
        answers["onveiligheid_soort"] = "acuut"
    result = evaluate(get_flow("onderwijs"), answers, now=NOW)
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
    assert ("onthulling_direct" in on_path(result)) is disclosure
    # The school's meldnorm "acuut" follows the professional's judgement, not the disclosure.
    assert ("acuut" in result.meldnormen) is (q1 is True and q2 is True)


def test_a_disclosure_about_staff_points_to_the_board_not_veilig_thuis() -> None:
    result = evaluate(get_flow("onderwijs"), {**STAFF, "onthulling": True}, now=NOW)
    shown = on_path(result)
    assert "onthulling_direct_medewerker" in shown and "onthulling_direct" not in shown
    assert {"onthulling_datum", "onthulling_woorden"} <= set(result.missing)
    assert "onthulling_vt_datum" not in shown
    notice = get_flow("onderwijs").question("onthulling_direct_medewerker")
    assert notice is not None and "bevoegd gezag" in notice.text.nl


# --- 7. The school's staff route and the pupils route -----------------------------------------


def test_the_staff_route_covers_everyone_with_tasks_for_the_school() -> None:
    flow = get_flow("onderwijs")
    choice = flow.question("vermoeden_betreft")
    assert choice is not None
    option = choice.option("medewerker")
    assert option is not None
    for who in ("medewerker", "vrijwilliger", "stagiair", "coach", "bestuurslid"):
        assert who in option.label.nl
    assert choice.option("leerlingen") is not None
    step = flow.step("medewerker_route")
    assert step is not None and "met taken belast" in step.guidance.nl


LEADERSHIP = list(
    itertools.product(
        ("medewerker", "schoolleider", "bestuurder"),
        (True, False),  # inspector consulted directly (date)
        (True, False),  # another board member informed
    )
)


@pytest.mark.parametrize(("who", "vi", "other"), LEADERSHIP)
def test_a_suspected_leader_or_board_member_goes_straight_to_the_inspector(
    who: str, vi: bool, other: bool
) -> None:
    answers: dict[str, Any] = {**STAFF, "mr_verdachte_functie": who}
    leadership = who != "medewerker"
    if leadership and vi:
        answers["mr_vi_direct_datum"] = "2026-11-23"
    if leadership and other:
        answers["mr_ander_bestuur"] = "Voorzitter raad van toezicht (fictief)"
    result = evaluate(get_flow("onderwijs"), answers, now=NOW)
    assert result.off_path == ()
    assert ("mr_leiding_let_op" in on_path(result)) is leadership
    blocked = "leiding_vertrouwensinspecteur" in {r.id for r in result.closure_blockers}
    assert blocked is leadership_suspect_closing(answers)


def test_the_staff_route_decision_screen_is_not_the_afwegingskader() -> None:
    flow = get_flow("onderwijs")
    for answers in ({}, {"mr_bevoegd_gezag_geinformeerd": False}):
        result = evaluate(flow, {**STAFF, **answers}, now=NOW)
        label = result.decision_label("path", "nl")
        assert label is not None and "afwegingskader" not in label and "route" in label
    home = evaluate(flow, {**HOME, Q1: False}, now=NOW)
    assert home.decision_label("path", "nl") is None  # the afwegingskader, as the app says


@pytest.mark.parametrize("dated", [False, True])
def test_record_the_complaint_date_disappears_once_recorded(dated: bool) -> None:
    answers: dict[str, Any] = {
        **STAFF,
        "mr_bevoegd_gezag_geinformeerd": True,
        "mr_zedendelict": True,
        "mr_redelijk_vermoeden": True,
    }
    if dated:
        answers["mr_aangifte_datum"] = "2026-11-25"
    result = evaluate(get_flow("onderwijs"), answers, now=NOW)
    assert result.outcome is not None
    steps = [s.nl for s in result.outcome.next_steps]
    assert ("Leg de datum van de aangifte vast." in steps) is not dated
    assert (result.decisions.melden, result.decisions.hulp) == (True, True)


PUPILS = list(
    itertools.product(
        ("groen", "geel", "rood", "zwart", UNSET),
        (True, False),  # outside consultation recorded
        (True, False, UNSET),  # abuse at home suspected
        (True, False),  # the meldcode case for that pupil recorded
    )
)


@pytest.mark.parametrize(
    ("level", "consulted", "home", "case"),
    PUPILS,
    ids=["-".join(str(v)[:2] for v in c) for c in PUPILS],
)
def test_the_pupils_route(level: str, consulted: bool, home: Any, case: bool) -> None:
    answers = _with({"vermoeden_betreft": "leerlingen"}, ll_ernst=level, ll_zorg_thuis=home)
    if level in ("rood", "zwart") and consulted:
        answers["ll_extern_overleg"] = "2026-11-23"
    if home is True and case:
        answers["ll_meldcode_casus"] = "Casus T-3 (fictief)"
    result = evaluate(get_flow("onderwijs"), answers, now=NOW)
    assert result.off_path == ()
    assert result.path == ["signalen", "leerlingen_route"]
    melden, hulp, blockers = pupils_route(answers)
    assert (result.decisions.melden, result.decisions.hulp) == (melden, hulp)
    assert {r.id for r in result.closure_blockers} == blockers
    assert "ll_ouders_geinformeerd" in result.missing  # parents are always informed
    label = result.decision_label("path", "nl")
    assert label is not None and "leerlingen" in label


# --- 8. Record keeping -----------------------------------------------------------------------


@pytest.mark.parametrize("flow_id", ["onderwijs", "basismodel"])
def test_the_reminders_say_the_steps_belong_in_the_file_parents_may_inspect_it(
    flow_id: str,
) -> None:
    flow = get_flow(flow_id)
    reminders = [s.reminder for s in flow.steps if s.reminder is not None]
    assert reminders
    for reminder in reminders:
        assert "alleen een korte" not in reminder.nl and "only a short" not in reminder.en
    texts = " ".join(r.nl for r in reminders)
    assert "AVG art. 15" in texts and "afschermen" in texts and "met wie je overlegde" in texts


def test_no_raw_role_id_reaches_an_export() -> None:
    """A note and an answer by `alle_medewerkers` read as the role's words in every format."""
    from meldcode_tui.store.records import AnswerChange, Case, CaseSummary, Note
    from meldcode_tui.summary import FORMATS, build_summary, render

    flow = get_flow("onderwijs")
    moment = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    answers: dict[str, Any] = {"vermoeden_betreft": "thuissituatie", "signalen": ["gedrag"]}
    history = [
        AnswerChange(qid, value, None, "alle_medewerkers", moment) for qid, value in answers.items()
    ]
    summary = CaseSummary(
        id="abc12345",
        title="Fictieve casus",
        flow_id="onderwijs",
        status="open",
        created_at=moment,
        updated_at=moment,
        next_deadline=None,
        current_step="signalen",
        melden=None,
        hulp=None,
    )
    notes = [Note("n1", "feit", "Fictief feit.", "signalen", "ot_medewerker", moment)]
    case = Case(summary=summary, answers=answers, history=history, notes=notes, actions=[])
    result = evaluate(flow, answers, now=NOW)
    for layer in ("record", "full"):
        built = build_summary(flow, case, result, lang="nl", layer=layer, now=NOW)
        for fmt in FORMATS:
            if fmt == "pdf":
                continue  # compressed; the text formats carry the same words
            out = render(built, fmt).decode("utf-8")
            assert "alle_medewerkers" not in out and "ot_medewerker" not in out, (layer, fmt)
            assert "alle medewerkers van school" in out, (layer, fmt)


OLD_STAFF_CASE: dict[str, Any] = {
    "vermoeden_betreft": "medewerker",
    "signalen": ["seksueel"],
    "signalen_feiten": "Fictief.",
    "onthulling": False,
    "tegensignalen": False,
    "mr_bevoegd_gezag_geinformeerd": True,
    "mr_bevoegd_gezag_op": "2026-11-20T09:00+00:00",
    "mr_zedendelict": True,
    "mr_vertrouwensinspecteur_datum": "2026-11-20",
    "mr_redelijk_vermoeden": True,
    "mr_aangifte_datum": "2026-11-21",
    "mr_betrokkenen_geinformeerd": True,
    "mr_bescherming_leerling": "Fictief.",
}


def test_stored_staff_route_answers_of_2025_2_still_load() -> None:
    from meldcode_tui.flow import parse_answers

    flow = get_flow("onderwijs")
    result = evaluate(flow, parse_answers(flow, OLD_STAFF_CASE), now=NOW)
    assert result.off_path == ()
    assert result.outcome is not None and result.outcome.id == "medewerker_aangifte_gedaan"
    # What issue 10 added: who the suspect is, and the inspector told of the complaint.
    assert set(result.missing) == {"mr_verdachte_functie", "mr_vi_aangifte_datum"}
