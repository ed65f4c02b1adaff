"""Collect an offline install bundle: the project's wheel and every dependency's wheel.

    python packaging/bundle.py --platform win_amd64 [--out dist/bundles]

makes dist/bundles/meldcode-tui-<version>-<platform>/ with wheels/, INSTALL.txt and SHA256SUMS.
IT copies that folder to a laptop with Python 3.11 and no network; INSTALL.txt says how to
install it there (no administrator rights). Needs the package index here, once.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import subprocess
import sys
import tempfile
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYTHON_VERSION = "3.11"

# The wheel tags each target accepts; pip widens the macOS ones to older macOS versions and
# universal2 itself. Linux: glibc 2.28 or newer (RHEL 8, Debian 10, Ubuntu 20.04 and later).
PLATFORMS: dict[str, list[str]] = {
    "win_amd64": ["win_amd64"],
    "macosx_arm64": ["macosx_12_0_arm64"],
    "macosx_x86_64": ["macosx_12_0_x86_64"],
    "manylinux_x86_64": [f"manylinux_2_{v}_x86_64" for v in range(28, 16, -1)]
    + ["manylinux2014_x86_64"],
    "manylinux_aarch64": [f"manylinux_2_{v}_aarch64" for v in range(28, 16, -1)]
    + ["manylinux2014_aarch64"],
}

INSTALL_WINDOWS = """\
meldcode-tui {version}, offline bundle for Windows (64-bit)

Needs Python 3.11 or newer (python.org, "install for me only": no administrator rights).
No network is needed. Open PowerShell or cmd in this folder and type, one line at a time:

    py -m venv meldcode-venv
    meldcode-venv\\Scripts\\pip install --no-index --find-links wheels meldcode-tui
    meldcode-venv\\Scripts\\meldcode demo

Then start the app with meldcode-venv\\Scripts\\meldcode (in Windows Terminal).
Check the files first if you like: SHA256SUMS lists every wheel's SHA-256
(PowerShell: Get-FileHash wheels\\<file>).
"""

INSTALL_POSIX = """\
meldcode-tui {version}, offline bundle for {system}

Needs Python 3.11 or newer. No network is needed. In a terminal, in this folder:

    python3 -m venv meldcode-venv
    meldcode-venv/bin/pip install --no-index --find-links wheels meldcode-tui
    meldcode-venv/bin/meldcode demo

Then start the app with meldcode-venv/bin/meldcode.
SHA256SUMS lists every wheel's SHA-256 (check with: sha256sum -c SHA256SUMS, in wheels/).
"""

# pip evaluates dependency markers for the machine it runs on, not for --platform: these are the
# target's values, so a Windows-only dependency (colorama) is in the Windows bundle.
MARKERS: dict[str, dict[str, str]] = {
    "win_amd64": {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows"},
    "macosx_arm64": {"os_name": "posix", "sys_platform": "darwin", "platform_system": "Darwin"},
    "macosx_x86_64": {"os_name": "posix", "sys_platform": "darwin", "platform_system": "Darwin"},
    "manylinux_x86_64": {"os_name": "posix", "sys_platform": "linux", "platform_system": "Linux"},
    "manylinux_aarch64": {"os_name": "posix", "sys_platform": "linux", "platform_system": "Linux"},
}
MACHINES = {
    "win_amd64": "AMD64",
    "macosx_arm64": "arm64",
    "macosx_x86_64": "x86_64",
    "manylinux_x86_64": "x86_64",
    "manylinux_aarch64": "aarch64",
}

SYSTEMS = {
    "macosx_arm64": "macOS 12 or newer on Apple silicon",
    "macosx_x86_64": "macOS 12 or newer on Intel",
    "manylinux_x86_64": "Linux (x86-64, glibc 2.28 or newer)",
    "manylinux_aarch64": "Linux (ARM 64-bit, glibc 2.28 or newer)",
}


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"failed: {' '.join(args[:6])} ...")


def project_wheel(folder: Path) -> Path:
    """Build the project's own wheel into `folder`."""
    args = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder)]
    if importlib.util.find_spec("hatchling") is not None:
        args.append("--no-build-isolation")  # the build backend is here already
    _run([*args, str(ROOT)])
    return next(folder.glob("meldcode_tui-*.whl"))


def _pip_download(requirement: str, platform: str, folder: Path) -> None:
    tags = [arg for tag in PLATFORMS[platform] for arg in ("--platform", tag)]
    abis = ["--abi", "cp311", "--abi", "abi3", "--abi", "none"]
    target = ["--implementation", "cp", "--python-version", PYTHON_VERSION, "-d", str(folder)]
    # Only wheels: nothing may need building (or a compiler) on the target.
    _run([sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:", *tags, *abis,
          *target, requirement])  # fmt: skip


def _requirements(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(name).decode("utf-8"))
    return [Requirement(line) for line in metadata.get_all("Requires-Dist") or []]


def _missing_for_target(platform: str, folder: Path) -> list[str]:
    """Dependencies the target needs that pip skipped because this machine does not."""
    env = {
        **MARKERS[platform],
        "platform_machine": MACHINES[platform],
        "python_version": PYTHON_VERSION,
        "python_full_version": PYTHON_VERSION + ".0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "extra": "",
    }
    present = {canonicalize_name(w.name.split("-")[0]) for w in folder.glob("*.whl")}
    missing: list[str] = []
    for wheel in sorted(folder.glob("*.whl")):
        for req in _requirements(wheel):
            if req.marker is None or not req.marker.evaluate(env):
                continue
            if canonicalize_name(req.name) not in present:
                missing.append(f"{req.name}{req.specifier}")
                present.add(canonicalize_name(req.name))
    return missing


def download_dependencies(wheel: Path, platform: str, folder: Path) -> None:
    """Every dependency the target needs, as a wheel for `platform`."""
    _pip_download(str(wheel), platform, folder)
    while missing := _missing_for_target(platform, folder):
        for requirement in missing:
            _pip_download(requirement, platform, folder)


def make_bundle(platform: str, out: Path) -> Path:
    if platform not in PLATFORMS:
        raise SystemExit(f"unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)}")
    with tempfile.TemporaryDirectory() as scratch:
        wheel = project_wheel(Path(scratch))
        version = wheel.name.split("-")[1]
        bundle = out / f"meldcode-tui-{version}-{platform}"
        wheels = bundle / "wheels"
        wheels.mkdir(parents=True, exist_ok=False)
        target = wheels / wheel.name
        target.write_bytes(wheel.read_bytes())
    download_dependencies(target, platform, wheels)
    sums = "".join(
        f"{hashlib.sha256(w.read_bytes()).hexdigest()}  {w.name}\n"
        for w in sorted(wheels.glob("*.whl"))
    )
    (bundle / "SHA256SUMS").write_text(sums, encoding="utf-8")
    template = INSTALL_WINDOWS if platform == "win_amd64" else INSTALL_POSIX
    text = template.format(version=version, system=SYSTEMS.get(platform, platform))
    # Notepad on older Windows shows a file with bare LF line ends as one line.
    newline = "\r\n" if platform == "win_amd64" else "\n"
    (bundle / "INSTALL.txt").write_text(text, encoding="utf-8", newline=newline)
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform", required=True, choices=sorted(PLATFORMS))
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "bundles")
    args = parser.parse_args(argv)
    bundle = make_bundle(args.platform, args.out)
    count = len(list((bundle / "wheels").glob("*.whl")))
    print(f"{bundle} ({count} wheels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
