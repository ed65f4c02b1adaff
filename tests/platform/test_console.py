"""The old Windows console is recognised, and the user is told to use Windows Terminal."""

from __future__ import annotations

import pytest

from meldcode_tui.console import is_old_windows_console
from meldcode_tui.i18n import Translator


@pytest.mark.parametrize(
    ("environ", "platform", "old"),
    [
        ({}, "win32", True),  # cmd.exe or PowerShell in conhost
        ({"WT_SESSION": "b2c3"}, "win32", False),  # Windows Terminal
        ({"TERM_PROGRAM": "vscode"}, "win32", False),
        ({"ConEmuANSI": "ON"}, "win32", False),
        ({"TERM": "xterm-256color"}, "win32", False),  # mintty (Git Bash)
        ({}, "linux", False),
        ({}, "darwin", False),
    ],
)
def test_old_console_detection(environ: dict[str, str], platform: str, old: bool) -> None:
    assert is_old_windows_console(environ, platform) is old


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_advice_names_windows_terminal(lang: str) -> None:
    assert "Windows Terminal" in Translator(lang)("platform.old_console")


def test_the_app_says_so_before_it_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    from typer.testing import CliRunner

    import meldcode_tui.console
    import meldcode_tui.tui.launch
    from meldcode_tui.cli import app

    started: list[bool] = []
    monkeypatch.setattr(meldcode_tui.console, "sys", types.SimpleNamespace(platform="win32"))
    for name in ("WT_SESSION", "TERM_PROGRAM", "TERM", "ConEmuANSI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(
        meldcode_tui.tui.launch, "launch", lambda settings: started.append(settings.demo)
    )
    result = CliRunner().invoke(app, ["--lang", "en", "demo"])
    assert result.exit_code == 0, result.output
    assert started == [True]
    assert "Windows Terminal" in result.output
