"""Done-when (d): after passwd every case opens with the new passphrase and none with the old."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import PASSPHRASE, leaks

from meldcode_tui.store import Store, WrongPassphrase


def test_passwd_moves_every_case_to_the_new_passphrase(store: Store, store_path: Path) -> None:
    ids = [store.new_case("basismodel", f"Casus {i}") for i in range(5)]
    for i, cid in enumerate(ids):
        store.add_note(cid, "feit", f"notitie {i}")
        store.set_answer(cid, "vermoeden", i % 2 == 0)
    before = {cid: store.get_case(cid) for cid in ids}
    store.change_passphrase("een heel nieuw wachtwoord")
    # Still usable in the same session.
    store.add_note(ids[0], "bron", "na wissel")
    store.close()
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, PASSPHRASE)
    with Store.open(store_path, "een heel nieuw wachtwoord") as s:
        assert s.verify() == []
        for cid in ids:
            case = s.get_case(cid)
            assert case.damaged == []
            assert case.answers == before[cid].answers
            assert case.notes[: len(before[cid].notes)] == before[cid].notes
        assert "passphrase_changed" in [e.event for e in s.audit()]


def test_old_wrapped_key_does_not_linger(store: Store, store_path: Path) -> None:
    old_header = store._header.to_bytes()
    store.new_case("f", "t")
    store.change_passphrase("nieuw")
    wrapped = store._header.wrapped_master
    assert old_header != store._header.to_bytes()
    store.close()
    import json

    old_wrapped = json.loads(old_header)["wrapped"]
    assert not leaks(store_path.parent, old_wrapped)
    assert json.loads(store._header.to_bytes())["wrapped"].encode() in store_path.read_bytes()
    assert wrapped
