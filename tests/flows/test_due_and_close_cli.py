"""`meldcode due`, the overdue mark in `meldcode list`, and `meldcode close`, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from flow_cli import Run, write_answers
from outcome_answers import KIND_MELDING

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


def test_kindveiligheid_case_without_response_cannot_be_closed(cli: Run, tmp_path: Path) -> None:
    case = _new_case(cli, tmp_path, "kindveiligheid", KIND_MELDING)
    refused = cli("close", case)
    assert refused.exit_code == 2
    lines = [line for line in refused.output.splitlines() if line.strip()]
    assert len(lines) == 1  # one clear line
    assert "kan niet worden gesloten" in lines[0] and "zero tolerance for non-acting" in lines[0]
    assert "Traceback" not in refused.output
    english = cli("--lang", "en", "close", case)
    assert english.exit_code == 2 and "no response is recorded" in english.output
    assert _listed(cli, LATER_25H)[case]["status"] == "open"

    response = {
        "reactie_maatregelen": ["onderzoek"],
        "reactie_omschrijving": "Intern onderzoek gestart (fictief).",
        "reactie_datum": "2026-11-21",
        "reactie_verantwoordelijke": "Coördinator C. (fictief)",
        "reactie_getoetst_categorie": True,
        "reactie_proportioneel": False,
        "reactie_motivering": "Nog onvoldoende (fictief).",
    }
    saved = cli("answer", case, "--answers", str(write_answers(tmp_path, "resp", response)))
    assert saved.exit_code == 0, saved.output
    still = cli("close", case)
    assert still.exit_code == 2 and "niet als proportioneel" in still.output

    fixed = {"reactie_proportioneel": True, "reactie_motivering": "Past bij de ernst (fictief)."}
    cli("answer", case, "--answers", str(write_answers(tmp_path, "fixed", fixed)))
    closed = cli("close", case)
    assert closed.exit_code == 0, closed.output
    assert _listed(cli, LATER_25H)[case]["status"] == "closed"
    assert "al gesloten" in cli("close", case).output


def test_close_refuses_while_required_questions_are_open(cli: Run, tmp_path: Path) -> None:
    case = _new_case(cli, tmp_path, "safeguarding", INTAKE)
    refused = cli("close", case)
    assert refused.exit_code == 2
    assert "Safeguarding Lead" in refused.output
