"""No user text on disk in clear: not in the store, its WAL, or any file beside it."""

from __future__ import annotations

from pathlib import Path

from store_helpers import PASSPHRASE, forms, leaks

from meldcode_tui.store import Store

NOTE = "Moeder vertelde over ruzie thuis op dinsdagavond"
TITLE = "Leerling Kievit groep 7"
ANSWER = "zorgen over de veiligheid thuis"


def test_user_text_never_reaches_disk_in_clear(store: Store, store_path: Path) -> None:
    cid = store.new_case("basismodel", TITLE)
    store.add_note(cid, "feit", NOTE)
    store.set_answer(cid, "toelichting", ANSWER)
    store.add_action(cid, NOTE, owner=TITLE)
    # While open (WAL present) and after closing (checkpointed into the main file).
    for text in (NOTE, TITLE, ANSWER):
        assert leaks(store_path.parent, text) == []
    store.close()
    with Store.open(store_path, PASSPHRASE) as s:
        assert s.get_case(cid).notes[0].text == NOTE
    for text in (NOTE, TITLE, ANSWER):
        assert leaks(store_path.parent, text) == []


def test_the_leak_scanner_finds_each_form(tmp_path: Path) -> None:
    for i, form in enumerate(forms(NOTE)):
        (tmp_path / f"f{i}").write_bytes(b"prefix" + form + b"suffix")
    assert len(leaks(tmp_path, NOTE)) == len(forms(NOTE))
    (tmp_path / "clean").write_bytes(b"nothing here")
    assert "clean" not in leaks(tmp_path, NOTE)
