"""The installed `meldcode` in a real terminal (tmux): first run, a case, a step; then resume."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

MELDCODE = Path(sys.executable).parent / "meldcode"
# A new passphrase must pass the strength check (the welcome screen refuses "geheim12").
PASSPHRASE = "paars fietsrek lepel"


class Terminal:
    """One tmux session of 80x24 running a command; keys in, screen text out."""

    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.name = f"meldcode-e2e-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                "80",
                "-y",
                "24",
                f"env {exports} {command}; sleep 5",
            ],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        """One key at a time, each once the app has shown its effect, as a person would.

        Sent back to back, a key can reach the app before the focus change of the previous one
        (Enter in a field moves on to the next), and lands in the wrong widget on a busy machine.
        """
        for key in keys:
            before = self.screen(styled=True)
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            self.settle(before)

    def text(self, value: str) -> None:
        before = self.screen(styled=True)
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", value], check=True)
        self.settle(before)

    def screen(self, *, styled: bool = False) -> str:
        """The pane's text; styled adds colours, so a focus change counts as a change too."""
        out = subprocess.run(
            ["tmux", "capture-pane", "-p", *(["-e"] if styled else []), "-t", self.name],
            capture_output=True,
            text=True,
        )
        return out.stdout

    def settle(self, before: str | None = None, timeout: float = 10) -> None:
        """Until the screen has changed from `before` (if given) and then stays the same."""
        deadline = time.monotonic() + timeout
        last = self.screen(styled=True)
        while before is not None and last == before and time.monotonic() < deadline:
            time.sleep(0.05)
            last = self.screen(styled=True)
        while time.monotonic() < deadline:
            time.sleep(0.15)
            now = self.screen(styled=True)
            if now == last:
                return
            last = now

    def wait_for(self, needle: str, timeout: float = 30, *, settle: bool = True) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                if not settle:
                    return screen
                # Drawn is not yet ready: the screen may still be mounting and focusing.
                self.settle()
                return self.screen()
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} did not appear; screen was:\n{self.screen()}")

    def quit(self, timeout: float = 15) -> None:
        """Ctrl+Q, then until the app has exited (what it saves on quitting is on disk).

        Polled, not slept: the pane runs `meldcode ...; sleep 5`, so the app is gone once the
        pane's command is that `sleep`."""
        self.keys("C-q")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = subprocess.run(
                ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_current_command}"],
                capture_output=True,
                text=True,
            )
            if "sleep" in done.stdout:
                return
            time.sleep(0.1)
        raise AssertionError(f"meldcode did not quit; screen was:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)

    def app_pid(self) -> int:
        """The running command: the child of the pane's shell (`env` execs it)."""
        shell = subprocess.run(
            ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[0]
        children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True)
        return int(children.stdout.split()[0])


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "MELDCODE_STORE": str(tmp_path / "e2e.meldcode"),
        "MELDCODE_INSECURE_TEST_KDF": "1",
        # The light KDF is honoured only in a test run (vault/kdf.py); this env is built afresh.
        "PYTEST_CURRENT_TEST": os.environ.get("PYTEST_CURRENT_TEST", "e2e"),
        "MELDCODE_LANG": "nl",
        "TERM": "xterm-256color",
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "PATH": os.environ.get("PATH", ""),
    }


def test_first_run_case_step_then_resume(env: dict[str, str], tmp_path: Path) -> None:
    assert MELDCODE.exists(), "install the package (pip install -e .) first"
    term = Terminal(str(MELDCODE), env)
    try:
        term.wait_for("Welkom bij meldcode")
        term.text(PASSPHRASE)
        term.keys("Enter")
        term.text(PASSPHRASE)
        term.keys("Enter")
        term.wait_for("herstelsleutel")
        term.keys("Enter")
        term.wait_for("Casussen")
        term.keys("C-n")
        term.wait_for("Nieuwe casus")
        term.text("E2E leerling")
        term.keys("Enter", "Enter")
        # Its first question in view (the view follows the focus: at 80x24 the step's heading
        # may scroll away above a long guidance; the step list on the left names the step).
        term.wait_for("Over wie maak je je zorgen?")
        # Step 1: a child; the first signal; the facts; no disclosure; no counter-signals.
        term.keys("Enter", "Tab", "Space", "Tab")
        term.text("feiten")
        term.keys("Tab", "Right", "Enter", "Tab", "Right", "Enter")
        term.keys("F6")
        term.wait_for("Met wie heb je de signalen besproken")  # step 2, its first question in view
        term.quit()
    finally:
        term.close()
    assert Path(env["MELDCODE_STORE"]).is_file()

    again = Terminal(str(MELDCODE), {**env, "MELDCODE_PASSPHRASE": PASSPHRASE})
    try:
        screen = again.wait_for("E2E leerling")
        assert "stap 2/5" in screen
        again.keys("Enter")
        screen = again.wait_for("Met wie heb je de signalen besproken")  # resumed at step 2
        again.keys("C-q")
    finally:
        again.close()


def _answers_once_closed(path: Path, timeout: float = 10) -> dict[str, object]:
    """The stored answers, as soon as the killed app has let go of the store."""
    from meldcode_tui.store import Store, StoreError

    deadline = time.monotonic() + timeout
    while True:
        try:
            with Store.open(path, PASSPHRASE) as store:
                (summary,) = store.list_cases()
                return store.get_case(summary.id).answers
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.parametrize("how", ["close the terminal", "SIGTERM"])
def test_text_typed_just_before_the_terminal_goes_is_saved(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    from meldcode_tui.casework import start_case
    from meldcode_tui.store import Store

    monkeypatch.setenv("MELDCODE_INSECURE_TEST_KDF", "1")
    path = Path(env["MELDCODE_STORE"])
    with Store.create(path, PASSPHRASE, recovery=False)[0] as store:
        start_case(store, "basismodel", "E2E", {"client_type": "kind"})
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    command = f"{MELDCODE} --passphrase-file {shlex.quote(str(secret))}"

    term = Terminal(command, env)
    try:
        term.wait_for("E2E")  # unlocked by the file, straight to the case list
        term.keys("Enter")
        # The focus starts on the signals, the first open question, scrolled into view.
        term.wait_for("Welke signalen zie of hoor je?")
        term.keys("Tab")  # into the facts
        # Typed, then gone well within the autosave pause of 0.6 s.
        subprocess.run(["tmux", "send-keys", "-t", term.name, "-l", "woorden die blijven"])
        # Keys the app never received cannot be saved: wait until it shows them (well within
        # the autosave pause, so the save comes from the signal path), then take it away.
        term.wait_for("woorden die blijven", timeout=5, settle=False)
        if how == "SIGTERM":
            os.kill(term.app_pid(), signal.SIGTERM)
        term.close()  # tmux kill-session: the app gets SIGHUP
    finally:
        term.close()
    assert _answers_once_closed(path)["signalen_feiten"] == "woorden die blijven"

    again = Terminal(command, env)
    try:
        again.wait_for("E2E")
        again.keys("Enter")
        again.wait_for("Welke signalen zie of hoor je?")
        again.keys("Tab")  # the facts field scrolls into view with the text in it
        again.wait_for("woorden die blijven")
        again.keys("C-q")
    finally:
        again.close()


def test_demo_opens_with_three_fictitious_cases_and_leaves_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    """The README's first command: `meldcode demo`, no set-up, no prompt, wiped on quit."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    # The shipped key derivation, as a new user gets it; no store of theirs is touched.
    demo_env = {k: v for k, v in env.items() if k != "MELDCODE_INSECURE_TEST_KDF"}
    demo_env["TMPDIR"] = str(scratch)
    term = Terminal(f"{MELDCODE} demo", demo_env)
    try:
        screen = term.wait_for("DEMO")
        for name in ("Noor", "Sem", "Lotte"):
            screen = term.wait_for(name)
        assert "!" in screen  # Lotte's monitoring date is overdue
        assert any(p.name.startswith("meldcode-demo-") for p in scratch.iterdir())
        term.keys("C-q")
        deadline = time.monotonic() + 15
        while any(scratch.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        term.close()
    assert list(scratch.iterdir()) == []
    assert not Path(env["MELDCODE_STORE"]).exists()
