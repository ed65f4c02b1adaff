"""No network, ever: the CLI commands and a TUI walkthrough run with the network cut off.

A sitecustomize (tests/platform/netguard) makes every socket to the network, every name lookup
and every connection fail in the child processes, and logs each attempt, so even an attempt the
app caught and hid shows up here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from smoke import Meldcode, smoke_env, smoke_steps

ROOT = Path(__file__).resolve().parents[2]
GUARD = Path(__file__).resolve().parent / "netguard"


def _guarded_env(workdir: Path, log: Path, *, smoke: bool = True) -> dict[str, str]:
    env = smoke_env(workdir) if smoke else dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(GUARD), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["MELDCODE_NETGUARD_LOG"] = str(log)
    return env


def _attempts(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_the_guard_catches_a_connection(tmp_path: Path) -> None:
    log = tmp_path / "net.log"
    code = (
        "import urllib.request\n"
        "try:\n    urllib.request.urlopen('http://example.org', timeout=5)\n"
        "except OSError:\n    pass\n"
    )
    subprocess.run([sys.executable, "-c", code], env=_guarded_env(tmp_path, log), check=True)
    assert _attempts(log) == ["create_connection"]


@pytest.mark.slow
def test_every_cli_command_runs_offline(tmp_path: Path, meldcode_script: str) -> None:
    log = tmp_path / "net.log"
    run = Meldcode([meldcode_script], tmp_path, _guarded_env(tmp_path, log))
    case_id = smoke_steps(run, demo=True)
    run("list")
    run("show", case_id)
    run("note", case_id, "Fictieve notitie.", "--kind", "feit")
    run("due")
    for fmt in ("txt", "md", "json"):
        run("export", case_id, "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"))
    run("backup", str(tmp_path / "backup.meldcode"))
    run("restore", str(tmp_path / "backup.meldcode"), "--store", str(tmp_path / "r.meldcode"))
    run("flows", "check")
    run("flows", "show", "basismodel")
    assert len(run.checked) >= 20
    assert _attempts(log) == []


@pytest.mark.slow
def test_tui_walkthroughs_run_offline(tmp_path: Path) -> None:
    if not (ROOT / "tests" / "tui" / "test_walkthroughs.py").is_file():
        pytest.skip("needs the source tree")
    log = tmp_path / "net.log"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            # One full walkthrough (new case to closing) is enough; the rest run unguarded.
            "-k",
            "no_suspicion_closes_the_case",
            str(ROOT / "tests" / "tui" / "test_walkthroughs.py"),
        ],
        cwd=ROOT,
        env=_guarded_env(tmp_path, log, smoke=False),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout
    assert _attempts(log) == []
