"""The installed `meldcode` in tmux: after quit or lock the terminal holds no case text, resized
or not (capture-pane of the whole scrollback, `-S -`, after quitting; the pane after locking)."""

from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path

import pytest
from test_tmux import MELDCODE, PASSPHRASE, Terminal, env, pytestmark

# The fixture, and the marks (e2e; skipped without tmux), shared with test_tmux.
__all__ = ["env", "pytestmark"]

TITLE = "Casus Zilverreiger"
TYPED = "over de kelder"


def _scrollback(term: Terminal) -> str:
    """Everything the pane holds: the scrollback and the screen, as a person scrolling sees it."""
    out = subprocess.run(
        ["tmux", "capture-pane", "-p", "-S", "-", "-t", term.name],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def _open_and_type(env: dict[str, str], tmp_path: Path, *, alternate: bool = True) -> Terminal:
    from meldcode_tui.casework import start_case
    from meldcode_tui.store import Store

    path = Path(env["MELDCODE_STORE"])
    with Store.create(path, PASSPHRASE, recovery=False)[0] as store:
        start_case(store, "basismodel", TITLE, {"client_type": "kind"})
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    command = f"{MELDCODE} --passphrase-file {shlex.quote(str(secret))}"
    if not alternate:
        # As a terminal without an alternate screen: every frame lands in the scrollback.
        # The app waits a second so the option is set before it starts drawing.
        command = f"sh -c {shlex.quote('sleep 1; exec ' + command)}"
    term = Terminal(command, env)
    if not alternate:
        subprocess.run(
            ["tmux", "set-option", "-w", "-t", term.name, "alternate-screen", "off"], check=True
        )
    term.wait_for(TITLE)
    term.keys("Enter")
    term.wait_for("Welke signalen zie of hoor je?")
    term.keys("F7")  # the note field
    term.text(TYPED)
    term.wait_for(TYPED)
    return term


def _resize(term: Terminal, width: int, height: int) -> None:
    subprocess.run(
        ["tmux", "resize-window", "-t", term.name, "-x", str(width), "-y", str(height)],
        check=True,
    )
    term.settle()


def _quit_and_wait(term: Terminal) -> None:
    term.keys("C-q")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        # The pane runs `meldcode ...; sleep 5`: the app is gone once its pid has no child.
        done = subprocess.run(
            ["tmux", "list-panes", "-t", term.name, "-F", "#{pane_current_command}"],
            capture_output=True,
            text=True,
        )
        if "sleep" in done.stdout:
            return
        time.sleep(0.2)
    raise AssertionError("meldcode did not quit")


@pytest.mark.parametrize(
    ("resized", "alternate"),
    [(False, True), (True, True), (True, False)],
    ids=["as is", "after a resize", "resized, no alternate screen"],
)
def test_no_case_text_after_quit(
    env: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    resized: bool,
    alternate: bool,
) -> None:
    assert MELDCODE.exists(), "install the package (pip install -e .) first"
    monkeypatch.setenv("MELDCODE_INSECURE_TEST_KDF", "1")
    term = _open_and_type(env, tmp_path, alternate=alternate)
    try:
        if resized:
            _resize(term, 100, 30)
            term.wait_for(TYPED)
        # The capture sees case text while it is on screen: its absence later means something.
        assert "Zilverreiger" in _scrollback(term)
        if resized:
            # Smaller: the note may scroll out of view, and lines may go to the scrollback.
            _resize(term, 72, 20)
        _quit_and_wait(term)
        left = _scrollback(term)
    finally:
        term.close()
    assert TITLE not in left and "Zilverreiger" not in left
    assert TYPED not in left and "kelder" not in left


@pytest.mark.parametrize("alternate", [True, False], ids=["resized", "resized, no alternate"])
def test_the_lock_screen_covers_every_line(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alternate: bool
) -> None:
    monkeypatch.setenv("MELDCODE_INSECURE_TEST_KDF", "1")
    term = _open_and_type(env, tmp_path, alternate=alternate)
    try:
        assert "Zilverreiger" in _scrollback(term)
        _resize(term, 110, 34)
        _resize(term, 80, 18)  # a smaller window: some lines may go to the scrollback
        term.keys("C-l")
        # At 18 rows the lock dialog is taller than the window and its title may be cut off.
        term.wait_for("Wachtwoordzin vergeten?")
        _resize(term, 80, 24)
        screen = term.wait_for("Meldcode is vergrendeld")
        left = _scrollback(term)
    finally:
        term.close()
    for text in (screen, left):
        assert "Zilverreiger" not in text and "kelder" not in text
