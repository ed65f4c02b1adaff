"""No early closing (issue 10): every combination against the source rules, and `meldcode close`."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flow_cli import Run, write_answers
from issue10_sources import Q1, Q2, Q3, Q4, Q5, early_closing, staff_route_closing

from meldcode_tui.flow import evaluate, get_flow

NOW = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)
TERM = "2027-01-15"

WEIGHING = {
    "no suspicion": {Q1: False},
    "monitoring": {Q1: True, Q2: False, Q3: True, Q4: True},
    "monitoring, 5 yes": {Q1: True, Q2: False, Q3: True, Q4: True, Q5: True},
    "monitoring, 5 no": {Q1: True, Q2: False, Q3: True, Q4: True, Q5: False},
    "unsafe, help": {Q1: True, Q2: True, Q3: True, Q4: True},
    "unsafe, 5 yes": {Q1: True, Q2: True, Q3: True, Q4: True, Q5: True},
    "unsafe, 5 no": {Q1: True, Q2: True, Q3: True, Q4: True, Q5: False},
    "unsafe, no help": {Q1: True, Q2: True, Q3: False},
    # The school's meldnorm: new signals are a reason to report (seed 003).
    "school: new signals, 5 no": {Q1: True, Q2: False, Q3: True, Q4: True, Q5: False},
    "no help possible": {Q1: True, Q2: False, Q3: False},
}
REPORTS: dict[str, dict[str, Any]] = {
    "no report": {},
    "reported": {"melding_datum": "2026-11-05"},
}
AGAIN: dict[str, dict[str, Any]] = {
    "": {},
    "again same day": {"hermelding_datum": "2026-11-05"},
    "again later": {"hermelding_datum": "2027-01-20", "hermelding_terugkoppeling_datum": "x"},
    "again later, no feedback": {"hermelding_datum": "2027-01-20"},
}
FEEDBACK: dict[str, dict[str, Any]] = {
    "no feedback": {},
    "feedback date only": {"vt_terugkoppeling_datum": "2026-11-10"},
    "feedback and role": {
        "vt_terugkoppeling_datum": "2026-11-10",
        "vt_terugkoppeling_inhoud": "Veiligheidsbeoordeling (fictief).",
        "eigen_rol_na_melding": "Mentor blijft aanspreekpunt (fictief).",
    },
}
Q5_ON = {"before the term": "2027-01-10", "on the term": TERM, "after the term": "2027-01-20"}


def _case(weighing: str, report: str, again: str, feedback: str, q5_on: str) -> dict[str, Any]:
    answers: dict[str, Any] = {"client_type": "kind", "vermoeden_betreft": "thuissituatie"}
    answers.update(WEIGHING[weighing])
    if answers.get(Q4) is True:
        answers["gewenste_termijn"] = TERM
    if Q5 in answers:
        answers["afweging5_datum"] = Q5_ON[q5_on]
    answers.update(REPORTS[report])
    if weighing.startswith("school"):
        answers["nieuwe_signalen"] = True
    if (answers.get(Q2) is True or weighing.startswith("school")) and answers.get(Q5) is False:
        again_answers = dict(AGAIN[again])
        if again_answers.get("hermelding_terugkoppeling_datum") == "x":
            again_answers["hermelding_terugkoppeling_datum"] = "2027-01-22"
        answers.update(again_answers)
    if report == "reported":
        answers.update(FEEDBACK[feedback])
    return answers


def _combos() -> list[tuple[str, str, str, str, str]]:
    out = []
    for weighing, report, again, feedback, q5_on in itertools.product(
        WEIGHING, REPORTS, AGAIN, FEEDBACK, Q5_ON
    ):
        # Only vary what is on the path, so every combination is a different case.
        if again and weighing not in ("unsafe, 5 no", "school: new signals, 5 no"):
            continue
        if feedback != "no feedback" and report == "no report":
            continue
        if q5_on != "on the term" and Q5 not in WEIGHING[weighing]:
            continue
        out.append((weighing, report, again, feedback, q5_on))
    return out


COMBOS = _combos()


# New signals are the school's own meldnorm (seed 003): those combinations are for onderwijs only.
FLOW_COMBOS = [
    (flow_id, combo)
    for flow_id in ("basismodel", "onderwijs")
    for combo in COMBOS
    if flow_id == "onderwijs" or not combo[0].startswith("school")
]


@pytest.mark.parametrize(
    ("flow_id", "combo"),
    FLOW_COMBOS,
    ids=[f"{f}: " + " / ".join(filter(None, c)) for f, c in FLOW_COMBOS],
)
def test_closing_waits_for_what_the_sources_require(
    flow_id: str, combo: tuple[str, str, str, str, str]
) -> None:
    answers = _case(*combo)
    if flow_id == "basismodel":
        answers.pop("vermoeden_betreft")
    else:
        answers.pop("client_type")
        if answers[Q1] is True:
            answers.setdefault("nieuwe_signalen", False)
    result = evaluate(get_flow(flow_id), answers, now=NOW)
    assert result.off_path == ()
    assert {r.id for r in result.closure_blockers} == early_closing(answers)


def test_there_are_enough_combinations() -> None:
    assert len(COMBOS) >= 30


STAFF_STEPS: list[tuple[str, dict[str, Any]]] = [
    ("nothing yet", {}),
    ("board informed, no date", {"mr_bevoegd_gezag_geinformeerd": True}),
    ("board informed", {"mr_bevoegd_gezag_op": "2026-11-23T09:00"}),
    ("not a sexual offence", {"mr_zedendelict": False}),
    ("sexual offence", {"mr_zedendelict": True}),
    ("inspector consulted", {"mr_vertrouwensinspecteur_datum": "2026-11-23"}),
    ("no reasonable suspicion", {"mr_redelijk_vermoeden": False}),
    ("reasonable suspicion", {"mr_redelijk_vermoeden": True}),
    ("parents not told first", {"mr_betrokkenen_geinformeerd": False}),
    ("told afterwards", {"mr_betrokkenen_alsnog": "Op 24-11 alsnog (fictief)."}),
    ("parents told first", {"mr_betrokkenen_geinformeerd": True}),
    ("complaint filed", {"mr_aangifte_datum": "2026-11-25"}),
    ("inspector told of complaint", {"mr_vi_aangifte_datum": "2026-11-25"}),
]


def _staff_case(names: tuple[str, ...]) -> dict[str, Any]:
    answers: dict[str, Any] = {"vermoeden_betreft": "medewerker"}
    for name in names:
        answers.update(dict(STAFF_STEPS)[name])
    if "mr_bevoegd_gezag_op" in answers:
        answers["mr_bevoegd_gezag_geinformeerd"] = True
    return answers


STAFF_COMBOS = [
    ("nothing yet",),
    ("board informed, no date",),
    ("board informed",),
    ("board informed", "not a sexual offence"),
    ("board informed, no date", "not a sexual offence"),
    ("board informed", "sexual offence"),
    ("board informed", "sexual offence", "inspector consulted"),
    ("board informed", "sexual offence", "inspector consulted", "no reasonable suspicion"),
    ("board informed", "sexual offence", "no reasonable suspicion"),
    ("board informed", "sexual offence", "inspector consulted", "reasonable suspicion"),
    (
        "board informed",
        "sexual offence",
        "inspector consulted",
        "reasonable suspicion",
        "parents not told first",
    ),
    (
        "board informed",
        "sexual offence",
        "inspector consulted",
        "reasonable suspicion",
        "parents not told first",
        "told afterwards",
    ),
    (
        "board informed",
        "sexual offence",
        "inspector consulted",
        "reasonable suspicion",
        "parents told first",
    ),
    (
        "board informed",
        "sexual offence",
        "inspector consulted",
        "reasonable suspicion",
        "parents told first",
        "complaint filed",
    ),
    (
        "board informed",
        "sexual offence",
        "inspector consulted",
        "reasonable suspicion",
        "parents told first",
        "complaint filed",
        "inspector told of complaint",
    ),
    (
        "board informed, no date",
        "sexual offence",
        "reasonable suspicion",
        "complaint filed",
    ),
]


@pytest.mark.parametrize("names", STAFF_COMBOS, ids=[" + ".join(c) for c in STAFF_COMBOS])
def test_the_staff_route_closes_only_with_the_duties_of_wvo_art_3(names: tuple[str, ...]) -> None:
    answers = _staff_case(names)
    result = evaluate(get_flow("onderwijs"), answers, now=NOW)
    assert result.off_path == ()
    assert {r.id for r in result.closure_blockers} == staff_route_closing(answers)


# --- `meldcode close` refuses each early-closing case: exit 2 and what is missing -----------

BASIS_FILLED: dict[str, Any] = {
    "client_type": "kind",
    "signalen": ["gedrag"],
    "signalen_feiten": "Fictieve signalen.",
    "onthulling": False,
    "tegensignalen": False,
    "consultatie_met": "A. Jansen, aandachtsfunctionaris (fictief)",
    "consultatie_datum": "2026-11-02",
    "consultatie_uitkomst": "Fictief.",
    "advies_veilig_thuis": False,
    "verwijsindex": "niet_bevoegd",
    "gesprek_afzien": False,
    "gesprek_datum": "2026-11-04",
    "gesprek_met": "ouders",
    "gesprek_verslag": "Fictief.",
    "toestemming": "gegeven",
    # Step 4 weighs risk, nature and severity (Besluit art. 2 lid 2 d); the five questions
    # follow in step 5 (NJi, issue 10).
    "weging_risico": "Fictieve weging.",
    "weging_twijfel": False,
    "eindverantwoordelijke": "B. de Vries, teamleider (fictief)",
    "motivatie_melden": "Fictief.",
    "motivatie_hulp": "Fictief.",
}
STAFF_FILLED: dict[str, Any] = {
    "vermoeden_betreft": "medewerker",
    "signalen": ["gedrag"],
    "signalen_feiten": "Fictieve signalen.",
    "onthulling": False,
    "tegensignalen": False,
    "mr_bescherming_leerling": "Fictieve maatregelen.",
}
MONITORING = {Q1: True, Q2: False, Q3: True, Q4: True, "gewenste_termijn": TERM}
CLOSE_CASES = [
    # (name, flow, answers, words the refusal must contain)
    ("monitoring before question 5", "basismodel", MONITORING, "vraag 5"),
    (
        "question 5 answered before the term",
        "basismodel",
        {**MONITORING, Q5: True, "afweging5_datum": "2027-01-10"},
        "gewenste termijn",
    ),
    (
        "question 5 = no, no new report",
        "basismodel",
        {
            Q1: True,
            Q2: True,
            Q3: True,
            Q4: True,
            "gewenste_termijn": TERM,
            Q5: False,
            "afweging5_datum": TERM,
            "melding_besproken": "ja",
            "melding_datum": "2026-11-05",
            "vt_terugkoppeling_datum": "2026-11-10",
            "vt_terugkoppeling_inhoud": "Fictief.",
            "eigen_rol_na_melding": "Fictief.",
            "hermelding_datum": "2026-11-05",
        },
        "nieuwe melding",
    ),
    (
        "reported, no feedback from Veilig Thuis",
        "basismodel",
        {Q1: True, Q2: True, Q3: False, "melding_besproken": "ja", "melding_datum": "2026-11-05"},
        "terugkoppeling van Veilig Thuis",
    ),
    (
        "reported, own role not recorded",
        "basismodel",
        {
            Q1: True,
            Q2: False,
            Q3: False,
            "melding_besproken": "ja",
            "melding_datum": "2026-11-05",
            "vt_terugkoppeling_datum": "2026-11-10",
            "vt_terugkoppeling_inhoud": "Fictief.",
        },
        "eigen rol",
    ),
    ("staff route, board not informed", "onderwijs", {}, "bevoegd gezag"),
    (
        "staff route, complaint without informing the parents first",
        "onderwijs",
        {
            "mr_bevoegd_gezag_geinformeerd": True,
            "mr_bevoegd_gezag_op": "2026-11-23T09:00",
            "mr_zedendelict": True,
            "mr_vertrouwensinspecteur_datum": "2026-11-23",
            "mr_redelijk_vermoeden": True,
            "mr_aangifte_datum": "2026-11-25",
            "mr_vi_aangifte_datum": "2026-11-25",
        },
        "vóór de aangifte",
    ),
]


def _new(cli: Run, tmp_path: Path, flow: str, answers: dict[str, Any]) -> str:
    # Recorded on the day question 5 was answered: that date has happened, the term may still
    # be to come (issue 12: dates on the right side of today).
    day = answers.get("afweging5_datum")
    created = cli(
        "new",
        "--flow",
        flow,
        "--title",
        "Casus (fictief)",
        "--answers",
        str(write_answers(tmp_path, "answers", answers)),
        now=f"{day}T12:00" if day else None,
    )
    assert created.exit_code == 0, created.output
    return created.output.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("flow", "answers", "words"),
    [c[1:] for c in CLOSE_CASES],
    ids=[c[0] for c in CLOSE_CASES],
)
def test_meldcode_close_refuses_with_what_is_missing(
    cli: Run, tmp_path: Path, flow: str, answers: dict[str, Any], words: str
) -> None:
    base = BASIS_FILLED if flow == "basismodel" else STAFF_FILLED
    case = _new(cli, tmp_path, flow, {**base, **answers})
    refused = cli("close", case, now="2027-02-01T12:00")
    assert refused.exit_code == 2, refused.output
    assert words in refused.output
    assert "Traceback" not in refused.output
    listed = cli("list", "--json", now="2027-02-01T12:00")
    assert '"closed"' not in listed.output  # nothing was changed


def test_meldcode_close_closes_once_everything_is_recorded(cli: Run, tmp_path: Path) -> None:
    answers = {
        **BASIS_FILLED,
        **MONITORING,
        Q5: True,
        "afweging5_datum": TERM,
    }
    case = _new(cli, tmp_path, "basismodel", answers)
    closed = cli("close", case, now="2027-02-01T12:00")
    assert closed.exit_code == 0, closed.output


# --- the Veilig Thuis feedback limit: five working days after the report --------------------


@pytest.mark.parametrize("flow_id", ["basismodel", "onderwijs"])
@pytest.mark.parametrize(
    ("reported", "due_day"),
    [
        ("2026-11-23", "2026-11-30"),  # Monday -> the next Monday
        ("2026-11-26", "2026-12-03"),  # Thursday -> Thursday (the weekend does not count)
        ("2026-11-27", "2026-12-04"),  # Friday -> Friday
    ],
)
def test_veilig_thuis_feedback_is_due_five_working_days_after_the_report(
    flow_id: str, reported: str, due_day: str
) -> None:
    """VT5: "heeft de organisatie vijf werkdagen om een veiligheidsbeoordeling te maken"."""
    answers: dict[str, Any] = {Q1: True, Q2: True, Q3: False, "melding_datum": reported}
    answers.update(
        {"client_type": "kind"}
        if flow_id == "basismodel"
        else {"vermoeden_betreft": "thuissituatie"}
    )
    result = evaluate(get_flow(flow_id), answers, now=NOW)
    (limit,) = [d for d in result.deadlines if d.rule.id == "terugkoppeling_veilig_thuis"]
    assert limit.due.date().isoformat() == due_day
    assert limit.overdue  # NOW is in February 2027
    assert limit.rule.overdue is not None
    assert limit.rule.overdue.nl.startswith("Geen terugkoppeling: bel Veilig Thuis")
    assert result.status == "open"


def test_meldcode_due_prompts_to_call_veilig_thuis(cli: Run, tmp_path: Path) -> None:
    answers = {
        **BASIS_FILLED,
        Q1: True,
        Q2: True,
        Q3: False,
        "melding_besproken": "ja",
        "melding_datum": "2026-11-26",
    }
    _new(cli, tmp_path, "basismodel", answers)
    early = cli("due", now="2026-12-02T12:00")
    assert early.exit_code == 0 and "Geen terugkoppeling" not in early.output
    late = cli("due", now="2026-12-04T12:00")
    assert late.exit_code == 0, late.output
    assert "Geen terugkoppeling: bel Veilig Thuis" in late.output
