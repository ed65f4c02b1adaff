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


def _exports(store: Store, case: str) -> list[str]:
    return [e.event for e in store.audit() if e.case_id == case and e.event.endswith("_exported")]


def test_an_export_beside_the_app_enters_the_audit_when_the_app_closes(
    held, tmp_path: Path, store_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app, case = held
    result = run("export", case, "-o", str(tmp_path / "x.txt"))
    assert result.exit_code == 0 and "zodra de app vergrendelt" in result.stderr
    result = run("export", case, "--for", "inzage", "-o", str(tmp_path / "inzage.txt"))
    assert result.exit_code == 0
    notes = [p for p in store_path.parent.iterdir() if ".exported-" in p.name]
    assert len(notes) == 2
    # Sealed: neither the case id nor the kind of export is readable in the note.
    assert all(case.encode() not in p.read_bytes() for p in notes)
    assert all(b"inspection" not in p.read_bytes() for p in notes)
    assert _exports(app, case) == []
    app.close()  # the app locks or quits
    assert not [p for p in store_path.parent.iterdir() if ".exported-" in p.name]
    with Store.open(store_path, PASSPHRASE) as store:
        assert sorted(_exports(store, case)) == ["inspection_exported", "summary_exported"]
        assert store.verify() == []


def test_a_note_the_app_did_not_record_is_recorded_at_the_next_open(held, store_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, case = held
    with Store.open_reader(store_path, PASSPHRASE) as reader:
        reader.note_export_beside(case)
    # A note from another store, or an edited one, is never recorded nor removed.
    (store_path.parent / f".{store_path.name}.exported-{'0' * 16}").write_bytes(b"\x01" * 60)
    app._closed = True  # the app killed before it could record (its connection just ends)
    app._conn.close()
    app._lock.release()
    with Store.open(store_path, PASSPHRASE) as store:
        assert _exports(store, case) == ["summary_exported"]
    left = [p.name for p in store_path.parent.iterdir() if ".exported-" in p.name]
    assert left == [f".{store_path.name}.exported-{'0' * 16}"]
