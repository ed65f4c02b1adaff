"""The chronology orders what happened by the date it happened, not the order it was typed;
plans (dates to come) are left out; closing, reopening and corrections are in it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from lifecycle_answers import BASE

from meldcode_tui.casework.chronology import build_chronology
from meldcode_tui.flow import evaluate, get_flow
from meldcode_tui.store.records import (
    AnswerChange,
    Case,
    CaseSummary,
    EntryFix,
    LifecycleEvent,
    Note,
    Revision,
)
from meldcode_tui.summary.model import ChronologyItem

TYPED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # everything was typed on one morning


def _case(answers: dict[str, Any], **extra: Any) -> Case:
    history = [
        AnswerChange(qid, value, None, "beroepskracht", TYPED + timedelta(minutes=i))
        for i, (qid, value) in enumerate(answers.items())
    ]
    summary = CaseSummary("c1", "t", "basismodel", "open", TYPED, TYPED, None, None, None, None)
    return Case(summary, dict(answers), history + extra.pop("history", []), [], [], **extra)


def _chronology(case: Case) -> tuple[ChronologyItem, ...]:
    flow = get_flow(case.summary.flow_id)
    return build_chronology(flow, case, evaluate(flow, case.answers, TYPED), "nl")


def test_events_are_ordered_by_when_they_happened_not_when_typed() -> None:
    # The consultation (step 2) took place after the conversation (step 3) here: the list
    # follows the dates, not the steps or the order of typing.
    case = _case(
        {
            "client_type": "kind",
            "consultatie_datum": "2026-11-05",
            "gesprek_datum": "2026-11-04",
        }
    )
    items = [i for i in _chronology(case) if i.kind == "event"]
    assert [(i.at.date().isoformat(), i.day_only) for i in items] == [
        ("2026-11-04", True),
        ("2026-11-05", True),
    ]
    assert items[1].what == "Wanneer vond het overleg plaats?"
    assert "Stap 2" in items[1].step
    # The case itself was created before anything was typed, and is listed too.
    assert _chronology(case)[-1].kind == "created"


def test_a_date_to_come_is_a_plan_and_not_listed_and_decisions_are() -> None:
    answers = {
        **BASE,
        "afweging1_vermoeden": True,
        "afweging2_onveiligheid": False,
        "afweging3_hulp_mogelijk": True,
        "afweging4_hulp_aanvaard": True,
        "gewenste_termijn": "2027-03-01",
    }
    items = _chronology(_case(answers))
    assert not any(i.at.year == 2027 for i in items)
    decisions = [i.what for i in items if i.kind == "decision"]
    assert len(decisions) == 2 and decisions[0].endswith(": nee") and decisions[1].endswith(": ja")


def test_ledger_entries_notes_closing_and_corrections_are_in_it() -> None:
    entry = {"met_wie": "A. Jansen, GGD", "wat": "zorgen", "wanneer": "2026-11-03"}
    earlier = {**entry, "met_wie": "A. Janssen, GGD"}
    later = TYPED + timedelta(days=2)
    fix = AnswerChange(
        "informatiedeling",
        [entry],
        [earlier],
        "mentor",
        later,
        fix=EntryFix("corrected", 0, "naam"),
    )
    note = Note(
        "n1",
        "feit",
        "Gesprek met de leerling (fictief).",
        None,
        "mentor",
        TYPED,
        earlier=(Revision(later, "mentor", "typfout", "Gesprek met leerlng"),),
    )
    gone = Note(
        "n2",
        "feit",
        "Hoort bij een ander dossier.",
        None,
        "mentor",
        TYPED,
        withdrawn=Revision(later, "mentor", "ander dossier"),
    )
    case = _case(
        {"client_type": "kind", "informatiedeling": [earlier]},
        history=[fix],
        lifecycle=[
            LifecycleEvent("closed", later + timedelta(hours=1), "mentor"),
            LifecycleEvent("reopened", later + timedelta(hours=2), "mentor", "nieuw signaal"),
        ],
    )
    case.answers["informatiedeling"] = [entry]
    case.notes = [note, gone]
    items = _chronology(case)
    kinds = [i.kind for i in items]
    shared = next(i for i in items if i.kind == "ledger")
    assert shared.at.date().isoformat() == "2026-11-03" and shared.detail == "A. Jansen, GGD"
    # The withdrawn note is no event of the case any more, but its withdrawal is.
    notes = [i for i in items if i.kind == "note"]
    assert [n.detail for n in notes] == ["Gesprek met de leerling (fictief)."]
    assert kinds.count("corrected") == 2 and kinds.count("withdrawn") == 1
    assert kinds[-2:] == ["closed", "reopened"] and items[-1].detail == "nieuw signaal"
    assert [i.at for i in items] == sorted(i.at for i in items)
