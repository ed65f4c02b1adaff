"""Every meaningful combination of the five afwegingsvragen gives the right two decisions."""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from meldcode_tui.flow import evaluate, get_flow

Q1, Q2, Q3, Q4, Q5 = (
    "afweging1_vermoeden",
    "afweging2_onveiligheid",
    "afweging3_hulp_mogelijk",
    "afweging4_hulp_aanvaard",
    "afweging5_hulp_effectief",
)
UNSET = "-"


def expected(q1: Any, q2: Any, q3: Any, q4: Any, q5: Any, disclosure: bool) -> tuple[Any, Any]:
    """The afwegingskader written out independently of the flow file, as DESIGN.md states it.

    A child's disclosure informs, it does not decide (issue 10): NJi ties acute unsafety to
    direct physical danger as the professional judges it at question 2, so the decisions follow
    the five answers alone, with or without a disclosure.
    """
    del disclosure
    if q1 is False:
        return False, False
    if q1 is UNSET:
        return None, None  # questions 2 to 5 come only after a yes to question 1
    acute = q2 is True
    # Questions 4 and 5 only exist on the path after a yes to 3 (and 4).
    q4 = q4 if q3 is True else UNSET
    q5 = q5 if (q3 is True and q4 is True) else UNSET
    if acute:
        if q3 is True and q4 is True:
            return True, True
        if q3 is False or q4 is False:
            return True, False
        return True, None
    if q3 is False or q4 is False:
        return True, False
    if q3 is True and q4 is True:
        if q5 is False:
            return True, True  # (opnieuw) melden; help continues alongside
        return False, True
    return None, None


VALUES = (True, False, UNSET)
CASES = [
    (q1, q2, q3, q4, q5, disclosure)
    for q1, q2, q3, q4, q5, disclosure in itertools.product(
        VALUES, VALUES, VALUES, VALUES, VALUES, (False, True)
    )
]


def answers_for(q1: Any, q2: Any, q3: Any, q4: Any, q5: Any, disclosure: bool) -> dict[str, Any]:
    # The disclosure question is asked about a child (an adult's account is weighed in step 4).
    answers: dict[str, Any] = {"client_type": "kind", "onthulling": disclosure}
    for qid, value in zip((Q1, Q2, Q3, Q4, Q5), (q1, q2, q3, q4, q5), strict=True):
        if value is not UNSET:
            answers[qid] = value
    return answers


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(str(v)[0] for v in c))
def test_decisions_for_every_combination(case: tuple[Any, ...]) -> None:
    flow = get_flow("basismodel")
    result = evaluate(flow, answers_for(*case))
    want_melden, want_hulp = expected(*case)
    assert (result.decisions.melden, result.decisions.hulp) == (want_melden, want_hulp)


FULL_BASE: dict[str, Any] = {
    "client_type": "kind",
    "signalen": ["letsel", "gedrag"],
    "signalen_feiten": "Blauwe plek op de arm gezien op maandag (fictief).",
    "onthulling": False,
    "tegensignalen": False,
    "consultatie_met": "A. Jansen, aandachtsfunctionaris",
    "consultatie_datum": "2026-11-02",
    "consultatie_uitkomst": "Signalen herkend, stap 3 afgesproken.",
    "advies_veilig_thuis": False,
    # Besluit art. 2: letselduiding offered with an injury; the verwijsindex asked (issue 10).
    "letselduiding": "niet_nodig",
    "letselduiding_reden": "Huisarts heeft het letsel al beoordeeld (fictief).",
    "verwijsindex": "niet_bevoegd",
    "gesprek_afzien": False,
    "gesprek_datum": "2026-11-04",
    "gesprek_met": "ouders",
    "gesprek_verslag": "Ouders herkennen de zorgen.",
    "toestemming": "gegeven",
    # Step 4 weighs risk, nature and severity (Besluit art. 2 lid 2 d); the five questions
    # follow in step 5 (NJi, issue 10).
    "weging_risico": "Fictieve weging.",
    "weging_twijfel": False,
    "eindverantwoordelijke": "B. de Vries, teamleider",
    "motivatie_melden": "Zie afweging.",
    "motivatie_hulp": "Zie afweging.",
}


# Question 5 is answered on (or after) the desired term, and that date is recorded (issue 10).
TERM = {"gewenste_termijn": "2027-01-15", "afweging5_datum": "2027-01-15"}
# A reason to report asks whether the report was discussed beforehand, and the case closes only
# once the report's date, Veilig Thuis's feedback and the own role are recorded (issue 10).
REPORTED = {
    "melding_besproken": "ja",
    "melding_datum": "2026-11-05",
    "vt_terugkoppeling_datum": "2026-11-10",
    "vt_terugkoppeling_inhoud": "Veilig Thuis doet een veiligheidsbeoordeling (fictief).",
    "eigen_rol_na_melding": "Mentor blijft aanspreekpunt op school (fictief).",
}


