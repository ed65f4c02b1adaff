"""High 2 and 3: damage found on read is never laundered by a write; `list` and `due` show it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from security_helpers import (
    INTAKE,
    PASSPHRASE,
    SECRET_NOTE,
    new_case,
    ok,
    one_line_error,
    raw_conn,
    run,
)

from meldcode_tui.store import CaseDamaged, Store
from meldcode_tui.store.rows import CHILD_COLUMNS

LATE = {"MELDCODE_NOW": "2026-11-25T10:00+00:00"}  # past the 24-hour limit of INTAKE


@pytest.fixture
def case(tmp_path: Path) -> str:
    ok("init", "--no-recovery")
    case_id = new_case(tmp_path, "safeguarding", INTAKE)
    ok("note", case_id, SECRET_NOTE, "--kind", "feit")
    return case_id


def _sql(path: Path, statement: str, *args: object) -> None:
    conn = raw_conn(path)
    try:
        conn.execute(statement, args)
    finally:
        conn.close()


def _roll_back_case(path: Path, older: Path, case_id: str) -> None:
    """Put every row of one case back to its state in an older copy of the file."""
    conn = raw_conn(path)
    try:
        conn.execute("ATTACH DATABASE ? AS old", (str(older),))
        for table in ("answers", "answer_history", "notes", "actions"):
            conn.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))
            conn.execute(
                f"INSERT INTO {table} SELECT * FROM old.{table} WHERE case_id = ?", (case_id,)
            )
        conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
        conn.execute("INSERT INTO cases SELECT * FROM old.cases WHERE id = ?", (case_id,))
    finally:
        conn.close()


def _tampers(path: Path, case_id: str) -> dict[str, Callable[[], None]]:
    return {
        "status_closed": lambda: _sql(
            path, "UPDATE cases SET status = 'closed' WHERE id = ?", case_id
        ),
        "flow_id": lambda: _sql(
            path, "UPDATE cases SET flow_id = 'basismodel' WHERE id = ?", case_id
        ),
        "deadline": lambda: _sql(
            path,
            "UPDATE cases SET next_deadline = '2099-01-01T00:00:00+00:00' WHERE id = ?",
            case_id,
        ),
        "answer_deleted": lambda: _sql(
            path,
            "DELETE FROM answers WHERE id = (SELECT id FROM answers WHERE case_id = ? "
            "ORDER BY id LIMIT 1)",
            case_id,
        ),
        "note_deleted": lambda: _sql(path, "DELETE FROM notes WHERE case_id = ?", case_id),
    }


TAMPERS = ["status_closed", "flow_id", "deadline", "answer_deleted", "note_deleted"]


@pytest.mark.parametrize("tamper", TAMPERS)
def test_a_write_into_a_tampered_case_is_refused_and_verify_keeps_reporting(
    case: str, store_path: Path, tamper: str
) -> None:
    _tampers(store_path, case)[tamper]()
    assert run("verify").exit_code == 1
    line = one_line_error(run("note", case, "nog een feit", "--kind", "feit"))
    assert "verify --accept" in line
    # The refused write changed nothing: verify still names the damage.
    assert run("verify").exit_code == 1


@pytest.mark.parametrize("tamper", TAMPERS)
def test_list_and_due_show_the_damaged_case(case: str, store_path: Path, tamper: str) -> None:
    _tampers(store_path, case)[tamper]()
    (listed,) = json.loads(ok("list", "--json"))
    assert listed["damaged"] is True
    if tamper == "status_closed":
        assert listed["status"] == "open"  # read from the sealed copy, not the edited one
    assert "beschadigd" in ok("list")
    result = run("due", "--json", env=LATE)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["damaged"] == [case]
    assert case in result.stderr


def test_an_edited_status_does_not_hide_an_overdue_deadline(case: str, store_path: Path) -> None:
    _sql(store_path, "UPDATE cases SET status = 'closed' WHERE id = ?", case)
    result = run("due", "--json", env=LATE)
    items = json.loads(result.stdout)["items"]
    assert [(i["case"], i["overdue"]) for i in items] == [(case, True)]


def test_a_case_put_back_to_an_older_state_cannot_be_laundered(
    case: str, store_path: Path, tmp_path: Path
) -> None:
    older = tmp_path / "older.meldcode"
    shutil.copyfile(store_path, older)
    ok("note", case, "tweede feit", "--kind", "feit")
    _roll_back_case(store_path, older, case)
    assert run("verify").exit_code == 1
    one_line_error(run("note", case, "derde feit", "--kind", "feit"))
    one_line_error(run("export", case, "-o", str(tmp_path / "x.txt")))
    assert run("verify").exit_code == 1


def test_every_kind_of_write_is_refused(case: str, store_path: Path) -> None:
    _sql(store_path, "UPDATE cases SET status = 'closed' WHERE id = ?", case)
    with Store.open(store_path, PASSPHRASE) as store:
        action_id = None
        writes: list[Callable[[], object]] = [
            lambda: store.set_answer(case, "kanaal", "telefoon"),
            lambda: store.clear_answer(case, "kanaal"),
            lambda: store.add_note(case, "feit", "x"),
            lambda: store.add_action(case, "x", owner="mentor"),
            lambda: store.update_progress(case, title="x"),
            lambda: store.record_export(case),
        ]
        for write in writes:
            with pytest.raises(CaseDamaged):
                write()
        assert action_id is None
        with pytest.raises(CaseDamaged):
            store.complete_action(case, "nothing")
        assert store.verify()


def test_the_user_can_choose_to_keep_the_case_as_it_is(case: str, store_path: Path) -> None:
    _sql(store_path, "DELETE FROM notes WHERE case_id = ?", case)
    ok("verify", "--accept", case)
    ok("note", case, "na herstel", "--kind", "feit")
    ok("verify")
    conn = raw_conn(store_path)
    events = [e for (e,) in conn.execute("SELECT event FROM audit ORDER BY seq")]
    conn.close()
    assert "damage_accepted" in events


def test_accepting_removes_records_that_no_longer_open(case: str, store_path: Path) -> None:
    _sql(store_path, "UPDATE notes SET body = X'01' || substr(body, 2, 40) WHERE case_id = ?", case)
    assert run("verify").exit_code == 1
    out = ok("verify", "--accept", case)
    assert "1" in out.splitlines()[0]
    shown = json.loads(ok("show", case, "--json"))
    assert shown["notes"] == [] and shown["damaged"] == []


def _flip_byte_21(column: str) -> str:
    """SQL for the column with its 21st byte changed: always a change (a byte that already was
    X'00' would otherwise stay the same, and the tamper would be no tamper one time in 256)."""
    return (
        f"substr({column}, 1, 20) || CASE WHEN substr({column}, 21, 1) = X'00' "
        f"THEN X'01' ELSE X'00' END || substr({column}, 22)"
    )


def _record_tampers(path: Path, case_id: str) -> list[tuple[str, str, tuple[object, ...]]]:
    """Every record-level tamper of one case: delete, edit each clear column, flip a body."""
    conn = raw_conn(path)
    tampers: list[tuple[str, str, tuple[object, ...]]] = []
    try:
        for column in ("flow_id", "status", "created_at", "updated_at", "next_deadline"):
            tampers.append(
                (
                    f"cases.{column}",
                    f"UPDATE cases SET {column} = '2030-01-01T00:00:00+00:00' WHERE id = ?",
                    (case_id,),
                )
            )
        for column in ("info", "manifest", "case_key"):
            tampers.append(
                (
                    f"cases.{column}",
                    f"UPDATE cases SET {column} = {_flip_byte_21(column)} WHERE id = ?",
                    (case_id,),
                )
            )
        for table, cols in CHILD_COLUMNS.items():
            ids = [
                r for (r,) in conn.execute(f"SELECT id FROM {table} WHERE case_id = ?", (case_id,))
            ]
            for row_id in ids:
                tampers.append((f"{table}.delete", f"DELETE FROM {table} WHERE id = ?", (row_id,)))
                tampers.append(
                    (
                        f"{table}.body",
                        f"UPDATE {table} SET body = {_flip_byte_21('body')} WHERE id = ?",
                        (row_id,),
                    )
                )
                for column in cols[2:-1]:
                    tampers.append(
                        (
                            f"{table}.{column}",
                            f"UPDATE {table} SET {column} = 'zz' WHERE id = ?",
                            (row_id,),
                        )
                    )
                # A copy of the row under a new id (and a new tag: tags are unique per case).
                rest = ", ".join("'copy' || tag" if c == "tag" else c for c in cols[1:])
                tampers.append(
                    (
                        f"{table}.copy",
                        f"INSERT INTO {table} SELECT 'copy' || id, {rest} FROM {table} "
                        "WHERE id = ?",
                        (row_id,),
                    )
                )
    finally:
        conn.close()
    return tampers


def test_list_flags_every_record_level_tamper(case: str, store_path: Path, tmp_path: Path) -> None:
    ok("note", case, "tweede", "--kind", "interpretatie")
    with Store.open(store_path, PASSPHRASE) as store:
        store.add_action(case, "bellen", owner="mentor")
    template = tmp_path / "template.meldcode"
    shutil.copyfile(store_path, template)
    tampers = _record_tampers(template, case)
    assert len(tampers) >= 40
    missed = []
    for name, statement, args in tampers:
        shutil.copyfile(template, store_path)
        _sql(store_path, statement, *args)
        with Store.open(store_path, PASSPHRASE) as store:
            (summary,) = store.checked_cases()
            if not summary.damaged:
                missed.append(name)
            with pytest.raises(CaseDamaged):
                store.add_note(case, "feit", "x")
    assert missed == []
