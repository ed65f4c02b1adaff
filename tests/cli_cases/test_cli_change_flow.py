"""`meldcode change-flow CASE --to FLOW --reason`: answers the new protocol asks carry over,
the rest stay in the case off the path; the change is in the case and the audit trail."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import PASSPHRASE, init_store, ok, one_line_error, run

from meldcode_tui.store import Store


def _case(tmp_path: Path) -> str:
    init_store()
    answers = tmp_path / "a.toml"
    # client_type: onderwijs has no such question; gesprek_met: it has, without option "kind";
    # consultatie_datum: the same date question in both.
    answers.write_text(
        'client_type = "kind"\ngesprek_met = "kind"\nconsultatie_datum = "3-11-2026"\n',
        encoding="utf-8",
    )
    return ok("new", "--flow", "basismodel", "--answers", str(answers)).strip()


def test_answers_carry_over_or_stay_off_the_path(tmp_path: Path, store_path: Path) -> None:
    case_id = _case(tmp_path)
    out = ok("change-flow", case_id, "--to", "onderwijs", "--reason", "het is een school")
    assert "onderwijs" in out and "1" in out
    shown = json.loads(ok("show", case_id, "--json"))
    assert shown["case"]["flow"] == "onderwijs"
    answers = shown["answers"]
    assert answers["consultatie_datum"] == "2026-11-03"
    # Kept, under a key no question of the new protocol has: not read as another answer.
    assert "gesprek_met" not in answers and answers["basismodel:gesprek_met"] == "kind"
    assert answers["client_type"] == "kind"
    off = set(shown["evaluation"]["off_path"])
    assert {"client_type", "basismodel:gesprek_met"} <= off
    (change,) = [e for e in shown["lifecycle"] if e["event"] == "flow_changed"]
    assert (change["from"], change["to"], change["reason"]) == (
        "basismodel",
        "onderwijs",
        "het is een school",
    )
    text = ok("show", case_id)
    assert "basismodel naar onderwijs" in text and "niet meer op het pad" in text
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.verify() == []
        events = [e.event for e in store.audit() if e.case_id == case_id]
        (listed,) = store.list_cases()
    assert events[-1] == "flow_changed" and listed.flow_id == "onderwijs"


def test_change_flow_refusals_change_nothing(tmp_path: Path) -> None:
    case_id = _case(tmp_path)
    before = ok("show", case_id, "--json")
    assert "--reason" in one_line_error(
        run("change-flow", case_id, "--to", "onderwijs", "--reason", " ")
    )
    assert "basismodel" in one_line_error(
        run("change-flow", case_id, "--to", "basismodel", "--reason", "r")
    )
    one_line_error(run("change-flow", case_id, "--to", "bestaat-niet", "--reason", "r"))
    # A role the new protocol does not know.
    one_line_error(
        run("change-flow", case_id, "--to", "kinderopvang", "--reason", "r", "--role", "mentor")
    )
    assert ok("show", case_id, "--json") == before
