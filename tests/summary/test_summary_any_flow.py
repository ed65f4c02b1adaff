"""The summary works for every shipped flow, generically: empty and half-answered cases."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from meldcode_tui.flow import evaluate, shipped_flows
from meldcode_tui.store.records import Case, CaseSummary, Note
from meldcode_tui.summary import FORMATS, build_summary, render

NOW = datetime(2025, 3, 6, 12, tzinfo=UTC)


def bare_case(flow_id: str, answers: dict[str, object]) -> Case:
    summary = CaseSummary(
        id="abc12345",
        title="Zorg om [[Zoë Ïsmaël]]",
        flow_id=flow_id,
        status="open",
        created_at=NOW,
        updated_at=NOW,
        next_deadline=None,
        current_step=None,
        melden=None,
        hulp=None,
    )
    note = Note("n1", "feit", "Zoë had een blauwe plek.", None, "mentor", NOW)
    return Case(summary=summary, answers=answers, history=[], notes=[note], actions=[])


def first_answers(flow_id: str) -> dict[str, object]:
    """Answer the first step's yes/no and choice questions, so a path starts."""
    flow = shipped_flows()[flow_id]
    out: dict[str, object] = {}
    for q in flow.steps[0].questions:
        if q.type == "yesno":
            out[q.id] = True
        elif q.type == "choice" and q.options:
            out[q.id] = q.options[0].id
    return out


@pytest.mark.parametrize("flow_id", sorted(shipped_flows()))
@pytest.mark.parametrize("half", [False, True])
def test_every_flow_exports_in_every_format(flow_id: str, half: bool) -> None:
    flow = shipped_flows()[flow_id]
    case = bare_case(flow_id, first_answers(flow_id) if half else {})
    evaluation = evaluate(flow, case.answers, now=NOW)
    for lang in ("nl", "en"):
        s = build_summary(
            flow, case, evaluation, (), lang=lang, layer="full", now=NOW, pseudonymise=True
        )
        out = {fmt: render(s, fmt) for fmt in FORMATS}
        data = json.loads(out["json"])
        assert data["decisions"] == evaluation.to_json()["decisions"]
        assert data["protocol"]["id"] == flow_id
        assert [st["id"] for st in data["steps"]] == evaluation.path
        text = out["txt"].decode()
        assert flow.title.get(lang) in " ".join(text.split())
        assert "Z.Ï." in text and "Zoë" not in text
        assert out["pdf"].startswith(b"%PDF")


def test_conditional_meldnormen_of_the_school_flow_reach_the_summary() -> None:
    """A meldnorm with its own condition (onderwijs: structural unsafety) is listed too."""
    flow = shipped_flows()["onderwijs"]
    norm = flow.meldnorm("structureel")
    assert norm is not None and norm.when is not None
    answers: dict[str, object] = {
        "vermoeden_betreft": "thuissituatie",
        "afweging1_vermoeden": True,
        "afweging2_onveiligheid": True,
        "onveiligheid_soort": "structureel",
    }
    evaluation = evaluate(flow, answers, now=NOW)
    assert evaluation.decisions.melden is True
    assert "structureel" in evaluation.meldnormen
    s = build_summary(
        flow, bare_case("onderwijs", answers), evaluation, (), lang="nl", layer="full", now=NOW
    )
    assert norm.text.get("nl") in s.meldnormen
    text = " ".join(render(s, "txt").decode("utf-8").split())
    assert norm.text.get("nl")[:40] in text


def test_overdue_deadline_and_open_closure_rules_reach_the_summary() -> None:
    """Safeguarding, 25 h after the concern without an owner: what to do, and why not closable."""
    flow = shipped_flows()["safeguarding"]
    raised = "2025-03-05T11:00+00:00"
    answers: dict[str, object] = {"gemeld_op": raised}
    evaluation = evaluate(flow, answers, now=NOW)  # NOW is 25 hours later
    overdue = [d for d in evaluation.deadlines if d.overdue]
    assert overdue and overdue[0].rule.overdue is not None
    assert evaluation.closure_blockers
    s = build_summary(
        flow, bare_case("safeguarding", answers), evaluation, (), lang="nl", layer="full", now=NOW
    )
    text = " ".join(render(s, "txt").decode("utf-8").split())
    assert " ".join(overdue[0].rule.overdue.get("nl").split()) in text
    assert "Deze casus kan nog niet worden afgesloten:" in text
    for rule in evaluation.closure_blockers:
        assert " ".join(rule.message.get("nl").split()) in text
    data = json.loads(render(s, "json"))
    assert data["monitoring"]["closure_open"] == [
        r.message.get("nl") for r in evaluation.closure_blockers
    ]
    assert data["monitoring"]["deadlines"][0]["overdue_text"] == overdue[0].rule.overdue.get("nl")
