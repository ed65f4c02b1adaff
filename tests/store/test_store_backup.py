"""Done-when (f): backup -> restore round-trips every case; both ends are verified."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from store_helpers import PASSPHRASE, raw_conn

from meldcode_tui.store import Store, StoreDamaged, StoreExists, WrongPassphrase

TABLES = ("cases", "answers", "answer_history", "notes", "actions")


def _fill(store: Store) -> list[str]:
    ids = []
    for i in range(4):
        cid = store.new_case("basismodel", f"Casus {i} — ü ✓")
        store.set_answer(cid, "vermoeden", True)
        store.set_answer(cid, "toelichting", "regel 1\nregel 2 \u00e9")
        store.add_note(cid, "interpretatie", f"notitie {i}", for_record=True)
        store.add_action(cid, "bellen", owner="IB", due=datetime(2025, 4, i + 1, tzinfo=UTC))
        store.update_progress(cid, status="monitoring", position=f"p{i}")
        ids.append(cid)
    return ids


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = raw_conn(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
    finally:
        conn.close()


def test_backup_restore_roundtrip(store: Store, store_path: Path, tmp_path: Path) -> None:
    ids = _fill(store)
    cases = {cid: store.get_case(cid) for cid in ids}
    listing = store.list_cases()
    backup = tmp_path / "backups" / "b.meldcode"
    backup.parent.mkdir()
    store.backup(backup)
    assert sorted(p.name for p in backup.parent.iterdir()) == ["b.meldcode"]
    store.close()

    dest = tmp_path / "elders" / "restored.meldcode"
    Store.restore(backup, dest, PASSPHRASE)
    assert _rows(dest) == _rows(store_path)
    with Store.open(dest, PASSPHRASE) as s:
        assert s.list_cases() == listing
        for cid in ids:
            assert s.get_case(cid) == cases[cid]
        assert s.verify() == []
        assert s.audit()[-1].event == "store_restored"


def test_backup_refuses_existing_destination(store: Store, tmp_path: Path) -> None:
    dest = tmp_path / "b.meldcode"
    dest.write_bytes(b"keep me")
    with pytest.raises(StoreExists):
        store.backup(dest)
    assert dest.read_bytes() == b"keep me"


def test_restore_refuses_nonempty_destination_without_overwrite(
    store: Store, store_path: Path, tmp_path: Path
) -> None:
    ids = _fill(store)
    backup = tmp_path / "b.meldcode"
    store.backup(backup)
    store.add_note(ids[0], "feit", "na de backup")
    store.close()
    before = store_path.read_bytes()
    with pytest.raises(StoreExists):
        Store.restore(backup, store_path, PASSPHRASE)
    assert store_path.read_bytes() == before
    Store.restore(backup, store_path, PASSPHRASE, overwrite=True)
    with Store.open(store_path, PASSPHRASE) as s:
        assert [n.text for n in s.get_case(ids[0]).notes] == ["notitie 0"]
        assert s.verify() == []


def test_damaged_backup_is_refused_before_restore(store: Store, tmp_path: Path) -> None:
    ids = _fill(store)
    backup = tmp_path / "b.meldcode"
    store.backup(backup)
    store.close()
    conn = raw_conn(backup)
    conn.execute(
        "UPDATE notes SET body = substr(body, 1, 20) || x'00' || substr(body, 22) "
        "WHERE case_id = ?",
        (ids[1],),
    )
    conn.close()
    dest = tmp_path / "new.meldcode"
    with pytest.raises(StoreDamaged):
        Store.restore(backup, dest, PASSPHRASE)
    assert not dest.exists()
    with pytest.raises(WrongPassphrase):
        Store.restore(backup, dest, "wrong")
    assert not dest.exists()
