"""Onderwijs, issue 10: rules from the sources, table-driven (expected: issue10_sources)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import pytest
from issue10_sources import Q1, Q2, disclosure_needs_motivation, disclosure_records

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
