"""The layers hold: `lint-imports` keeps every contract in pyproject.toml (see ARCHITECTURE.md)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    if importlib.util.find_spec("importlinter") is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("needs the source tree")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert len(contracts) >= 3
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; "
            "sys.exit(lint_imports_command())",
            "--no-cache",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(contracts)} kept, 0 broken" in done.stdout


def test_no_import_cycle() -> None:
    """No module reaches itself through its imports (function-level imports included)."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("meldcode_tui", cache_dir=None)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    for module in sorted(edges):
        seen: set[str] = set()
        todo = list(edges[module])
        while todo:
            current = todo.pop()
            assert current != module, f"{module} imports itself through {sorted(seen)}"
            if current not in seen:
                seen.add(current)
                todo.extend(edges.get(current, ()))
