"""Done-when (e): a shredded case is gone from live rows, free pages and the WAL."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import PASSPHRASE, files_under, leaks, sealed_cells

from meldcode_tui.store import CaseNotFound, Store

SECRET_NOTE = "Vertelde dat vader hem slaat met de riem"
SECRET_TITLE = "Pseudoniem Zwaluw"


def _blobs_of(path_conn: Store, case_id: str) -> set[bytes]:
    out = set()
    for table, col in (("cases", "case_key"), ("cases", "info"), ("cases", "manifest")):
        for (blob,) in path_conn._conn.execute(
            f"SELECT {col} FROM {table} WHERE id = ?", (case_id,)
        ):
            out.add(bytes(blob))
    for table in ("answers", "answer_history", "notes", "actions"):
        for (blob,) in path_conn._conn.execute(
            f"SELECT body FROM {table} WHERE case_id = ?", (case_id,)
        ):
            out.add(bytes(blob))
    return out


def _disk(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in files_under(folder))


def test_shredded_case_cannot_be_recovered(store: Store, store_path: Path) -> None:
    keep = store.new_case("basismodel", "Blijft")
    store.add_note(keep, "feit", "blijft leesbaar")
    gone = store.new_case("basismodel", SECRET_TITLE)
    seen: set[bytes] = set()
    # Every version of every ciphertext the case ever had, so old page images count too.
    for i in range(30):
        store.add_note(gone, "feit", f"{SECRET_NOTE} ({i})")
        store.set_answer(gone, "vermoeden", {"i": i, "why": SECRET_NOTE})
        store.update_progress(gone, current_step=f"stap {i}")
        seen |= _blobs_of(store, gone)
    assert any(blob[1:20] in _disk(store_path.parent) for blob in seen)

    store.shred(gone)

    disk = _disk(store_path.parent)
    wal = store_path.with_name(store_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    for blob in seen:
        # Any 19-byte stretch of nonce and ciphertext would identify a surviving copy.
        assert blob[1:20] not in disk
        assert blob[-19:] not in disk
    assert not leaks(store_path.parent, SECRET_NOTE)
    assert not leaks(store_path.parent, SECRET_TITLE)

    store.add_note(keep, "feit", "na het vernietigen")
    store.close()
    with Store.open(store_path, PASSPHRASE) as s:
        with pytest.raises(CaseNotFound):
            s.get_case(gone)
        assert [c.id for c in s.list_cases()] == [keep]
        assert [n.text for n in s.get_case(keep).notes] == ["blijft leesbaar", "na het vernietigen"]
        assert s.verify() == []
        assert s.audit()[-2].event == "case_shredded"
        assert all(cell[2] != gone for cell in sealed_cells(store_path))


def test_shredded_id_is_never_reused(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from meldcode_tui.store import codec

    first = store.new_case("f", "t")
    store.shred(first)
    ids = iter([first, "abcdefgh"])
    monkeypatch.setattr(codec, "new_id", lambda length: next(ids))
    assert store.new_case("f", "t") == "abcdefgh"
