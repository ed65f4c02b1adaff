"""The README's install commands work where its readers type them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_windows_commands_run_in_powershell_51_and_cmd() -> None:
    blocks = _blocks("bat")
    assert blocks, "the README gives no Windows commands"
    inline = re.findall(r"`([^`]*\.venv\\Scripts\\[^`]*)`", README)
    for command in [line for b in blocks for line in b.splitlines() if line.strip()] + inline:
        # PowerShell 5.1 has no &&; cmd does not strip single quotes.
        assert "&&" not in command and "'" not in command, command
        assert "/" not in command.replace("://", ""), command


def test_python_version_stated_as_the_package_requires() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
    assert "Python 3.11 or newer" in README.split("## ")[0]
