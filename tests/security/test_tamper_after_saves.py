"""A tamper of an old row is caught after many saves, with the store kept open or not (issue 16).

A save no longer re-reads every row of the case (`StoreBase._proven_manifest`): once a case
is proven intact, this connection's own writes keep it so. These tests change the file from
another connection, as a tamperer (or a second program) would, between autosaves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from security_helpers import PASSPHRASE, raw_conn

from meldcode_tui.store import CaseDamaged, Store

SAVES = 60


def _sql(path: Path, statement: str, *args: object) -> None:
    conn = raw_conn(path)
    try:
        conn.execute(statement, args)
    finally:
        conn.close()


def _case_with_history(store: Store) -> tuple[str, tuple[str, bytes]]:
    """A case with an early note, then many autosaves; returns its id and the first answer row."""
    case_id = store.new_case("basismodel", "Fictieve casus")
    store.add_note(case_id, "feit", "Oudste fictieve notitie")
    store.set_answer(case_id, "signalen_feiten", "eerste fictieve versie")
    first_answer = store._conn.execute("SELECT id, body FROM answers").fetchone()
    for i in range(SAVES):
        store.set_answer(case_id, "signalen_feiten", f"fictieve versie {i}")
    return case_id, first_answer


def _tampers(
    path: Path, case_id: str, first_answer: tuple[str, bytes]
) -> dict[str, Callable[[], None]]:
    return {
        "old_note_deleted": lambda: _sql(path, "DELETE FROM notes WHERE case_id = ?", case_id),
        "old_history_row_deleted": lambda: _sql(
            path,
            "DELETE FROM answer_history WHERE id = (SELECT id FROM answer_history "
            "WHERE case_id = ? ORDER BY seq LIMIT 1)",
            case_id,
        ),
        "answer_put_back": lambda: _sql(
            path, "UPDATE answers SET body = ? WHERE id = ?", first_answer[1], first_answer[0]
        ),
        "status_edited": lambda: _sql(
            path, "UPDATE cases SET status = 'closed' WHERE id = ?", case_id
        ),
        # The row and its clear listing entry both gone: only the sealed set hash can tell.
        "note_deleted_with_its_listing": lambda: (
            _sql(
                path, "DELETE FROM manifest_rows WHERE id LIKE 'notes/%' AND case_id = ?", case_id
            ),
            _sql(path, "DELETE FROM notes WHERE case_id = ?", case_id),
        ),
    }


TAMPERS = [
    "old_note_deleted",
    "old_history_row_deleted",
    "answer_put_back",
    "status_edited",
    "note_deleted_with_its_listing",
]


@pytest.mark.parametrize("tamper", TAMPERS)
def test_a_tamper_while_the_store_is_open_stops_the_next_save(
    store_path: Path, tamper: str
) -> None:
    store, _ = Store.create(store_path, PASSPHRASE, recovery=False)
    with store:
        case_id, first_answer = _case_with_history(store)
        _tampers(store_path, case_id, first_answer)[tamper]()
        with pytest.raises(CaseDamaged):
            store.set_answer(case_id, "signalen_feiten", "na de wijziging")
        with pytest.raises(CaseDamaged):
            store.add_note(case_id, "feit", "na de wijziging")
        assert [d for d in store.verify() if d.case_id == case_id]


@pytest.mark.parametrize("tamper", TAMPERS)
def test_a_tamper_between_sessions_is_found_after_many_saves(store_path: Path, tamper: str) -> None:
    store, _ = Store.create(store_path, PASSPHRASE, recovery=False)
    with store:
        case_id, first_answer = _case_with_history(store)
    _tampers(store_path, case_id, first_answer)[tamper]()
    with Store.open(store_path, PASSPHRASE) as store:
        assert [d for d in store.verify() if d.case_id == case_id]
        with pytest.raises(CaseDamaged):
            store.set_answer(case_id, "signalen_feiten", "na de wijziging")
        # The refused save laundered nothing.
        assert [d for d in store.verify() if d.case_id == case_id]


def test_many_saves_leave_the_case_intact(store_path: Path) -> None:
    store, _ = Store.create(store_path, PASSPHRASE, recovery=False)
    with store:
        case_id, _ = _case_with_history(store)
        store.add_note(case_id, "feit", "Laatste fictieve notitie")
        assert store.verify() == []
        case = store.get_case(case_id)
        assert not case.damaged
        assert case.answers["signalen_feiten"] == f"fictieve versie {SAVES - 1}"
        assert len(case.history) == SAVES + 1
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.verify() == []
