"""Closing needs both decisions taken: an outcome that leaves melden or hulp open never closes.

The rule (flows/README.md, "Closure rules"): a case may be closed only when every closure rule
holds, no required question on the path is open, and its outcome takes both decisions (a
flow's "no suspicion" outcome takes them as no). Everything else is a step on the way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from complete_case import NOW_ENV, complete_case
from flow_cli import Run, write_answers

from meldcode_tui.casework import closure_reason
from meldcode_tui.flow import get_flow, shipped_flows
from meldcode_tui.flow.decision_table import NO, decision_table, table_json
from meldcode_tui.flow.reach import Reach
from meldcode_tui.i18n import set_language

FLOW_IDS = sorted(shipped_flows())

# Outcomes that leave a decision open while every closure rule can hold: only the new rule
# keeps these cases open (found by the reviewers; the search below must find them too).
KNOWN = {
    ("api-integriteit", "eerst_overleg_melder"),
    ("safeguarding", "actieplan_nodig"),
}


def _closable_rows(flow_id: str) -> list[tuple[str, tuple[str, ...], dict[str, Any], bool]]:
    """Per decision-table row whose closure rules can hold: a complete case on that row.

    (outcome, decisions left open, answers, can_close). Decided outcomes: one row each.
    """
    flow = get_flow(flow_id)
    reach = Reach(flow)
    found = []
    decided_seen: set[str] = set()
    for row in decision_table(flow).rows:
        if row.refused or row.outcome is None:
            continue
        if not row.undecided and row.outcome.id in decided_seen:
            continue
        case = complete_case(flow, row.answers, row.outcome.id, reach)
        if case is None:
            continue
        answers, result = case
        assert not result.missing and not result.closure_blockers
        if not row.undecided:
            decided_seen.add(row.outcome.id)
        assert result.undecided == row.undecided
        found.append((row.outcome.id, row.undecided, answers, result.can_close))
    return found


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_a_complete_case_closes_exactly_when_both_decisions_are_taken(flow_id: str) -> None:
    rows = _closable_rows(flow_id)
    assert any(not undecided for _, undecided, _, _ in rows), "no closable case found at all"
    for outcome, undecided, answers, can_close in rows:
        assert can_close is (not undecided), (outcome, answers)
    reached = {(flow_id, outcome) for outcome, undecided, _, _ in rows if undecided}
    assert reached >= {known for known in KNOWN if known[0] == flow_id}


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_the_decision_table_never_offers_to_close_an_undecided_outcome(flow_id: str) -> None:
    table = table_json(decision_table(get_flow(flow_id)), "nl")
    for row in table["rows"]:
        open_ones = [k for k, v in row["decisions"].items() if v is None]
        assert row["closure"]["undecided"] == open_ones
        if open_ones:
            assert row["may_close"] == NO, row


# (flow, pinned answers, language, words the refusal must contain)
REFUSALS = [
    (
        "api-integriteit",
        {"bedreigend": True, "overleg_melder_politie": False, "afgehandeld": True},
        "nl",
        [
            "nog niet besloten",
            "Politie of een andere instantie gecontacteerd",
            " en ",
            "Doorverwezen naar de hulpverlening",
            "Overleg eerst met de melder",
        ],
    ),
    (
        "api-integriteit",
        {"bedreigend": True, "overleg_melder_politie": False, "afgehandeld": True},
        "en",
        [
            "not decided yet",
            "Police or another authority contacted",
            " and ",
            "Referred to professional help",
            "Consult the reporter first",
        ],
    ),
    (
        "safeguarding",
        {"route": []},
        "nl",
        ["nog niet besloten", "Extern antwoord", "Intern antwoord", "Kies een interne"],
    ),
    (
        "safeguarding",
        {"route": []},
        "en",
        ["not decided yet", "External response", "Internal response", "Choose an internal"],
    ),
]


@pytest.mark.parametrize(("flow_id", "pinned", "lang", "words"), REFUSALS)
def test_the_refusal_names_the_decisions_still_open(
    flow_id: str, pinned: dict[str, Any], lang: str, words: list[str]
) -> None:
    flow = get_flow(flow_id)
    outcome = {"api-integriteit": "eerst_overleg_melder", "safeguarding": "actieplan_nodig"}
    case = complete_case(flow, pinned, outcome[flow_id])
    assert case is not None
    set_language(lang)
    try:
        reason = closure_reason(case[1], lang)
    finally:
        set_language("nl")
    for word in words:
        assert word in reason, reason
    # Nothing else is missing: the decisions are the only reason.
    assert reason.startswith(words[0])


def _new(cli: Run, tmp_path: Path, flow: str, answers: dict[str, Any]) -> str:
    path = write_answers(tmp_path, f"new-{flow}", answers)
    made = cli("new", "--flow", flow, "--title", "Casus (fictief)", "--answers", str(path))
    assert made.exit_code == 0, made.output
    return made.output.strip().splitlines()[-1]


def test_meldcode_close_refuses_a_threatening_report_without_the_reporter(
    cli: Run, tmp_path: Path
) -> None:
    flow = get_flow("api-integriteit")
    pinned = {"bedreigend": True, "overleg_melder_politie": False, "afgehandeld": True}
    case = complete_case(flow, pinned, "eerst_overleg_melder")
    assert case is not None
    answers = case[0]
    assert answers["grenzen_uitgelegd"] is True
    case_id = _new(cli, tmp_path, "api-integriteit", answers)

    refused = cli("close", case_id, now=NOW_ENV)
    assert refused.exit_code == 2
    lines = [line for line in refused.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "kan niet worden gesloten" in lines[0]
    assert "nog niet besloten" in lines[0] and "Overleg eerst met de melder" in lines[0]
    english = cli("--lang", "en", "close", case_id, now=NOW_ENV)
    assert english.exit_code == 2 and "not decided yet" in english.output

    # Once the reporter is consulted and the police contacted, both decisions are taken.
    consulted = {
        "overleg_melder_politie": True,
        "instantie_gecontacteerd": "politie",
        "instantie_op": "2026-11-20T09:30+00:00",
    }
    saved = cli("answer", case_id, "--answers", str(write_answers(tmp_path, "ok", consulted)))
    assert saved.exit_code == 0, saved.output
    closed = cli("close", case_id, now=NOW_ENV)
    assert closed.exit_code == 0, closed.output


def test_the_wizard_says_which_decisions_are_still_open() -> None:
    from meldcode_tui.tui.screens.close_case import first_to_answer, missing_text

    flow = get_flow("safeguarding")
    case = complete_case(flow, {"route": []}, "actieplan_nodig")
    assert case is not None
    shown = missing_text(case[1], "nl").plain
    assert "nog niet besloten" in shown and "Kies een interne en/of externe route" in shown
    assert first_to_answer(case[1]) is None  # nothing to answer: a decision to take
