"""The portable build: packaging/meldcode.spec makes one self-contained folder that runs with
no Python on the machine (here the Linux folder; .github/workflows/windows.yml makes and runs
the Windows one).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from smoke import run_smoke, smoke_env

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "meldcode.spec"


@pytest.mark.slow
def test_portable_folder_runs_without_python(tmp_path: Path) -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[test]')")
    if not SPEC.is_file():
        pytest.skip("needs the source tree")
    dist = tmp_path / "dist"
    options = ["--noconfirm", "--clean", "--log-level", "WARN", "--distpath", str(dist)]
    options += ["--workpath", str(tmp_path / "build"), str(SPEC)]
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", *options],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    folder = dist / "meldcode"
    exe = folder / ("meldcode.exe" if os.name == "nt" else "meldcode")
    inside = folder / "_internal" / "meldcode_tui"
    for shipped in (
        "_data/flows/basismodel.toml",
        "_data/locales/nl.toml",
        "_data/locales/en.toml",
        "summary/fonts/DejaVuSans.ttf",
        "tui/app.tcss",
    ):
        assert (inside / shipped).is_file(), shipped
    # No Python anywhere the program could find one: an empty PATH and no Python variables.
    empty = tmp_path / "empty-path"
    empty.mkdir()
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PYTHON") and k not in ("VIRTUAL_ENV", "PATH")
    }
    base["PATH"] = str(empty)
    assert shutil.which("python3", path=str(empty)) is None
    assert shutil.which("python", path=str(empty)) is None
    work = tmp_path / "work"
    work.mkdir()
    checked = {line.split()[0] for line in run_smoke([str(exe)], work, smoke_env(work, base))}
    assert {"--version", "flows", "init", "new", "answer", "export", "verify", "demo"} <= checked
