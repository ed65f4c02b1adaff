"""Upgrading a schema-1 store (one sealed list of every row per case) to schema 2 on open.

The fixture was written by the schema-1 code (make_schema1_store.py, run on main before issue
16) and holds answers with history, corrected and withdrawn notes, a ledger with a corrected
and a withdrawn entry, actions, an export, a closed case, a protocol change and a shredded case.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from schema1_helpers import SCHEMA1_EXPECTED, SCHEMA1_STORE, describe
from store_helpers import raw_conn

from meldcode_tui.store import CaseDamaged, Store, StoreDamaged, StoreIOError
from meldcode_tui.store import manifest as manifest_mod
from meldcode_tui.store.records import DamagedRecord
from meldcode_tui.store.salvage import salvage
from meldcode_tui.store.schema import SCHEMA_VERSION

EXPECTED = json.loads(SCHEMA1_EXPECTED.read_text(encoding="utf-8"))
PASSPHRASE = EXPECTED["passphrase"]


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    path = tmp_path / "oud.meldcode"
    shutil.copyfile(SCHEMA1_STORE, path)
    return path


def _contents(path: Path) -> dict[str, Any]:
    """Every table's rows and the schema version: what any version of the code reads."""
    conn = raw_conn(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found: dict[str, Any] = {"version": conn.execute("PRAGMA user_version").fetchone()[0]}
        for table in tables:
            found[table] = conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        return found
    finally:
        conn.close()


def test_the_fixture_is_a_schema_1_store() -> None:
    contents = _contents(SCHEMA1_STORE)
    assert contents["version"] == 1
    assert "manifest_rows" not in contents
    assert SCHEMA_VERSION == 2


def test_an_old_store_is_upgraded_on_open_losing_nothing(old_store: Path) -> None:
    before = _contents(old_store)
    with Store.open(old_store, PASSPHRASE) as s:
        assert s.verify() == []
        assert {c.id for c in s.list_cases()} == set(EXPECTED["cases"])
        for case_id, expected in EXPECTED["cases"].items():
            # Every answer, history entry, note with its corrections, action, mark: as before.
            assert describe(s.get_case(case_id)) == expected
        entries = s.audit()
    after = _contents(old_store)
    assert after["version"] == 2
    # No record was rewritten: every sealed body is the same ciphertext.
    for table in ("answers", "answer_history", "notes", "actions"):
        assert after[table] == before[table]
    # One entry per case moves the log's link to its new manifest; one for the store.
    migrated = [e for e in entries if e.event == "schema_migrated"]
    assert {e.case_id for e in migrated} == {*EXPECTED["cases"], None}
    assert len(entries) == EXPECTED["audit"] + len(migrated)
    listed = {(r[0], r[1]) for r in after["manifest_rows"]}
    rows = {
        (f"{table}/{r[0]}", r[1])
        for table in ("answers", "answer_history", "notes", "actions")
        for r in after[table]
    }
    assert listed == rows


def test_an_upgraded_store_takes_changes_and_opens_again(old_store: Path) -> None:
    case_id = next(iter(EXPECTED["cases"]))
    with Store.open(old_store, PASSPHRASE) as s:
        s.set_answer(case_id, "signalen_feiten", "Fictief, na de upgrade")
        note = s.add_note(case_id, "feit", "Fictief, na de upgrade")
    with Store.open(old_store, PASSPHRASE) as s:
        assert s.verify() == []
        case = s.get_case(case_id)
        assert case.answers["signalen_feiten"] == "Fictief, na de upgrade"
        assert [n.id for n in case.notes][-1] == note


def test_an_interrupted_upgrade_leaves_the_old_store_and_the_next_open_upgrades(
    old_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _contents(old_store)
    real_new = manifest_mod.new
    calls = []

    def fail_on_the_second_case(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            # The first case is converted and written by now: a disk failing mid-way.
            raise sqlite3.OperationalError("disk I/O error")
        return real_new(*args, **kwargs)

    monkeypatch.setattr(manifest_mod, "new", fail_on_the_second_case)
    with pytest.raises(StoreIOError):
        Store.open(old_store, PASSPHRASE)
    assert len(calls) == 2
    # Exactly the file the schema-1 code wrote (and opens): version, tables, every row.
    assert _contents(old_store) == before
    monkeypatch.setattr(manifest_mod, "new", real_new)
    with Store.open(old_store, PASSPHRASE) as s:
        assert s.verify() == []
        for case_id, expected in EXPECTED["cases"].items():
            assert describe(s.get_case(case_id)) == expected
    assert _contents(old_store)["version"] == 2


def _open_case(path: Path) -> str:
    """The case with notes, actions and a ledger (the first one made)."""
    conn = raw_conn(path)
    try:
        return str(conn.execute("SELECT case_id FROM actions").fetchone()[0])
    finally:
        conn.close()


def test_damage_done_before_the_upgrade_is_still_named_after_it(old_store: Path) -> None:
    case_id = _open_case(old_store)
    conn = raw_conn(old_store)
    note = conn.execute("SELECT id FROM notes WHERE case_id = ?", (case_id,)).fetchone()[0]
    action = conn.execute("SELECT id FROM actions WHERE done_at IS NOT NULL").fetchone()[0]
    conn.execute("DELETE FROM notes WHERE id = ?", (note,))
    conn.execute("UPDATE actions SET done_at = NULL WHERE id = ?", (action,))
    conn.close()
    with Store.open(old_store, PASSPHRASE) as s:
        damaged = s.verify()
        # The upgrade carried the old seal over, not the rows as it found them.
        assert DamagedRecord("notes", note, case_id, "row", "missing") in damaged
        assert DamagedRecord("actions", action, case_id, "row", "altered") in damaged
        with pytest.raises(CaseDamaged):
            s.add_note(case_id, "feit", "Fictief: zou de schade verbergen")


def test_a_case_its_log_did_not_pin_before_the_upgrade_is_not_pinned_by_it(
    old_store: Path,
) -> None:
    case_id = _open_case(old_store)
    conn = raw_conn(old_store)
    # The log's last word on the case no longer names its manifest (as after a case put
    # back): the upgrade must not give the new manifest a pin the old one did not have.
    last = conn.execute("SELECT MAX(seq) FROM audit WHERE case_id = ?", (case_id,)).fetchone()[0]
    pinned = conn.execute("SELECT state FROM audit WHERE seq = ?", (last,)).fetchone()[0]
    conn.execute("UPDATE audit SET state = 'ander' WHERE seq = ?", (last,))
    conn.close()
    with Store.open(old_store, PASSPHRASE) as s:
        damaged = s.verify()
    assert pinned != "ander"
    assert DamagedRecord("cases", case_id, case_id, "manifest", "altered") in damaged


def test_an_old_backup_is_restored_upgraded(old_store: Path, tmp_path: Path) -> None:
    dest = tmp_path / "terug" / "cases.meldcode"
    Store.restore(old_store, dest, PASSPHRASE)
    # The backup itself is never written: still what the schema-1 code made.
    assert _contents(old_store) == _contents(SCHEMA1_STORE)
    assert _contents(dest)["version"] == SCHEMA_VERSION
    with Store.open(dest, PASSPHRASE) as s:
        assert s.verify() == []
        for case_id, expected in EXPECTED["cases"].items():
            assert describe(s.get_case(case_id)) == expected


def test_a_damaged_old_backup_is_refused_before_it_is_restored(
    old_store: Path, tmp_path: Path
) -> None:
    conn = raw_conn(old_store)
    conn.execute("DELETE FROM notes WHERE rowid = (SELECT MIN(rowid) FROM notes)")
    conn.close()
    dest = tmp_path / "terug" / "cases.meldcode"
    with pytest.raises(StoreDamaged):
        Store.restore(old_store, dest, PASSPHRASE)
    assert not dest.exists()


def test_a_damaged_old_store_is_salvaged_without_an_upgrade(
    old_store: Path, tmp_path: Path
) -> None:
    case_id = _open_case(old_store)
    conn = raw_conn(old_store)
    conn.execute("UPDATE notes SET created_at = '2020-01-01' WHERE case_id = ?", (case_id,))
    conn.close()
    before = _contents(old_store)
    report = salvage(old_store, tmp_path / "gered.meldcode", PASSPHRASE)
    assert _contents(old_store) == before
    # The edited notes are named by the old seal and left behind; everything else came over.
    assert report.partial == [case_id]
    assert sorted(report.copied) == sorted(set(EXPECTED["cases"]) - {case_id})
    assert report.lost == []
