"""Agreed actions from the command line: added, shown with their id, completed, and due."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import PASSPHRASE, init_store, ok, one_line_error, run

from meldcode_tui.store import Store


def test_add_show_due_and_done(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel", "--title", "Actie-casus").strip()
    added = ok(
        "action", "add", case_id, "Gesprek met moeder", "--owner", "mentor", "--due", "20-3-2026"
    )
    with Store.open(store_path, PASSPHRASE) as store:
        (action,) = store.get_case(case_id).actions
    assert action.id in added and action.text == "Gesprek met moeder" and action.owner == "mentor"
    assert "Gesprek met moeder" in ok("show", case_id) and action.id in ok("show", case_id)
    # Due: not yet within 3 days of 14-3, within 7; overdue after the day has passed.
    monkeypatch.setenv("MELDCODE_NOW", "14-3-2026 09:00")
    assert json.loads(ok("due", "--within", "3", "--json"))["items"] == []
    (item,) = json.loads(ok("due", "--json"))["items"]
    assert item["deadline"] == f"action:{action.id}" and item["overdue"] is False
    assert "Gesprek met moeder" in item["label"]
    monkeypatch.setenv("MELDCODE_NOW", "21-3-2026 09:00")
    (item,) = json.loads(ok("due", "--json"))["items"]
    assert item["overdue"] is True
    ok("action", "done", case_id, action.id)
    assert json.loads(ok("due", "--json"))["items"] == []
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.get_case(case_id).actions[0].done_at is not None


def test_bad_actions_are_one_line_and_change_nothing(store_path: Path) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel").strip()
    assert "eigenaar" in one_line_error(run("action", "add", case_id, "Iets", "--owner", " "))
    assert "14-3-2026" in one_line_error(
        run("action", "add", case_id, "Iets", "--owner", "mentor", "--due", "morgen")
    )
    assert "zzz" in one_line_error(run("action", "done", case_id, "zzz"))
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.get_case(case_id).actions == []
