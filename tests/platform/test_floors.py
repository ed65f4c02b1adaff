"""The dependency floors hold: the lowest allowed versions install and pass the smoke set.

`uv pip install --resolution lowest-direct` picks the lowest version of every direct dependency
that pyproject.toml allows; if a floor is too low for the code, the smoke set fails here and
not on a user's laptop. Needs the package index (PyPI), as installing does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version
from smoke import run_smoke, smoke_env

ROOT = Path(__file__).resolve().parents[2]


def _uv() -> str:
    found = shutil.which("uv") or shutil.which("uv", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("uv is not installed (pip install -e '.[test]' brings it)")
    return found


def _floors() -> dict[str, Version]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors: dict[str, Version] = {}
    for line in project["dependencies"]:
        req = Requirement(line)
        lows = [Version(s.version) for s in req.specifier if s.operator in (">=", "==")]
        assert lows, f"{req.name} has no lower bound"
        floors[req.name.lower()] = max(lows)
    return floors


@pytest.mark.slow
def test_lowest_direct_versions_pass_the_smoke_set(tmp_path: Path) -> None:
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("needs the source tree")
    uv = _uv()
    env_dir = tmp_path / "lowest"
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([uv, "venv", "-q", "-p", sys.executable, str(env_dir)], check=True)
    install = subprocess.run(
        [
            uv,
            "pip",
            "install",
            "-q",
            "--python",
            str(py),
            "--resolution",
            "lowest-direct",
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if install.returncode != 0 and "network" in install.stderr.lower():
        pytest.skip("the package index is not reachable")
    assert install.returncode == 0, install.stderr
    listed = subprocess.run(
        [uv, "pip", "list", "--python", str(py), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    installed = {p["name"].lower(): Version(p["version"]) for p in json.loads(listed.stdout)}
    # Each floor is itself installable: the resolver did not have to go higher.
    assert {name: installed[name] for name in _floors()} == _floors()
    meldcode = env_dir / ("Scripts/meldcode.exe" if os.name == "nt" else "bin/meldcode")
    work = tmp_path / "work"
    work.mkdir()
    checked = {line.split()[0] for line in run_smoke([str(meldcode)], work, smoke_env(work))}
    assert {"--help", "init", "new", "answer", "export", "verify", "demo"} <= checked
