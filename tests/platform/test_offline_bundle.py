"""The offline wheel bundle for this machine installs into a fresh venv with the network cut off
(`unshare -n` where the kernel allows it; pip's --no-index and no configured index always) and
passes the smoke set.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from smoke import run_smoke, smoke_env

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "packaging" / "bundle.py"


def _this_platform() -> str | None:
    machine = platform.machine().lower()
    if sys.platform == "win32" and machine in ("amd64", "x86_64"):
        return "win_amd64"
    if sys.platform == "darwin" and machine in ("arm64", "x86_64"):
        return f"macosx_{machine}"
    if sys.platform.startswith("linux") and machine in ("x86_64", "aarch64"):
        return f"manylinux_{machine}"
    return None


def _network_cut() -> list[str]:
    """`unshare -n` (a new network namespace with no way out) if this machine allows it."""
    if shutil.which("unshare") is None:
        return []
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return ["unshare", "-n"] if probe.returncode == 0 else []


@pytest.mark.slow
def test_this_platforms_bundle_installs_offline(tmp_path: Path) -> None:
    target = _this_platform()
    if target is None or not BUNDLE.is_file():
        pytest.skip("no bundle for this machine, or no source tree")
    made = subprocess.run(
        [sys.executable, str(BUNDLE), "--platform", target, "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if made.returncode != 0 and "network" in made.stderr.lower():
        pytest.skip("the package index is not reachable to collect the bundle")
    assert made.returncode == 0, made.stderr[-3000:]
    (bundle,) = (tmp_path / "out").iterdir()
    assert "--no-index --find-links wheels" in (bundle / "INSTALL.txt").read_text(encoding="utf-8")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    offline = _network_cut()
    # No configured index, find-links or constraints of this machine may help pip.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    if offline:
        # Inside the namespace nothing is reachable, not even through a proxy.
        probe = subprocess.run(
            [
                *offline,
                sys.executable,
                "-c",
                "import socket; socket.create_connection(('1.1.1.1', 53), 3)",
            ],
            capture_output=True,
            check=False,
        )
        assert probe.returncode != 0, "the network is still reachable inside unshare -n"
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-index"]
    install = subprocess.run(
        [*offline, *pip, "--find-links", str(bundle / "wheels"), "meldcode-tui"],
        capture_output=True,
        text=True,
        cwd=bundle,
        env=env,
        timeout=600,
        check=False,
    )
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]
    meldcode = bin_dir / ("meldcode.exe" if os.name == "nt" else "meldcode")
    work = tmp_path / "work"
    work.mkdir()
    checked = run_smoke([*offline, str(meldcode)], work, smoke_env(work, env))
    assert {"--help", "init", "new", "answer", "export", "verify", "demo"} <= {
        line.split()[0] for line in checked
    }
