"""The manifest's set hash (store/manifest.py) catches what the clear listing cannot.

The listing (`manifest_rows`) names rows, but whoever edits the file can edit it too: the
digests are of stored bytes and anyone can compute them. Each test here changes rows and
their listing together, as such a tamperer would, so only the sealed set hash (or its count)
can notice; a save must keep it up to date, or the untouched stores would not verify either.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from store_helpers import PASSPHRASE, FakeClock, raw_conn

from meldcode_tui.store import CaseDamaged, Store
from meldcode_tui.store.records import DamagedRecord, EntryFix
from meldcode_tui.store.rows import CHILD_COLUMNS, child_row_digest, manifest_key
from meldcode_tui.store.writes import Progress


def _relist(conn: Any, table: str, row_id: str) -> None:
    """Make the listing agree with the row as it now is (what the tamperer can compute)."""
    cols = CHILD_COLUMNS[table]
    values = conn.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE id = ?", (row_id,))
    row = dict(zip(cols, values.fetchone(), strict=True))
    conn.execute(
        "UPDATE manifest_rows SET digest = ?, case_id = ? WHERE id = ?",
        (child_row_digest(table, row), row["case_id"], manifest_key(table, row_id)),
    )


def _row(conn: Any, table: str, row_id: str) -> tuple[Any, Any]:
    found = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    listed = conn.execute(
        "SELECT * FROM manifest_rows WHERE id = ?", (manifest_key(table, row_id),)
    ).fetchone()
    return found, listed


def _put_back(conn: Any, table: str, saved: tuple[Any, Any]) -> None:
    found, listed = saved
    conn.execute(f"INSERT OR REPLACE INTO {table} VALUES ({', '.join('?' * len(found))})", found)
    conn.execute("INSERT OR REPLACE INTO manifest_rows VALUES (?, ?, ?)", listed)


def _change(conn: Any, ids: dict[str, Any]) -> None:
    conn.execute("UPDATE notes SET created_at = '2020-01-01T00:00:00+00:00' WHERE id = ?",
                 (ids["note"],))  # fmt: skip
    _relist(conn, "notes", ids["note"])


def _delete(conn: Any, ids: dict[str, Any]) -> None:
    conn.execute("DELETE FROM notes WHERE id = ?", (ids["other_note"],))
    conn.execute("DELETE FROM manifest_rows WHERE id = ?", (f"notes/{ids['other_note']}",))


def _add(conn: Any, ids: dict[str, Any]) -> None:
    # An answer the user cleared, back with its listing entry from an older copy.
    _put_back(conn, "answers", ids["cleared_answer"])


def _swap(conn: Any, ids: dict[str, Any]) -> None:
    conn.execute("UPDATE notes SET case_id = ? WHERE id = ?", (ids["other_case"], ids["note"]))
    _relist(conn, "notes", ids["note"])


def _roll_back(conn: Any, ids: dict[str, Any]) -> None:
    # The note as it was before its correction, with the listing entry of then.
    _put_back(conn, "notes", ids["note_before"])


TAMPERS: dict[str, Callable[[Any, dict[str, Any]], None]] = {
    "changed": _change,
    "deleted": _delete,
    "added": _add,
    "swapped": _swap,
    "rolled_back": _roll_back,
}


@pytest.fixture
def made(store: Store, store_path: Path) -> dict[str, Any]:
    """A case with every kind of record, and what a tamperer kept of its older states."""
    cid = store.new_case("basismodel", "Fictieve casus")
    other = store.new_case("basismodel", "Andere fictieve casus")
    store.add_note(other, "feit", "Fictief, andere casus")
    store.set_answer(cid, "signalen_feiten", "Fictief")
    store.set_answer(cid, "vermoeden", True)
    note = store.add_note(cid, "feit", "Fictief feit")
    other_note = store.add_note(cid, "bron", "Fictieve bron")
    conn = raw_conn(store_path)
    answer_id = conn.execute(
        "SELECT id FROM answers WHERE case_id = ? ORDER BY rowid DESC", (cid,)
    ).fetchone()[0]
    cleared_answer = _row(conn, "answers", answer_id)
    note_before = _row(conn, "notes", note)
    conn.close()
    store.clear_answer(cid, "vermoeden")
    store.revise_note(cid, note, text="Fictief feit, verbeterd", author_role="mentor")
    store.set_answer(cid, "informatiedeling", [{"wat": "een"}, {"wat": "twee"}])
    store.save_entry_fix(
        cid, "informatiedeling", [{"wat": "twee"}], EntryFix("withdrawn", 0, "dubbel"),
        author_role="mentor",
    )  # fmt: skip
    action = store.add_action(cid, "Fictieve actie", owner="mentor")
    store.complete_action(cid, action)
    store.change_flow(
        cid, "basismodel", author_role="mentor", reason="fictief", moves={},
        progress=Progress("monitoring", None, None, None, None),
    )  # fmt: skip
    store.record_export(cid)
    # Every kind of save kept the set hash true: the untouched store verifies.
    assert store.verify() == []
    store.close()
    return {
        "case": cid,
        "other_case": other,
        "note": note,
        "other_note": other_note,
        "cleared_answer": cleared_answer,
        "note_before": note_before,
    }


@pytest.mark.parametrize("kind", list(TAMPERS))
def test_rows_tampered_with_their_listing_are_caught_by_the_set_hash(
    made: dict[str, Any], store_path: Path, kind: str
) -> None:
    conn = raw_conn(store_path)
    TAMPERS[kind](conn, made)
    conn.close()
    cid = made["case"]
    with Store.open(store_path, PASSPHRASE) as s:
        # What a reader is told (the case list and opening the case) and what verify says.
        assert DamagedRecord("cases", cid, cid, "manifest", "altered") in s.get_case(cid).damaged
        assert DamagedRecord("cases", cid, cid, "manifest", "altered") in s.verify()
        assert next(c for c in s.checked_cases() if c.id == cid).damaged
        # A write would seal the tampered rows as the truth: refused.
        with pytest.raises(CaseDamaged):
            s.add_note(cid, "feit", "Fictief: zou het verbergen")
    if kind == "swapped":
        with Store.open(store_path, PASSPHRASE) as s:
            other = made["other_case"]
            assert DamagedRecord("cases", other, other, "manifest", "altered") in s.verify()


def test_a_copy_of_the_untampered_store_verifies(made: dict[str, Any], store_path: Path) -> None:
    """The tamper tests above are not passing on a store that never verified."""
    copy = store_path.with_name("kopie.meldcode")
    shutil.copyfile(store_path, copy)
    with Store.open(copy, PASSPHRASE) as s:
        assert s.verify() == []
        s.add_note(made["case"], "feit", "Fictief, daarna")
        assert s.verify() == []


def test_the_sealed_manifest_does_not_grow_with_the_case(
    store: Store, store_path: Path, clock: FakeClock
) -> None:
    small = store.new_case("basismodel", "Kleine fictieve casus")
    store.add_note(small, "feit", "Fictief")
    big = store.new_case("basismodel", "Grote fictieve casus")
    for i in range(300):
        store.add_note(big, "feit", f"Fictieve notitie {i}")
    sizes = {
        case_id: len(blob)
        for case_id, blob in store._conn.execute("SELECT id, manifest FROM cases")
    }
    # What a save re-seals and rewrites is the same few hundred bytes for either case.
    assert sizes[big] == sizes[small] <= 512
    assert store.verify() == []


def test_a_listing_edited_on_its_own_is_named_by_verify_and_hides_nothing(
    made: dict[str, Any], store_path: Path
) -> None:
    cid, note = made["case"], made["note"]
    conn = raw_conn(store_path)
    conn.execute("UPDATE manifest_rows SET digest = 'ander' WHERE id = ?", (f"notes/{note}",))
    conn.execute("DELETE FROM manifest_rows WHERE id = ?", (f"notes/{made['other_note']}",))
    conn.close()
    with Store.open(store_path, PASSPHRASE) as s:
        # The records are as sealed: the case reads in full, and the edit is named.
        case = s.get_case(cid)
        assert case.damaged == []
        assert {n.id for n in case.notes} == {note, made["other_note"]}
        damaged = s.verify()
        assert {(d.table, d.row_id) for d in damaged} == {
            ("manifest_rows", f"notes/{note}"),
            ("manifest_rows", f"notes/{made['other_note']}"),
        }
        # A write takes its terms from the rows, not the edited listing: still sealed true.
        s.revise_note(cid, note, text="Fictief, weer verbeterd", author_role="mentor")
        assert DamagedRecord("cases", cid, cid, "manifest", "altered") not in s.verify()
        assert s.get_case(cid).damaged == []


def test_a_shredded_case_leaves_no_listing(made: dict[str, Any], store_path: Path) -> None:
    cid = made["case"]
    with Store.open(store_path, PASSPHRASE) as s:
        s.shred(cid)
        assert s.verify() == []
    conn = raw_conn(store_path)
    try:
        left = conn.execute("SELECT COUNT(*) FROM manifest_rows WHERE case_id = ?", (cid,))
        assert left.fetchone()[0] == 0
        # The other case keeps its own listing, and it still reads as sealed (above).
        kept = conn.execute(
            "SELECT COUNT(*) FROM manifest_rows WHERE case_id = ?", (made["other_case"],)
        )
        assert kept.fetchone()[0] == 1
    finally:
        conn.close()
