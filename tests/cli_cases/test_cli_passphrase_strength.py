"""`init` and `passwd` refuse the passphrases guessed first, with the reason, and change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import PASSPHRASE, init_store, one_line_error, run

from meldcode_tui.store import Store


@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("wachtwoord", "bekend woord"),
        ("12345678", "meest gebruikte wachtwoorden"),
        # Not in zxcvbn's English lists: the Dutch words it is given.
        ("zomervakantie", "bekend woord"),
        ("asdfghjkl;", "naast elkaar"),
    ],
)
def test_init_refuses_a_weak_passphrase_and_says_why(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, weak: str, reason: str
) -> None:
    monkeypatch.delenv("MELDCODE_PASSPHRASE")
    line = one_line_error(run("init", input=f"{weak}\n{weak}\n"))
    assert "te makkelijk te raden" in line and reason in line, line
    assert not store_path.exists()


def test_passwd_refuses_a_weak_new_passphrase_and_keeps_the_old(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_store()
    before = store_path.read_bytes()
    new = tmp_path / "new"
    new.write_text("Welkom01\n", encoding="utf-8")
    monkeypatch.setenv("MELDCODE_LANG", "en")
    line = one_line_error(run("passwd", "--new-passphrase-file", str(new)))
    assert "too easy to guess" in line, line
    assert store_path.read_bytes() == before
    Store.open(store_path, PASSPHRASE).close()


def test_a_phrase_of_separate_words_passes_with_its_hint(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MELDCODE_PASSPHRASE")
    result = run("init", "--no-recovery", input="paars fietsrek lepel\npaars fietsrek lepel\n")
    assert result.exit_code == 0, result.stderr
    assert "Sterke wachtwoordzin" in result.stderr


def test_a_passphrase_longer_than_zxcvbn_reads_is_judged_by_its_start() -> None:
    from meldcode_tui.casework.passphrase import check_new_passphrase

    # zxcvbn itself raises on more than 72 characters; a long one must not crash `init`.
    assert check_new_passphrase("paars fietsrek lepel " * 10).strength == "strong"
