"""School meldcode (seed 003): the afwegingskader with the school's meldnormen, staff route."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import pytest

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
    ("disclosure", {"onthulling": True, Q2: False, Q3: True, Q4: True}, ["acuut"]),
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


STAFF_CASES = [
    # (name, answers, outcome, melden, hulp, path includes ordinary steps)
    (
        "board not informed",
        {"mr_bevoegd_gezag_geinformeerd": False},
        "medewerker_bevoegd_gezag_informeren",
        None,
        None,
    ),
    (
        "not a sexual offence",
        {"mr_bevoegd_gezag_geinformeerd": True, "mr_zedendelict": False},
        "medewerker_bevoegd_gezag",
        False,
        True,
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
    ),
]


@pytest.mark.parametrize(
    ("answers", "outcome", "melden", "hulp"),
    [c[1:] for c in STAFF_CASES],
    ids=[c[0] for c in STAFF_CASES],
)
def test_staff_route_replaces_the_ordinary_steps(
    answers: dict[str, Any], outcome: str, melden: bool | None, hulp: bool | None
) -> None:
    result = evaluate(
        get_flow("onderwijs"), {"vermoeden_betreft": "medewerker", **answers}, now=NOW
    )
    assert result.path == ["signalen", "medewerker_route"]
    assert result.outcome is not None and result.outcome.id == outcome
    assert (result.decisions.melden, result.decisions.hulp) == (melden, hulp)


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
