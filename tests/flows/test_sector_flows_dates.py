"""Kinderopvang and primair onderwijs: the new report after question 5 = no must be dated later
than the first report, and Veilig Thuis's feedback is due within 5 working days (as in the
basismodel: Wmo 2015 art. 4.1.1 lid 2 g and the safety assessment within five working days)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from complete_case import complete_case

from meldcode_tui.flow import evaluate, get_flow

FIRST = "2026-11-20"  # a Friday
AGAIN = {"afweging2_onveiligheid": True, "afweging5_hulp_effectief": False, "melding_datum": FIRST}
SECTOR = ["kinderopvang", "primair-onderwijs"]


def _case(flow_id: str) -> dict[str, Any]:
    flow = get_flow(flow_id)
    found = complete_case(flow, {**AGAIN, "hermelding_datum": "2026-11-23"}, "opnieuw_melden")
    assert found is not None
    return found[0]


# (date of the new report, may the case close on it)
NEW_REPORT = [("2026-11-23", True), ("2026-11-21", True), (FIRST, False), ("2026-11-19", False)]


@pytest.mark.parametrize("flow_id", SECTOR)
@pytest.mark.parametrize(("new_date", "closes"), NEW_REPORT)
def test_the_new_report_must_be_later_than_the_first(
    flow_id: str, new_date: str, closes: bool
) -> None:
    answers = {**_case(flow_id), "hermelding_datum": new_date}
    result = evaluate(get_flow(flow_id), answers, now=datetime(2026, 12, 20, tzinfo=UTC))
    blockers = {rule.id for rule in result.closure_blockers}
    assert ("nieuwe_melding" not in blockers) is closes


# (date of the report, now, is the feedback overdue). Five working days differ from seven
# calendar days when the report is made in a weekend: Saturday 21 November -> Friday 27.
FEEDBACK = [
    ("2026-11-21", datetime(2026, 11, 27, 12, tzinfo=UTC), False),
    ("2026-11-21", datetime(2026, 11, 28, 12, tzinfo=UTC), True),  # seven days: not yet
    ("2026-11-22", datetime(2026, 11, 28, 12, tzinfo=UTC), True),  # Sunday: also Friday 27
    ("2026-11-20", datetime(2026, 11, 27, 12, tzinfo=UTC), False),  # Friday -> Friday 27
    ("2026-11-20", datetime(2026, 11, 30, 12, tzinfo=UTC), True),
]


@pytest.mark.parametrize("flow_id", SECTOR)
@pytest.mark.parametrize(("reported", "now", "overdue"), FEEDBACK)
def test_veilig_thuis_feedback_is_due_in_five_working_days(
    flow_id: str, reported: str, now: datetime, overdue: bool
) -> None:
    answers = {**_case(flow_id), "melding_datum": reported}
    answers.pop("vt_terugkoppeling", None)
    result = evaluate(get_flow(flow_id), answers, now=now)
    found = [d for d in result.deadlines if d.rule.id == "terugkoppeling_veilig_thuis"]
    assert len(found) == 1 and found[0].overdue is overdue


# (flow, years, from, source): a term only where a source gives one (kinderopvang: none found).
RETENTION = [
    ("basismodel", 2, "pupil_left", "bewaartermijn-leerlingdossier"),
    ("onderwijs", 2, "pupil_left", "bewaartermijn-leerlingdossier"),
    ("primair-onderwijs", 2, "pupil_left", "bewaartermijn-leerlingdossier"),
]


@pytest.mark.parametrize(("flow_id", "years", "start", "source"), RETENTION)
def test_school_flows_keep_a_case_two_years_after_the_pupil_left(
    flow_id: str, years: int, start: str, source: str
) -> None:
    flow = get_flow(flow_id)
    assert flow.retention is not None
    assert (flow.retention.years, flow.retention.start) == (years, start)
    assert flow.retention.sources == (source,)
    cited = next(s for s in flow.sources if s.id == source)
    assert "PO-Raad" in cited.title and "2 jaar" in cited.title
