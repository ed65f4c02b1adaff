"""The core never imports Textual; the CLI's non-TUI commands do not either."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CORE_MODULES = [
    "meldcode_tui.flow",
    "meldcode_tui.vault",
    "meldcode_tui.store",
    "meldcode_tui.summary",
]


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.split())


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_textual(module: str) -> None:
    loaded = _modules_after(f"import {module}")
    assert "textual" not in loaded
    if module in ("meldcode_tui.flow", "meldcode_tui.vault", "meldcode_tui.summary"):
        assert "sqlite3" not in loaded and "sqlite_utils" not in loaded


CLI_COMMANDS = [
    ["--version"],
    ["--help"],
    ["flows", "--help"],
    ["flows", "list"],
    ["flows", "show", "basismodel"],
    ["flows", "check"],
    ["flows", "evaluate", "--help"],
    *(
        [command, "--help"]
        for command in (
            "list",
            "show",
            "export",
            "due",
            "close",
            "init",
            "new",
            "answer",
            "note",
            "passwd",
            "shred",
            "backup",
            "restore",
            "verify",
        )
    ),
]

# All commands in one fresh interpreter, one after the other (a new one each costs half a
# second of imports, twenty times over). Modules are never unloaded, so "textual is not loaded
# after command k" holds for command k on its own too; the first command after which Textual
# shows up is named, because every later one inherits it.
_ALL_COMMANDS = """
import json
import sys

from meldcode_tui.cli import app

commands, report = json.loads(sys.argv[1]), sys.argv[2]
# platformdirs is not among them: every command finds the settings file's folder through it
# (about 5 ms after Typer's 120 on this machine, `python -X importtime`).
HEAVY = (
    "textual", "sqlite3", "sqlite_utils", "cryptography", "argon2", "fpdf", "pydantic",
)
LAYERS = (
    "meldcode_tui.store", "meldcode_tui.vault", "meldcode_tui.summary", "meldcode_tui.casework",
)
textual_after = {}
for argv in commands:
    sys.argv = ["meldcode", *argv]
    try:
        app()
    except SystemExit as exc:
        assert not exc.code, (argv, exc.code)
    textual_after[" ".join(argv)] = sorted(
        m for m in sys.modules if m.split(".")[0] in HEAVY or m.startswith(LAYERS)
    )
with open(report, "w", encoding="utf-8") as out:
    json.dump(textual_after, out)
"""


@pytest.fixture(scope="module")
def textual_after(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    report = tmp_path_factory.mktemp("hygiene") / "report.json"
    proc = subprocess.run(
        [sys.executable, "-c", _ALL_COMMANDS, json.dumps(CLI_COMMANDS), str(report)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    loaded: dict[str, list[str]] = json.loads(report.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("argv", CLI_COMMANDS, ids=" ".join)
def test_cli_commands_do_not_import_textual(
    argv: list[str], textual_after: dict[str, list[str]]
) -> None:
    # Help and the flow commands load neither Textual nor the store, crypto or summary.
    first = next((command for command, loaded in textual_after.items() if loaded), None)
    loaded = textual_after[" ".join(argv)]
    assert not loaded, f"`meldcode {first}` loaded {textual_after.get(first or '', [])[:5]}"


# What `meldcode` imports before it draws its first screen (unlock, or welcome for a new user):
# Textual and the screen itself, not the store, the crypto, the passphrase check, the flow
# engine or the use-case layer; those load in the background once the screen is there
# (tui/app.py `_preload`).
_FIRST_SCREEN = """
import sys

from meldcode_tui.tui.launch import launch
from meldcode_tui.tui.screens.unlock import UnlockScreen
from meldcode_tui.tui.screens.welcome import WelcomeScreen
from meldcode_tui.cli.tui import run_tui

HEAVY = ("sqlite3", "sqlite_utils", "cryptography", "argon2", "fpdf", "pydantic", "zxcvbn")
LAYERS = (
    "meldcode_tui.store", "meldcode_tui.vault", "meldcode_tui.summary", "meldcode_tui.casework",
    "meldcode_tui.flow.engine", "meldcode_tui.flow.loader", "meldcode_tui.flow.model",
)
loaded = (m for m in sorted(sys.modules) if m.split(".")[0] in HEAVY or m.startswith(LAYERS))
print("\\n".join(loaded))
"""


def test_the_first_screen_needs_no_store_crypto_or_flow_engine() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _FIRST_SCREEN], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == []


def test_the_flow_package_names_load_on_first_use() -> None:
    # flow/__init__ exports lazily (PEP 562): every name it lists must still resolve.
    import meldcode_tui.flow as flow

    for name in flow.__all__:
        assert getattr(flow, name).__name__ == name
    with pytest.raises(AttributeError):
        _ = flow.no_such_name  # type: ignore[attr-defined]


# Every command is built, and its module imported, only when it is used (cli/lazy.py).
_ROOT_HELP = """
import sys

from meldcode_tui.cli import main

try:
    main(sys.argv[1:])
except SystemExit as exc:
    assert not exc.code, exc.code
# On stderr: the help itself (on stdout) names the commands.
cli = (m for m in sorted(sys.modules) if m.startswith("meldcode_tui.cli."))
print("\\n".join(cli), file=sys.stderr)
"""
COMMAND_MODULES = {"admin", "cases", "show", "export", "due", "handover", "flows", "config"}


@pytest.mark.parametrize(
    ("argv", "needed"), [(["--help"], set()), (["flows", "list"], {"flows"})], ids=" ".join
)
def test_only_the_command_that_runs_is_imported(argv: list[str], needed: set[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _ROOT_HELP, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    loaded = {m.removeprefix("meldcode_tui.cli.") for m in proc.stderr.split()}
    assert loaded & COMMAND_MODULES == needed
