"""`--help` in the chosen language: every command's and option's help comes from locales/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from meldcode_tui.cli import app
from meldcode_tui.cli.localise import command_key, help_params, param_help, walk
from meldcode_tui.cli.usage_words import argument_name
from meldcode_tui.i18n import LANGUAGES, catalog


def _help(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "200", **(env or {})})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_and_parameter_has_its_help_in_the_locale(lang: str) -> None:
    strings = catalog(lang)
    missing = []
    for path, command in walk(typer.main.get_command(app)):
        key = command_key(path)
        if f"cli_help.{key}.about" not in strings:
            missing.append(f"{key}.about")
        missing += [
            f"{key}.{p.name}" for p in help_params(command) if not param_help(strings, key, p.name)
        ]
    assert not missing, missing


def test_the_root_help_is_dutch_by_default_and_english_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MELDCODE_LANG", raising=False)
    dutch = _help()
    assert "offline wizard met versleutelde aantekeningen" in dutch
    assert "Toon de versie." in dutch and "Opdrachten" in dutch
    assert "Begin een casus; toont het id." in dutch
    assert "Show the version." not in dutch
    english = _help("--lang", "en")
    assert "offline wizard with encrypted notes" in english
    assert "Show the version." in english and "Commands" in english
    assert "Toon de versie." not in english


def test_a_subcommand_help_follows_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELDCODE_LANG", "en")
    english = _help("export")
    assert "The file is NOT encrypted." in english and "Overwrite an existing file." in english
    monkeypatch.setenv("MELDCODE_LANG", "nl")
    dutch = _help("export")
    assert "Het bestand is NIET versleuteld." in dutch
    assert "Overschrijf een bestaand bestand." in dutch and "[standaard: txt]" in dutch
    assert "Toon deze hulp en stop." in dutch
    nested = _help("action", "add")
    assert "Wie het doet (een rol of initialen)." in nested


def test_the_settings_file_language_is_used_for_help(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MELDCODE_LANG", raising=False)
    config = tmp_path / "config.toml"
    config.write_text('lang = "en"\n', encoding="utf-8")
    monkeypatch.setenv("MELDCODE_CONFIG", str(config))
    assert "Start a case; prints its id." in _help("new")
    # The flag still beats the file.
    assert "Begin een casus; toont het id." in _help("--lang", "nl", "new")


def test_translating_help_loads_no_rich_when_no_help_is_asked() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from meldcode_tui.cli import app\n"
        "sys.argv = ['meldcode', 'flows', 'list']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print('rich' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr


def test_a_group_without_a_command_shows_its_help_in_dutch() -> None:
    result = CliRunner().invoke(app, ["flows"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    shown = result.stdout + result.stderr  # rich writes the help itself, not through echo
    assert "Opdrachten" in shown and "Toon de meegeleverde protocollen." in shown


def _usage_line(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip())


def test_the_usage_line_is_in_the_language_with_readable_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MELDCODE_LANG", raising=False)
    assert _usage_line(_help("export")) == "Gebruik: meldcode export [OPTIES] CASUS"
    assert _usage_line(_help("note")) == "Gebruik: meldcode note [OPTIES] CASUS [TEKST]"
    assert _usage_line(_help()) == "Gebruik: meldcode [OPTIES] OPDRACHT [ARGUMENTEN]..."
    assert _usage_line(_help("config", "set")) == (
        "Gebruik: meldcode config set [OPTIES] INSTELLING WAARDE"
    )
    dutch = _help("export")
    assert "Usage:" not in dutch and "case_id" not in dutch and "│ *    CASUS " in dutch
    # An option's kind of value in words, not Click's type names (an argument's row keeps
    # Typer's <str>: it comes from Click's shared type object).
    assert "<path>" not in dutch and "<str>  txt, md" not in dutch
    assert re.search(r"--output +-o +PAD ", dutch) and re.search(r"--format +-f +TEKST ", dutch)
    assert re.search(r"--within +GETAL \[0<=x<=36500\]", _help("due")), _help("due")
    english = _help("--lang", "en", "export")
    assert _usage_line(english) == "Usage: meldcode export [OPTIONS] CASE"
    assert "│ *    CASE " in english and re.search(r"--output +-o +PATH ", english)
    shown = CliRunner().invoke(app, ["flows"], env={"COLUMNS": "200"})
    # rich writes a group's help itself, not through echo
    assert (
        "Gebruik: meldcode flows [OPTIES] OPDRACHT [ARGUMENTEN]..." in shown.stdout + shown.stderr
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_argument_has_a_name_in_the_locale(lang: str) -> None:
    strings = catalog(lang)
    unnamed = [
        f"{command_key(path)}.{p.name}"
        for path, command in walk(typer.main.get_command(app))
        for p in command.params
        if p.param_type_name == "argument" and not argument_name(strings, command_key(path), p.name)
    ]
    assert not unnamed, unnamed


def test_another_click_program_in_the_same_process_keeps_its_own_words() -> None:
    _help("export")  # ours, in Dutch
    other = typer.Typer()

    @other.command()
    def hello(case_id: str) -> None:
        """Say hello."""

    result = CliRunner().invoke(other, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Usage:" in result.stdout and "[OPTIONS]" in result.stdout
    assert "Gebruik:" not in result.stdout and "CASUS" not in result.stdout
