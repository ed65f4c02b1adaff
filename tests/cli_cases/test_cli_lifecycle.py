"""Closing is a decision: no answer closes or reopens a case; closed means read-only (CLI)."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import PASSPHRASE, init_store, ok, one_line_error, run
from lifecycle_answers import BASE, Q1

from meldcode_tui.store import Store


def _write(tmp_path: Path, name: str, answers: dict[str, object]) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _status(case_id: str) -> str:
    data = json.loads(ok("show", case_id, "--json"))
    return str(data["case"]["status"])


def _case_whose_rules_hold(tmp_path: Path) -> str:
    init_store()
    case_id = ok("new", "--flow", "basismodel", "--title", "Casus L (fictief)").strip()
    # No suspicion: the outcome of this flow is "close the case", and nothing is missing.
    ok("answer", case_id, "--answers", _write(tmp_path, "a", {**BASE, Q1: False}))
    return case_id


def test_a_case_whose_rules_hold_stays_open_until_closed(tmp_path: Path) -> None:
    case_id = _case_whose_rules_hold(tmp_path)
    shown = json.loads(ok("show", case_id, "--json"))
    assert shown["evaluation"]["closure"]["can_close"] is True
    assert shown["case"]["status"] == "open"
    listed = {row["id"]: row for row in json.loads(ok("list", "--json"))}
    assert listed[case_id]["status"] == "open"

    assert "gesloten" in ok("close", case_id)
    assert _status(case_id) == "closed"


def test_a_closed_case_refuses_an_answer_and_a_note(tmp_path: Path) -> None:
    case_id = _case_whose_rules_hold(tmp_path)
    ok("close", case_id)
    before = json.loads(ok("show", case_id, "--json"))

    line = one_line_error(run("answer", case_id, "--answers", _write(tmp_path, "b", {Q1: True})))
    assert "gesloten" in line and f"meldcode reopen {case_id} --reason" in line
    line = one_line_error(run("note", case_id, "Fictieve notitie", "--kind", "feit"))
    assert f"meldcode reopen {case_id}" in line

    after = json.loads(ok("show", case_id, "--json"))
    assert after["answers"] == before["answers"] and after["notes"] == []
    assert after["case"]["status"] == "closed"


def test_reopen_needs_a_reason_and_is_recorded(tmp_path: Path, store_path: Path) -> None:
    case_id = _case_whose_rules_hold(tmp_path)
    one_line_error(run("reopen", case_id, "--reason", "x"))  # not closed yet
    ok("close", case_id)
    one_line_error(run("reopen", case_id, "--reason", "  "))
    assert _status(case_id) == "closed"

    assert "heropend" in ok("reopen", case_id, "--reason", "Nieuw signaal (fictief)")
    assert _status(case_id) == "open"
    # Open again: answers are taken, and still no answer closes it.
    ok("answer", case_id, "--answers", _write(tmp_path, "c", {Q1: True}))
    ok("answer", case_id, "--answers", _write(tmp_path, "d", {Q1: False}))
    assert _status(case_id) == "open"

    text = ok("show", case_id)
    assert "gesloten op" in text and "heropend op" in text
    assert "Nieuw signaal (fictief)" in text
    events = json.loads(ok("show", case_id, "--json"))["lifecycle"]
    assert [e["event"] for e in events] == ["closed", "reopened"]
    assert events[1]["reason"] == "Nieuw signaal (fictief)"

    store = Store.open(store_path, PASSPHRASE)
    try:
        trail = [e.event for e in store.audit() if e.case_id == case_id]
    finally:
        store.close()
    assert trail.count("case_closed") == 1 and trail.count("case_reopened") == 1
    # The reason is sealed: not in the file in clear.
    assert b"Nieuw signaal" not in store_path.read_bytes()