@pytest.mark.parametrize(
    ("afweging", "outcome", "status", "melden", "hulp"),
    [
        ({Q1: False}, "geen_vermoeden", "closed", False, False),
        (
            {Q1: True, Q2: True, Q3: True, Q4: True, **TERM, **REPORTED},
            "melden_en_hulp",
            "open",
            True,
            True,
        ),
        (
            {Q1: True, Q2: True, Q3: True, Q4: True, **TERM, Q5: True, **REPORTED},
            "gemeld_hulp_afsluiten",
            "closed",
            True,
            True,
        ),
        (
            {Q1: True, Q2: True, Q3: True, Q4: True, **TERM, Q5: False, **REPORTED},
            "gemeld_opnieuw_melden",
            "open",
            True,
            True,
        ),
        ({Q1: True, Q2: True, Q3: False, **REPORTED}, "melden_acuut", "closed", True, False),
        ({Q1: True, Q2: False, Q3: False, **REPORTED}, "melden_geen_hulp", "closed", True, False),
        (
            {Q1: True, Q2: False, Q3: True, Q4: False, **REPORTED},
            "melden_geen_hulp",
            "closed",
            True,
            False,
        ),
        (
            {Q1: True, Q2: False, Q3: True, Q4: True, **TERM},
            "hulp_monitoren",
            "monitoring",
            False,
            True,
        ),
        (
            {Q1: True, Q2: False, Q3: True, Q4: True, **TERM, Q5: True},
            "hulp_afsluiten",
            "closed",
            False,
            True,
        ),
        (
            {Q1: True, Q2: False, Q3: True, Q4: True, **TERM, Q5: False, **REPORTED},
            "opnieuw_melden",
            "open",
            True,
            True,
        ),
    ],
)
def test_complete_walkthroughs(
    afweging: dict[str, Any], outcome: str, status: str, melden: bool, hulp: bool
) -> None:
    result = evaluate(get_flow("basismodel"), {**FULL_BASE, **afweging})
    assert result.missing == []
    assert result.complete
    assert result.outcome is not None and result.outcome.id == outcome
    assert result.status == status
    assert (result.decisions.melden, result.decisions.hulp) == (melden, hulp)


@pytest.mark.parametrize(
    "afweging",
    [{Q1: True, Q2: True, Q3: False}, {Q1: True, Q2: False, Q3: False}],
)
def test_a_due_report_keeps_the_case_open_until_it_is_recorded(afweging: dict[str, Any]) -> None:
    flow = get_flow("basismodel")
    waiting = evaluate(flow, {**FULL_BASE, **afweging})
    assert waiting.missing == ["melding_besproken"]
    answered = evaluate(flow, {**FULL_BASE, **afweging, "melding_besproken": "nee_veiligheid"})
    assert answered.complete and answered.decisions.melden is True
    assert answered.status == "open"
    assert [b.id for b in answered.closure_blockers] == ["melding_vastgelegd"]
    dated = {**FULL_BASE, **afweging, "melding_besproken": "nee_veiligheid"}
    dated["melding_datum"] = "2026-11-05"
    reported = evaluate(flow, dated)
    # Reported, but Veilig Thuis's feedback and the own role are still to be recorded.
    assert reported.status == "open"
    assert [b.id for b in reported.closure_blockers] == [
        "terugkoppeling_vastgelegd",
        "eigen_rol_vastgelegd",
    ]
    done = evaluate(flow, {**dated, **REPORTED, "melding_besproken": "nee_veiligheid"})
    assert done.status == "closed" and done.closure_blockers == ()


def test_a_disclosure_does_not_decide_but_a_no_needs_a_motivation() -> None:
    """A child's disclosure is not an automatic report; for an adult it is not asked."""
    flow = get_flow("basismodel")
    adult = {"client_type": "volwassene", "onthulling": True, Q1: False}
    result = evaluate(flow, adult)
    assert "onthulling" in result.off_path
    assert (result.decisions.melden, result.decisions.hulp) == (False, False)
    child = evaluate(flow, {"client_type": "kind", "onthulling": True, Q1: False})
    assert (child.decisions.melden, child.decisions.hulp) == (False, False)
    assert "afweging1_motivatie_onthulling" in child.missing


def test_not_complete_without_both_motivations() -> None:
    answers = {**FULL_BASE, Q1: False}
    del answers["motivatie_hulp"]
    result = evaluate(get_flow("basismodel"), answers)
    assert not result.complete
    assert result.missing == ["motivatie_hulp"]
    assert result.current_step == "beslissen"


@pytest.mark.parametrize(
    "case",
    [
        (False, UNSET, UNSET, UNSET, UNSET, False),
        (True, True, UNSET, UNSET, UNSET, False),
        (True, True, True, True, UNSET, False),
        (True, False, True, True, UNSET, False),
        (True, False, True, True, False, False),
        (True, False, False, UNSET, UNSET, False),
        (False, UNSET, UNSET, UNSET, UNSET, True),
    ],
)
def test_installed_command_gives_the_decisions(
    tmp_path: Path, case: tuple[Any, ...], meldcode_script: str
) -> None:
    """The documented contract: `meldcode flows evaluate basismodel --answers a.toml --json`."""
    answers = answers_for(*case)
    lines = [f"{k} = {json.dumps(v)}" for k, v in answers.items()]
    file = tmp_path / "a.toml"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [
            meldcode_script,
            "flows",
            "evaluate",
            "basismodel",
            "--answers",
            str(file),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    want_melden, want_hulp = expected(*case)
    assert data["decisions"] == {"melden": want_melden, "hulp": want_hulp}
    assert {"flow", "complete", "path", "outcome", "decisions", "missing"} <= set(data)
    assert data["complete"] is False
    assert "signalen_feiten" in data["missing"]
