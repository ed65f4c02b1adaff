"""`meldcode due`, the overdue mark in `meldcode list`, and `meldcode close`, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run, write_answers

RAISED = "2026-11-23T09:00+00:00"
LATER_23H = "2026-11-24T08:00+00:00"
LATER_25H = "2026-11-24T10:00+00:00"

INTAKE = {
    "kanaal": "email",
    "gemeld_op": RAISED,
    "zorg_omschrijving": "Fictieve zorg over een fictieve deelnemer.",
    "leads_geactiveerd_op": "2026-11-23T09:05+00:00",
}


def _new_case(cli: Run, tmp_path: Path, flow: str, answers: dict[str, object]) -> str:
    result = cli(
        "new",
        "--flow",
        flow,
        "--title",
        "Casus (fictief)",
        "--answers",
        str(write_answers(tmp_path, f"new-{flow}", answers)),
    )
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def _due(cli: Run, now: str) -> list[dict[str, object]]:
    result = cli("due", "--json", now=now)
    assert result.exit_code == 0, result.output
    items: list[dict[str, object]] = json.loads(result.output)["items"]
    return items


def _listed(cli: Run, now: str) -> dict[str, dict[str, object]]:
    result = cli("list", "--json", now=now)
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.output)}


def test_safeguarding_case_without_owner_is_overdue_after_24_hours(
    cli: Run, tmp_path: Path
) -> None:
    case = _new_case(cli, tmp_path, "safeguarding", INTAKE)

    before = _due(cli, LATER_23H)
    assert [(i["case"], i["deadline"], i["overdue"]) for i in before] == [
        (case, "verantwoordelijke_binnen_24_uur", False)
    ]
    assert _listed(cli, LATER_23H)[case]["overdue"] is False

    late = _due(cli, LATER_25H)
    assert [(i["case"], i["overdue"], i["escalate"]) for i in late] == [
        (case, True, "support_leads_ingelicht_op")
    ]
    assert "Support Leads" in str(late[0]["message"])
    assert _listed(cli, LATER_25H)[case]["overdue"] is True

    text = cli("due", now=LATER_25H)
    assert "VERLOPEN" in text.output and "Safeguarding Support Leads" in text.output
    listing = cli("list", now=LATER_25H)
    assert case in listing.output and "termijn verlopen" in listing.output

    owner = {
        "eigenaar": "Lead B. (fictief)",
        "eigenaar_sinds": "2026-11-24T10:30+00:00",
        "support_leads_ingelicht_op": "2026-11-24T10:10+00:00",
    }
    saved = cli("answer", case, "--answers", str(write_answers(tmp_path, "owner", owner)))
    assert saved.exit_code == 0, saved.output

    assert _due(cli, LATER_25H) == []
    assert _listed(cli, LATER_25H)[case]["overdue"] is False
    assert "termijn verlopen" not in cli("list", now=LATER_25H).output
    assert "niets" in cli("due", now=LATER_25H).output


def test_due_within_limits_upcoming_deadlines(cli: Run, tmp_path: Path) -> None:
    _new_case(cli, tmp_path, "safeguarding", INTAKE)
    assert _due(cli, "2026-11-10T09:00+00:00") == []  # due in 14 days; --within 7 by default
    assert len(_due(cli, "2026-11-20T09:00+00:00")) == 1  # due in 4 days
    result = cli("due", "--json", "--within", "3", now="2026-11-20T09:00+00:00")
    assert json.loads(result.output)["items"] == []
    result = cli("due", "--json", "--within", "5", now="2026-11-20T09:00+00:00")
    assert len(json.loads(result.output)["items"]) == 1


def test_bad_meldcode_now_is_one_clear_line(cli: Run, tmp_path: Path) -> None:
    result = cli("due", now="gisteren")
    assert result.exit_code == 2
    assert "MELDCODE_NOW" in result.output and "Traceback" not in result.output
