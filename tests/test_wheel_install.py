"""A wheel installed in a fresh venv carries flows/ and locales/ and the `meldcode` command."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_in_fresh_venv(tmp_path: Path) -> None:
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("needs the source tree")
    pytest.importorskip("hatchling")
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    wheel = next(dist.glob("meldcode_tui-*.whl"))
    env_dir = tmp_path / "venv"
    # No pip inside (ensurepip costs seconds): this environment's pip installs into it.
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    py = bin_dir / ("python.exe" if os.name == "nt" else "python")
    pip = [sys.executable, "-m", "pip", "--python", str(py)]
    subprocess.run(
        [*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        timeout=300,
        capture_output=True,
    )
    # The dependencies come from this test run's environment (no network needed): a path
    # line in a .pth file adds them after the fresh venv's own site-packages, so the
    # package itself is the wheel's copy, never the source tree.
    fresh_site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (fresh_site / "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    where = subprocess.run(
        [str(py), "-c", "import meldcode_tui.resources as r; print(r.data_dir('flows'))"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), where
    meldcode = bin_dir / ("meldcode.exe" if os.name == "nt" else "meldcode")

    def run_meldcode(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(meldcode), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
            check=False,
        )

    check = run_meldcode("flows", "check")
    assert check.returncode == 0, check.stderr
    assert "basismodel" in check.stdout
    answers = tmp_path / "a.toml"
    answers.write_text("afweging1_vermoeden = false\n", encoding="utf-8")
    evaluated = run_meldcode(
        "--lang", "en", "flows", "evaluate", "basismodel", "--answers", str(answers)
    )
    assert evaluated.returncode == 0, evaluated.stderr
    assert "decision 1, report to Veilig Thuis: no" in evaluated.stdout
