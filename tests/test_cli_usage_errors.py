"""Usage mistakes on the installed command: one clear line, exit 2, no box, no traceback."""

from __future__ import annotations

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
