"""Start-up figures: the CLI's `--help` and `flows list`, and the first screen in tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from timing import Row, alternate, median

HERE = Path(__file__).resolve().parent
UNLOCK_NEEDLE = "Meldcode is vergrendeld"  # locales/nl.toml [tui.unlock] title
REFERENCE_NEEDLE = "meldcode-bench reference ready"  # ref_textual_app.READY


def meldcode_command() -> list[str]:
    """The installed console script, as a user starts it; else the module."""
    script = Path(sys.executable).parent / ("meldcode.exe" if os.name == "nt" else "meldcode")
    return [str(script)] if script.exists() else [sys.executable, "-m", "meldcode_tui.cli"]


def _run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def cli_start(env: dict[str, str], runs: int) -> list[Row]:
    meldcode = meldcode_command()
    reference = [sys.executable, str(HERE / "ref_typer_app.py"), "--help"]
    got = alternate(
        runs,
        reference=lambda: _run(reference, env),
        help=lambda: _run([*meldcode, "--help"], env),
        version=lambda: _run([*meldcode, "--version"], env),
        flows_list=lambda: _run([*meldcode, "flows", "list"], env),
    )
    ref = median(got["reference"])
    note = f"median of {runs}, alternating"
    return [
        Row("CLI start: meldcode --help", median(got["help"]), "s", 1.3, ref, True, note),
        Row("CLI start: meldcode --version", median(got["version"]), "s", 1.3, ref, True),
        Row("CLI start: meldcode flows list", median(got["flows_list"]), "s", 1.3, ref, True),
    ]


# A tmux server of our own: other sessions on the machine are not touched or counted.
SOCKET = f"meldcode-bench-{os.getpid()}"


def _tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False
    )


def _first_screen(command: str, needle: str, env: dict[str, str], timeout: float = 60) -> float:
    """From starting the terminal to the needle on its screen, polling the pane."""
    name = f"meldcode-bench-{uuid.uuid4().hex[:8]}"
    exports = " ".join(f"{k}={v}" for k, v in env.items() if k.startswith(("MELDCODE_", "TERM")))
    start = time.perf_counter()
    _tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", f"env {exports} {command}")
    try:
        while time.perf_counter() - start < timeout:
            if needle in _tmux("capture-pane", "-p", "-t", name).stdout:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"{needle!r} did not appear within {timeout} s")
    finally:
        _tmux("kill-session", "-t", name)


def first_screen(env: dict[str, str], store: Path, runs: int) -> list[Row]:
    if shutil.which("tmux") is None:
        return [Row("First screen", 0, "s", note="tmux is not installed", skipped=True)]
    env = {**env, "MELDCODE_STORE": str(store), "MELDCODE_LANG": "nl", "TERM": "xterm-256color"}
    meldcode = " ".join(meldcode_command())
    reference = f"{sys.executable} {HERE / 'ref_textual_app.py'}"
    # The server keeps running between runs, as it does for a user with a terminal open.
    _tmux("new-session", "-d", "-s", "keepalive", "sleep 3600")
    try:
        got = alternate(
            runs,
            reference=lambda: _first_screen(reference, REFERENCE_NEEDLE, env),
            meldcode=lambda: _first_screen(meldcode, UNLOCK_NEEDLE, env),
        )
    finally:
        _tmux("kill-server")
    return [
        Row(
            "First screen: unlock screen in tmux",
            median(got["meldcode"]),
            "s",
            1.3,
            median(got["reference"]),
            True,
            f"median of {runs}, alternating",
        )
    ]
