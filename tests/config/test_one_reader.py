"""settings.py is the one module that reads the environment for a setting (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import meldcode_tui

PACKAGE = Path(meldcode_tui.__file__).parent
# Modules that touch os.environ for something that is no MELDCODE_* setting, each with why.
ALLOWED = {
    "settings.py": "the one reader",
    "console.py": "terminal detection (WT_SESSION, TERM_PROGRAM): no setting of ours",
    "store_location.py": "the sync clients' own variables (OneDrive...) to spot a synced folder",
    "cli/hand_down.py": "sets MELDCODE_STORE for the subcommands of `meldcode --store X`",
    "cli/export.py": "hands the print command an environment without any MELDCODE_* variable",
}


def _environment_reads(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("environ", "getenv")
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        ):
            lines.append(node.lineno)
    return lines


def test_no_module_but_settings_reads_the_environment() -> None:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name in ALLOWED:
            continue
        lines = _environment_reads(path)
        if lines:
            found[name] = lines
    assert not found, f"os.environ read outside settings.py: {found}"


def test_the_allowed_list_is_still_needed() -> None:
    for name in ALLOWED:
        assert _environment_reads(PACKAGE / name), f"{name} no longer reads os.environ"
