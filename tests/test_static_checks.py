"""The whole repository passes ruff (lint and format); the core and the CLI pass mypy --strict."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Everything ruff checks; mypy takes its packages and modules from [tool.mypy] in pyproject.toml.
RUFF_PATHS = ["meldcode_tui", "tests", "bench"]


def _run_tool(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed (pip install -e '.[test]')")
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("needs the source tree")
    return subprocess.run(
        [sys.executable, "-m", tool, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_ruff_check() -> None:
    done = _run_tool("ruff", "check", "--no-fix", *RUFF_PATHS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format() -> None:
    done = _run_tool("ruff", "format", "--check", *RUFF_PATHS)
    assert done.returncode == 0, done.stdout + done.stderr


# Windows is the users' main system and macOS the second: the platform branches (msvcrt,
# fcntl, signals) are type-checked as each of them sees the code, not only as Linux does.
@pytest.mark.slow
@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_mypy_strict(platform: str) -> None:
    # One cache per platform: a shared one would be thrown away on every switch.
    done = _run_tool("mypy", "--platform", platform, "--cache-dir", f".mypy_cache/{platform}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout
