"""Done-when (b): any flipped byte, swapped ciphertext, deleted or rolled-back row is named."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import PASSPHRASE, raw_conn, sealed_cells

from meldcode_tui.store import Store
from meldcode_tui.store.records import DamagedRecord, EntryFix


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Two cases with every kind of record, closed cleanly (no WAL beside it)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("MELDCODE_INSECURE_TEST_KDF", "1")
    path = tmp_path_factory.mktemp("template") / "t.meldcode"
    s, _ = Store.create(path, PASSPHRASE, recovery=False)
    with s:
        for title in ("Casus A", "Casus B"):
            cid = s.new_case("basismodel", title)
            s.set_answer(cid, "vermoeden", True)
            s.set_answer(cid, "vermoeden", False)
            s.set_answer(cid, "veiligheid", "nee")
            fact = s.add_note(cid, "feit", f"Feit over {title}")
            # Corrections are records too: a corrected note, a ledger entry withdrawn.
            s.revise_note(cid, fact, text=f"Feit over {title}, verbeterd", author_role="mentor")
            s.add_note(cid, "bron", f"Bron bij {title}")
            s.set_answer(cid, "informatiedeling", [{"wat": "eerste"}, {"wat": "tweede"}])
            s.save_entry_fix(
                cid,
                "informatiedeling",
                [{"wat": "tweede"}],
                EntryFix("withdrawn", 0, "dubbel"),
                author_role="mentor",
            )
            a = s.add_action(cid, f"Actie {title}", owner="IB")
            s.complete_action(cid, a)
            s.update_progress(cid, current_step="weeg", melden=False)
        assert s.verify() == []
    yield path
    mp.undo()


def _copy(template: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="tamper-"))
    dest = folder / template.name
    shutil.copyfile(template, dest)
    return dest


def _set_cell(path: Path, table: str, row_id: str, col: str, value: object) -> None:
    conn = raw_conn(path)
    conn.execute(f"UPDATE {table} SET {col} = ? WHERE id = ?", (value, row_id))
    conn.close()


def _field(table: str, col: str) -> str:
    return col if table == "cases" else "body"


def _named(damaged: list[DamagedRecord], table: str, row_id: str, field: str) -> bool:
    return any(d.table == table and d.row_id == row_id and d.field == field for d in damaged)


def _others_open(s: Store, damaged_case: str, damaged_row: str) -> None:
    """Every case but the damaged one opens clean; in it, other rows are still shown."""
    for summary in s.list_cases():
        case = s.get_case(summary.id)
        if summary.id != damaged_case:
            assert case.damaged == [] and not summary.damaged
            assert len(case.notes) == 2 and len(case.answers) == 3
    case = s.get_case(damaged_case)
    assert case.damaged
    shown = {n.id for n in case.notes} | {a.id for a in case.actions}
    assert damaged_row not in shown


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cell=st.integers(min_value=0), where=st.integers(min_value=0), bit=st.integers(0, 7))
def test_any_flipped_byte_is_named(template: Path, cell: int, where: int, bit: int) -> None:
    path = _copy(template)
    try:
        cells = sealed_cells(path)
        table, row_id, case_id, col, blob = cells[cell % len(cells)]
        flipped = bytearray(blob)
        flipped[where % len(flipped)] ^= 1 << bit
        _set_cell(path, table, row_id, col, bytes(flipped))
        with Store.open(path, PASSPHRASE) as s:
            damaged = s.verify()
            assert _named(damaged, table, row_id, _field(table, col)), damaged
            assert all(d.case_id == case_id for d in damaged if d.table != "audit")
            _others_open(s, case_id, row_id)
    finally:
        shutil.rmtree(path.parent)


def test_every_sealed_cell_is_covered(template: Path) -> None:
    cells = sealed_cells(template)
    assert {(t, c) for t, _, _, c, _ in cells} == {
        ("cases", "case_key"),
        ("cases", "info"),
        ("cases", "manifest"),
        ("answers", "body"),
        ("answer_history", "body"),
        ("notes", "body"),
        ("actions", "body"),
    }


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_swapped_ciphertexts_are_both_named(template: Path, data: st.DataObject) -> None:
    path = _copy(template)
    try:
        cells = sealed_cells(path)
        first = data.draw(st.sampled_from(cells))
        second = data.draw(st.sampled_from([c for c in cells if c[4] != first[4]]))
        _set_cell(path, first[0], first[1], first[3], second[4])
        _set_cell(path, second[0], second[1], second[3], first[4])
        with Store.open(path, PASSPHRASE) as s:
            damaged = s.verify()
        for table, row_id, case_id, col, _ in (first, second):
            # With a case's key unreadable nothing in that case can be checked: the case key
            # is what gets named, and it covers every record of the case.
            named = _named(damaged, table, row_id, _field(table, col)) or _named(
                damaged, "cases", case_id, "case_key"
            )
            assert named, (
                first[:4],
                second[:4],
                damaged,
            )
    finally:
        shutil.rmtree(path.parent)


@pytest.mark.parametrize("table", ["answers", "answer_history", "notes", "actions"])
def test_deleted_row_is_named_missing(template: Path, table: str) -> None:
    path = _copy(template)
    row_id, case_id = raw_conn(path).execute(f"SELECT id, case_id FROM {table}").fetchone()
    conn = raw_conn(path)
    conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
    conn.close()
    with Store.open(path, PASSPHRASE) as s:
        damaged = s.verify()
        assert DamagedRecord(table, row_id, case_id, "row", "missing") in damaged
        assert s.get_case(case_id).damaged == [
            DamagedRecord(table, row_id, case_id, "row", "missing")
        ]
    shutil.rmtree(path.parent)


def test_deleted_case_is_named_missing(template: Path) -> None:
    path = _copy(template)
    case_id = raw_conn(path).execute("SELECT id FROM cases").fetchone()[0]
    conn = raw_conn(path)
    for table in ("answers", "answer_history", "notes", "actions"):
        conn.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))
    conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    conn.close()
    with Store.open(path, PASSPHRASE) as s:
        assert DamagedRecord("cases", case_id, case_id, "row", "missing") in s.verify()
    shutil.rmtree(path.parent)


def test_row_put_back_to_older_version_is_named(store: Store, store_path: Path) -> None:
    cid = store.new_case("f", "t")
    store.set_answer(cid, "q", "eerste")
    old = store._conn.execute("SELECT id, body FROM answers").fetchone()
    store.set_answer(cid, "q", "tweede")
    store.add_note(cid, "feit", "later")
    store.close()
    _set_cell(store_path, "answers", old[0], "body", old[1])
    with Store.open(store_path, PASSPHRASE) as s:
        assert DamagedRecord("answers", old[0], cid, "row", "altered") in s.verify()
        case = s.get_case(cid)
        assert "q" not in case.answers  # the stale value is not shown as current
        assert case.notes[0].text == "later"


def test_note_put_back_to_before_its_correction_is_named(store: Store, store_path: Path) -> None:
    cid = store.new_case("f", "t")
    nid = store.add_note(cid, "feit", "eerste versie")
    old = store._conn.execute("SELECT body FROM notes WHERE id = ?", (nid,)).fetchone()[0]
    store.revise_note(cid, nid, text="verbeterd", author_role="mentor", reason="typfout")
    store.revise_note(cid, nid, text=None, author_role="mentor", reason="fout dossier")
    store.close()
    # Undoing the withdrawal and correction in the file is noticed, not taken as current.
    _set_cell(store_path, "notes", nid, "body", old)
    with Store.open(store_path, PASSPHRASE) as s:
        assert DamagedRecord("notes", nid, cid, "row", "altered") in s.verify()
        assert s.get_case(cid).notes == []


def test_whole_case_put_back_is_named(store: Store, store_path: Path) -> None:
    cid = store.new_case("f", "t")
    store.add_note(cid, "feit", "eerste")
    row = store._conn.execute("SELECT updated_at, info, manifest FROM cases").fetchone()
    store.add_note(cid, "feit", "tweede")
    store.close()
    conn = raw_conn(store_path)
    newest = conn.execute("SELECT id FROM notes ORDER BY created_at DESC").fetchone()[0]
    conn.execute("DELETE FROM notes WHERE id = ?", (newest,))
    conn.execute("UPDATE cases SET updated_at = ?, info = ?, manifest = ?", row)
    conn.close()
    with Store.open(store_path, PASSPHRASE) as s:
        assert DamagedRecord("cases", cid, cid, "manifest", "altered") in s.verify()


def test_clear_column_edit_is_named(template: Path) -> None:
    path = _copy(template)
    case_id = raw_conn(path).execute("SELECT id FROM cases").fetchone()[0]
    _set_cell(path, "cases", case_id, "status", "closed")
    with Store.open(path, PASSPHRASE) as s:
        assert DamagedRecord("cases", case_id, case_id, "row", "altered") in s.verify()
    shutil.rmtree(path.parent)


def test_due_date_edit_is_named(template: Path) -> None:
    path = _copy(template)
    row_id, case_id = raw_conn(path).execute("SELECT id, case_id FROM actions").fetchone()
    _set_cell(path, "actions", row_id, "done_at", None)
    with Store.open(path, PASSPHRASE) as s:
        assert DamagedRecord("actions", row_id, case_id, "row", "altered") in s.verify()
    shutil.rmtree(path.parent)


@pytest.mark.parametrize("edit", ["delete_middle", "delete_last", "edit_event", "edit_time"])
def test_audit_chain_detects_edits(template: Path, edit: str) -> None:
    path = _copy(template)
    conn = raw_conn(path)
    last = conn.execute("SELECT MAX(seq) FROM audit").fetchone()[0]
    statements = {
        "delete_middle": ("DELETE FROM audit WHERE seq = ?", (3,)),
        "delete_last": ("DELETE FROM audit WHERE seq = ?", (last,)),
        "edit_event": ("UPDATE audit SET event = 'note_added' WHERE seq = ?", (4,)),
        "edit_time": ("UPDATE audit SET at = '2020-01-01T00:00:00+00:00' WHERE seq = ?", (5,)),
    }
    sql, params = statements[edit]
    conn.execute(sql, params)
    conn.close()
    with Store.open(path, PASSPHRASE) as s:
        damaged = s.verify()
    assert any(d.table == "audit" for d in damaged), damaged
    shutil.rmtree(path.parent)


def test_untouched_template_verifies(template: Path) -> None:
    path = _copy(template)
    with Store.open(path, PASSPHRASE) as s:
        assert s.verify() == []
    shutil.rmtree(path.parent)
