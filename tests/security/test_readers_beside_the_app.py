"""Deliver 7: list, show, due, export and verify read a store the app holds; writers are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from security_helpers import INTAKE, PASSPHRASE, new_case, ok, one_line_error, run

from meldcode_tui.store import OpenForReading, Store, StoreInUse


@pytest.fixture
def held(tmp_path: Path, store_path: Path):  # type: ignore[no-untyped-def]
    ok("init", "--no-recovery")
    case = new_case(tmp_path, "safeguarding", INTAKE)
    app = Store.open(store_path, PASSPHRASE)  # what the app holds while it runs
    app.add_note(case, "feit", "net bewaard in de app")
    yield app, case
    app.close()


def test_reading_commands_work_beside_the_app(held, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, case = held
    assert [c["id"] for c in json.loads(ok("list", "--json"))] == [case]
    shown = json.loads(ok("show", case, "--json"))
    # The reader sees what the app saved a moment ago (it is still in the WAL).
    assert [n["text"] for n in shown["notes"]] == ["net bewaard in de app"]
    ok("due", env={"MELDCODE_NOW": "2026-11-23T10:00+00:00"})
    assert "in orde" in ok("verify")
    result = run("export", case, "-o", str(tmp_path / "x.txt"))
    assert result.exit_code == 0 and (tmp_path / "x.txt").exists()
    assert "auditlogboek" in result.stderr
    # The app keeps working after the readers are gone.
    app.add_note(case, "feit", "daarna")


def test_writers_are_still_refused(held, store_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, case = held
    assert "in gebruik" in one_line_error(run("note", case, "x", "--kind", "feit"))
    one_line_error(run("shred", case, "--yes"))
    one_line_error(run("verify", "--accept", case))
    with pytest.raises(StoreInUse):
        Store.open(store_path, PASSPHRASE)


def test_a_reader_never_writes(held, store_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, case = held
    with Store.open_reader(store_path, PASSPHRASE) as reader:
        assert reader.get_case(case).notes
        with pytest.raises(OpenForReading):
            reader.add_note(case, "feit", "x")
        with pytest.raises(OpenForReading):
            reader.record_export(case)
