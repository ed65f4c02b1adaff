"""Store behaviour: cases, answers with history, notes, actions, progress, ids, clock."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from store_helpers import PASSPHRASE, FakeClock

from meldcode_tui.store import (
    UNCHANGED,
    CaseNotFound,
    RecordNotFound,
    Store,
    StoreClosed,
    StoreExists,
    StoreNotFound,
)
from meldcode_tui.store.codec import ID_ALPHABET
from meldcode_tui.store.rows import ad
from meldcode_tui.vault import associated_data


def test_new_case_listed_and_reopened(store: Store, store_path: Path, clock: FakeClock) -> None:
    case_id = store.new_case("basismodel", "Leerling X (groep 6)")
    assert len(case_id) == 8 and set(case_id) <= set(ID_ALPHABET)
    [summary] = store.list_cases()
    assert summary.id == case_id
    assert summary.title == "Leerling X (groep 6)"
    assert summary.flow_id == "basismodel"
    assert summary.status == "open"
    assert summary.created_at == datetime(2025, 3, 1, 9, 0, 2, tzinfo=UTC)
    assert not summary.damaged
    store.close()
    with Store.open(store_path, PASSPHRASE, clock=clock) as again:
        assert [s.id for s in again.list_cases()] == [case_id]
        assert again.get_case(case_id).summary.title == "Leerling X (groep 6)"


def test_answers_keep_history(store: Store) -> None:
    cid = store.new_case("basismodel", "Casus")
    store.set_answer(cid, "vermoeden", True, author_role="mentor")
    store.set_answer(cid, "vermoeden", False, author_role="aandachtsfunctionaris")
    store.set_answer(cid, "termijn", "2025-06-01")
    store.clear_answer(cid, "termijn")
    store.clear_answer(cid, "never-set")
    case = store.get_case(cid)
    assert case.answers == {"vermoeden": False}
    assert [
        (h.question_id, h.value, h.previous, h.author_role, h.cleared) for h in case.history
    ] == [
        ("vermoeden", True, None, "mentor", False),
        ("vermoeden", False, True, "aandachtsfunctionaris", False),
        ("termijn", "2025-06-01", None, "mentor", False),
        ("termijn", None, "2025-06-01", "mentor", True),
    ]
    assert [h.at for h in case.history] == sorted(h.at for h in case.history)
    assert case.damaged == []


def test_answer_values_roundtrip_as_json(store: Store) -> None:
    cid = store.new_case("f", "t")
    values = {"a": [1, 2], "b": {"x": None}, "c": "é ✓", "d": 1.5, "e": None}
    for q, v in values.items():
        store.set_answer(cid, q, v)
    assert store.get_case(cid).answers == values
    with pytest.raises(ValueError):
        store.set_answer(cid, "bad", {1, 2})
    with pytest.raises(ValueError):
        store.set_answer(cid, "bad", float("nan"))
    assert "bad" not in store.get_case(cid).answers


def test_notes_and_actions(store: Store) -> None:
    cid = store.new_case("f", "t")
    n1 = store.add_note(cid, "feit", "Zag een blauwe plek op de arm.", step_id="signalen")
    n2 = store.add_note(
        cid, "interpretatie", "Lijkt bang.", author_role="leerkracht", for_record=True
    )
    with pytest.raises(ValueError):
        store.add_note(cid, "roddel", "x")
    due = datetime(2025, 4, 1, 12, 0, tzinfo=UTC)
    a1 = store.add_action(cid, "Collegiale consultatie", owner="IB", due=due)
    store.complete_action(cid, a1)
    store.complete_action(cid, a1)  # completing twice keeps the first time
    with pytest.raises(RecordNotFound):
        store.complete_action(cid, "nope")
    case = store.get_case(cid)
    assert [(n.id, n.kind, n.text, n.step_id, n.author_role, n.for_record) for n in case.notes] == [
        (n1, "feit", "Zag een blauwe plek op de arm.", "signalen", "mentor", False),
        (n2, "interpretatie", "Lijkt bang.", None, "leerkracht", True),
    ]
    [action] = case.actions
    assert (action.id, action.text, action.owner, action.due) == (
        a1,
        "Collegiale consultatie",
        "IB",
        due,
    )
    assert action.done_at is not None
    assert case.damaged == []


def test_update_progress_distinguishes_unchanged_from_none(store: Store) -> None:
    cid = store.new_case("f", "oud")
    deadline = datetime(2025, 5, 1, tzinfo=UTC)
    store.update_progress(
        cid,
        status="monitoring",
        current_step="weeg",
        melden=True,
        hulp=False,
        next_deadline=deadline,
        position="step:weeg/q:3",
        title="nieuw",
    )
    s = store.get_case(cid)
    assert (
        s.summary.status,
        s.summary.current_step,
        s.summary.melden,
        s.summary.hulp,
        s.summary.next_deadline,
        s.position,
        s.summary.title,
    ) == ("monitoring", "weeg", True, False, deadline, "step:weeg/q:3", "nieuw")
    store.update_progress(cid, hulp=None, next_deadline=None, melden=UNCHANGED)
    s = store.get_case(cid)
    assert (s.summary.melden, s.summary.hulp, s.summary.next_deadline, s.position) == (
        True,
        None,
        None,
        "step:weeg/q:3",
    )
    with pytest.raises(ValueError):
        store.update_progress(cid, status="lost")


def test_list_newest_change_first(store: Store) -> None:
    a = store.new_case("f", "a")
    b = store.new_case("f", "b")
    assert [s.id for s in store.list_cases()] == [b, a]
    store.add_note(a, "feit", "x")
    assert [s.id for s in store.list_cases()] == [a, b]


def test_unknown_case(store: Store) -> None:
    with pytest.raises(CaseNotFound):
        store.get_case("zzzzzzzz")
    with pytest.raises(CaseNotFound):
        store.set_answer("zzzzzzzz", "q", 1)
    with pytest.raises(CaseNotFound):
        store.shred("zzzzzzzz")


def test_ids_are_unique(store: Store) -> None:
    ids = {store.new_case("f", str(i)) for i in range(50)}
    assert len(ids) == 50


def test_create_refuses_existing_and_open_missing(store: Store, store_path: Path) -> None:
    with pytest.raises(StoreExists):
        Store.create(store_path, "x")
    with pytest.raises(StoreNotFound):
        Store.open(store_path.with_name("nothing.meldcode"), "x")
    with pytest.raises(ValueError):
        Store.open(store_path)


def test_closed_store_refuses_use(store: Store) -> None:
    store.close()
    store.close()
    with pytest.raises(StoreClosed):
        store.list_cases()


def test_timestamps_are_utc_from_the_injected_clock(tmp_path: Path) -> None:
    from datetime import timedelta, timezone

    amsterdam = timezone(timedelta(hours=2))
    fixed = datetime(2025, 7, 1, 10, 0, tzinfo=amsterdam)
    s, _ = Store.create(tmp_path / "c.meldcode", "pw", recovery=False, clock=lambda: fixed)
    with s:
        cid = s.new_case("f", "t")
        created = s.get_case(cid).summary.created_at
        assert created == fixed and created.tzinfo == UTC
        assert s.audit()[-1].at == fixed


def test_pragmas_and_file_mode(store: Store, store_path: Path) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    assert not any("fts" in n.lower() for n in names)
    if os.name != "nt":  # Windows has no mode bits; the profile folder's ACL keeps it private
        assert store_path.stat().st_mode & 0o077 == 0


def test_audit_lists_every_change_without_user_text(store: Store) -> None:
    cid = store.new_case("f", "Geheime titel")
    store.set_answer(cid, "q", "geheim antwoord")
    store.add_note(cid, "feit", "geheime notitie")
    events = [(e.event, e.case_id) for e in store.audit()]
    assert events == [
        ("store_created", None),
        ("identity_created", None),
        ("case_created", cid),
        ("answer_set", cid),
        ("note_added", cid),
    ]
    dump = "\n".join(repr(row) for row in store._conn.execute("SELECT * FROM audit"))
    assert "geheim" not in dump.lower()


def test_recovery_key_reset(tmp_path: Path) -> None:
    path = tmp_path / "c.meldcode"
    s, key = Store.create(path, "vergeten", recovery=True)
    assert key is not None and len(key.replace("-", "")) == 32
    cid = s.new_case("f", "t")
    s.close()
    Store.reset_passphrase_with_recovery(path, key.lower().replace("-", " "), "nieuw")
    with Store.open(path, "nieuw") as again:
        assert again.get_case(cid).summary.title == "t"
        assert again.audit()[-1].event == "passphrase_reset"
    with Store.open(path, recovery_key=key) as again:
        assert again.has_recovery_key


@given(st.lists(st.text(max_size=12), min_size=4, max_size=4))
def test_row_ad_matches_the_vault_encoding(parts: list[str]) -> None:
    assert ad(*parts) == associated_data("store/1", *parts)
