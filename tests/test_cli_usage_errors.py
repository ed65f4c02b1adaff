"""Usage mistakes on the installed command: one clear line, exit 2, no box, no traceback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["flows", "evaluate", "basismodel"], "--answers"),
        (["bogus"], "bogus"),
        (["--lang", "en", "new"], "--flow"),
        (["--lang", "xx", "flows", "list"], "xx"),
    ],
)
def test_usage_error_is_one_line(
    argv: list[str], fragment: str, tmp_path: Path, meldcode_script: str
) -> None:
    proc = subprocess.run(
        [meldcode_script, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert fragment in lines[0]
    assert "Traceback" not in proc.stderr and "╭" not in proc.stderr


@pytest.mark.parametrize(
    ("argv", "env_lang"),
    [(["--lang", "en", "bogus"], None), (["--lang=en", "new"], None), (["bogus"], "en")],
    ids=["flag", "flag=", "environment"],
)
def test_usage_error_is_in_the_chosen_language(
    argv: list[str], env_lang: str | None, tmp_path: Path, meldcode_script: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MELDCODE_LANG"}
    if env_lang:
        env["MELDCODE_LANG"] = env_lang
    proc = subprocess.run(
        [meldcode_script, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("error: ") and "see `" in line, line


def test_help_lists_each_environment_variable(meldcode_script: str) -> None:
    def shown(*argv: str) -> str:
        env = {**os.environ, "COLUMNS": "200"}
        proc = subprocess.run(
            [meldcode_script, *argv, "--help"], capture_output=True, text=True, env=env, timeout=60
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    root = shown()
    for name in ("LANG", "STORE", "IDLE_LOCK", "PASSPHRASE", "NEW_PASSPHRASE", "NOW", "DEBUG"):
        assert f"MELDCODE_{name}" in root, name
    for command in ("list", "show", "new", "export"):
        text = shown(command)
        assert "MELDCODE_STORE" in text and "MELDCODE_PASSPHRASE" in text, command
