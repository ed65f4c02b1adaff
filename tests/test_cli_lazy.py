"""The root's commands are built when used (cli/lazy.py); what the user sees stays the same."""

from __future__ import annotations

from typer.testing import CliRunner

from meldcode_tui.cli import app
from meldcode_tui.cli.root import MeldcodeGroup


def test_a_mistyped_command_is_answered_with_the_close_names() -> None:
    result = CliRunner().invoke(app, ["flow", "list"])
    assert result.exit_code == 2
    assert "Did you mean 'flows'?" in result.stderr


def test_the_root_help_lists_every_command_in_order() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    names = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("│ ")]
    listed = [n for n in names if n in {"demo", *MeldcodeGroup.LAZY}]
    assert listed == ["demo", *MeldcodeGroup.LAZY]
