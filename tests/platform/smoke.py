"""The smoke set: what every way of installing meldcode must pass before anyone relies on it.

Used by the floor test (lowest dependency versions), the portable-build test and the offline
wheel-bundle test, and by .github/workflows/windows.yml on a Windows runner:

    python tests/platform/smoke.py path/to/meldcode[.exe] [--no-demo]

Only fictitious data; a light key derivation (test-only) keeps it quick.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

PASSPHRASE = "paard batterij nietje correct"
# The demo's first case (meldcode_tui/tui/demo.py), as the headless screenshot shows it.
DEMO_MARK = "Noor"


class SmokeFailed(AssertionError):
    pass


def smoke_env(workdir: Path, base: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env.update(
        {
            "MELDCODE_STORE": str(workdir / "smoke.meldcode"),
            "MELDCODE_PASSPHRASE": PASSPHRASE,
            "MELDCODE_INSECURE_TEST_KDF": "1",
            # The light KDF is honoured only in a test run (vault/kdf.py): the smoke set is one,
            # also when run by hand or on a base environment without pytest's variable.
            "PYTEST_CURRENT_TEST": env.get("PYTEST_CURRENT_TEST", "smoke"),
            "MELDCODE_LANG": "en",
            # Textual's own headless driver and screenshot-then-exit: the demo runs with no
            # terminal on every OS.
            "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
            "TEXTUAL_SCREENSHOT": "3",
            "TEXTUAL_SCREENSHOT_LOCATION": str(workdir),
            "TEXTUAL_SCREENSHOT_FILENAME": "demo.svg",
        }
    )
    return env


class Meldcode:
    """Runs one meldcode command line in a scratch folder; fails on a wrong exit or a crash."""

    def __init__(self, command: Sequence[str], workdir: Path, env: Mapping[str, str]) -> None:
        self.command, self.workdir, self.env = list(command), workdir, dict(env)
        self.checked: list[str] = []

    def __call__(
        self,
        *args: str,
        code: int = 0,
        unset: Sequence[str] = (),
        extra: Mapping[str, str] | None = None,
        stdin: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        run_env = {k: v for k, v in self.env.items() if k not in unset} | dict(extra or {})
        done = subprocess.run(
            [*self.command, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            cwd=self.workdir,
            env=run_env,
            input=stdin,
            timeout=180,
            check=False,
        )
        if done.returncode != code:
            raise SmokeFailed(
                f"`meldcode {' '.join(args)}` exited {done.returncode}, expected {code}:\n"
                f"{done.stdout}\n{done.stderr}"
            )
        if "Traceback" in done.stderr or "internal error" in done.stderr.lower():
            raise SmokeFailed(f"`meldcode {' '.join(args)}` crashed:\n{done.stderr}")
        self.checked.append(" ".join(args))
        return done


def run_smoke(
    meldcode: Sequence[str], workdir: Path, env: Mapping[str, str], *, demo: bool = True
) -> list[str]:
    """Run the smoke set with `meldcode` (a command line); returns what it checked."""
    run = Meldcode(meldcode, workdir, env)
    smoke_steps(run, demo=demo)
    return run.checked


def smoke_steps(run: Meldcode, *, demo: bool = True) -> str:
    """The smoke set proper; returns the id of the case it made."""
    workdir = run.workdir
    if "meldcode-tui" not in run("--version").stdout:
        raise SmokeFailed("--version does not name meldcode-tui")
    if "init" not in run("--help").stdout:
        raise SmokeFailed("--help does not list the commands")
    if "basismodel" not in run("flows", "list").stdout:
        raise SmokeFailed("flows list does not list basismodel")
    # A usage error is one line and exit 2 (old Typer turned it into "internal error").
    usage = run("new", "--flow", code=2)
    if len([line for line in usage.stderr.splitlines() if line.strip()]) != 1:
        raise SmokeFailed(f"a usage error is not one line:\n{usage.stderr}")
    # A missing argument too: Typer before 0.18 with Click 8.3+ ran the command without it.
    missing = run("export", code=2)
    if not any(name in missing.stderr for name in ("CASUS", "CASE")):
        raise SmokeFailed(f"a missing argument is not named:\n{missing.stderr}")
    run("init", "--no-recovery")
    case_id = run("new", "--flow", "basismodel", "--title", "Smoke (fictief)").stdout.split()[-1]
    answers = workdir / "answers.toml"
    answers.write_text('client_type = "kind"\nafweging1_vermoeden = false\n', encoding="utf-8")
    run("answer", case_id, "--answers", str(answers))
    pdf = workdir / "smoke.pdf"
    run("export", case_id, "--format", "pdf", "-o", str(pdf))
    if not pdf.read_bytes().startswith(b"%PDF"):
        raise SmokeFailed("export --format pdf wrote no PDF")
    run("verify")
    if os.name != "nt":
        # The default store location (platformdirs), here inside the scratch folder; on
        # Windows it is a known folder that no variable redirects, so it is left alone there.
        home = workdir / "home"
        default = {"XDG_DATA_HOME": str(home / "data"), "HOME": str(home)}
        run("init", "--no-recovery", unset=("MELDCODE_STORE",), extra=default)
        if not list(home.rglob("*.meldcode")):
            raise SmokeFailed("init without --store made no store in the user data folder")
    if demo:
        shot = workdir / "demo.svg"
        run("demo")
        if not shot.is_file() or DEMO_MARK not in shot.read_text(encoding="utf-8"):
            raise SmokeFailed("the headless demo did not show its fictitious cases")
    return case_id


def main(argv: Sequence[str]) -> int:
    args = [a for a in argv if a != "--no-demo"]
    if len(args) != 1:
        print("usage: smoke.py MELDCODE [--no-demo]", file=sys.stderr)
        return 2
    program = Path(args[0])
    command = str(program.resolve()) if program.exists() else args[0]
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        try:
            checked = run_smoke(
                [command], workdir, smoke_env(workdir), demo="--no-demo" not in argv
            )
        except SmokeFailed as exc:
            print(f"FAILED: {exc}", file=sys.stderr)
            return 1
    for line in checked:
        print(f"ok: meldcode {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
