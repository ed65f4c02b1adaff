"""The core never imports Textual; the CLI's non-TUI commands do not either, nor (for help and
the flow commands) the store, crypto or summary layers."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    "argv",
    [
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
    ],
    ids=" ".join,
)
def test_cli_commands_do_not_import_textual(argv: list[str]) -> None:
    loaded = _modules_after(_run_cli(argv))
    assert "textual" not in loaded
    # Help and the flow commands never load the store, the crypto or the summary renderers.
    heavy = ("sqlite3", "sqlite_utils", "cryptography", "fpdf", "platformdirs")
    layers = ("meldcode_tui.store", "meldcode_tui.vault", "meldcode_tui.summary")
    assert not [m for m in loaded if m.split(".")[0] in heavy or m.startswith(layers)]


def _run_cli(argv: list[str]) -> str:
    """Python code that runs `meldcode ARGV` in a fresh interpreter."""
    return (
        "import sys\n"
        "from meldcode_tui.cli import app\n"
        f"sys.argv = ['meldcode', *{argv!r}]\n"
        "try:\n"
        "    app()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
    )
