"""Deliver 6 (and finding 12): an older copy of the whole store is named on this computer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from security_helpers import PASSPHRASE, new_case, ok, one_line_error, run

from meldcode_tui.store import Store, StoreRolledBack


@pytest.fixture(autouse=True)
def _memory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("MELDCODE_STATE_DIR", str(folder))
    return folder


def test_an_older_copy_put_back_is_named(store_path: Path, tmp_path: Path) -> None:
    ok("init", "--no-recovery")
    case = new_case(tmp_path, "basismodel", {})
    older = tmp_path / "older.meldcode"
    shutil.copyfile(store_path, older)
    ok("note", case, "later feit", "--kind", "feit")
    ok("export", case, "-o", str(tmp_path / "x.txt"))
    shutil.copyfile(older, store_path)  # the whole file, self-consistent
    with pytest.raises(StoreRolledBack):
        Store.open(store_path, PASSPHRASE)
    line = one_line_error(run("list"))
    assert "ouder" in line and "restore" in line


def test_restoring_a_backup_on_purpose_is_the_way_back(store_path: Path, tmp_path: Path) -> None:
    ok("init", "--no-recovery")
    case = new_case(tmp_path, "basismodel", {})
    backup = tmp_path / "b.meldcode"
    ok("backup", str(backup))
    ok("note", case, "later feit", "--kind", "feit")
    ok("restore", str(backup), "--overwrite")
    ok("list")
    ok("note", case, "na het terugzetten", "--kind", "feit")
    ok("verify")


def test_the_memory_holds_nothing_readable(store_path: Path, tmp_path: Path, _memory: Path) -> None:
    ok("init", "--no-recovery")
    new_case(tmp_path, "basismodel", {})
    (memory,) = list(_memory.iterdir())
    assert str(store_path) not in memory.read_text(encoding="utf-8")
    assert store_path.name not in memory.name


def test_a_forged_memory_is_ignored(store_path: Path, tmp_path: Path, _memory: Path) -> None:
    ok("init", "--no-recovery")
    new_case(tmp_path, "basismodel", {})
    (memory,) = list(_memory.iterdir())
    memory.write_text('{"seq": 999, "hash": "x", "mac": "y"}', encoding="utf-8")
    ok("list")
