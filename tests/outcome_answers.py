"""Answers shared by tests: a recorded kindveiligheid report, and answers for an outcome."""

from __future__ import annotations

from typing import Any

from meldcode_tui.flow import get_flow

# A kindveiligheid report with everything but the response (fictitious).
KIND_MELDING: dict[str, Any] = {
    "incident_datum": "2026-11-20",
    "gemeld_door": "vrijwilliger",
    "omschrijving": "Fictieve melding.",
    "kind_gehoord": True,
    "melder_gehoord": True,
    "kind_in_zorg": True,
    "categorie": ["verwaarlozing"],
    "vermoedelijke_pleger": "buiten_organisatie",
    "direct_gevaar": False,
}


def answers_for_outcome(flow_id: str, outcome_id: str) -> dict[str, Any]:
    """Satisfy every comparison of an outcome whose condition is a plain `all` of tests."""
    flow = get_flow(flow_id)
    outcome = flow.outcome(outcome_id)
    assert outcome is not None and outcome.when is not None
    answers: dict[str, Any] = {}
    for ref in outcome.when.references():
        question = flow.question(ref.question)
        assert question is not None
        if ref.op == "equals":
            answers[ref.question] = ref.value
        elif ref.op == "answered":
            answers[ref.question] = "2026-11-20" if question.type == "date" else "x"
        elif ref.op == "contains":
            answers[ref.question] = [ref.value]
        elif ref.op == "in":
            answers[ref.question] = ref.value[0]
    return answers
