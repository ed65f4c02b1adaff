"""Usage mistakes on the installed command: one clear line, exit 2, no box, no traceback."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer

from meldcode_tui.i18n import current_language


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["flows", "evaluate", "basismodel"], "--answers"),
        (["bogus"], "bogus"),
        (["--lang", "en", "new"], "--flow"),
        (["--lang", "xx", "flows", "list"], "xx"),
    ],
)
def test_usage_error_is_one_line(
    argv: list[str], fragment: str, tmp_path: Path, meldcode_script: str
) -> None:
    proc = subprocess.run(
        [meldcode_script, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert fragment in lines[0]
    assert "Traceback" not in proc.stderr and "╭" not in proc.stderr


@pytest.mark.parametrize(
    ("argv", "env_lang"),
    [(["--lang", "en", "bogus"], None), (["--lang=en", "new"], None), (["bogus"], "en")],
    ids=["flag", "flag=", "environment"],
)
def test_usage_error_is_in_the_chosen_language(
    argv: list[str], env_lang: str | None, tmp_path: Path, meldcode_script: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MELDCODE_LANG"}
    if env_lang:
        env["MELDCODE_LANG"] = env_lang
    proc = subprocess.run(
        [meldcode_script, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("error: ") and "see `" in line, line


def test_help_lists_each_environment_variable(meldcode_script: str) -> None:
    def shown(*argv: str) -> str:
        env = {**os.environ, "COLUMNS": "200"}
        proc = subprocess.run(
            [meldcode_script, *argv, "--help"], capture_output=True, text=True, env=env, timeout=60
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    root = shown()
    for name in ("LANG", "STORE", "IDLE_LOCK", "PASSPHRASE", "NEW_PASSPHRASE", "NOW", "DEBUG"):
        assert f"MELDCODE_{name}" in root, name
    for command in ("list", "show", "new", "export"):
        text = shown(command)
        assert "MELDCODE_STORE" in text and "MELDCODE_PASSPHRASE" in text, command


# Each kind of mistake Click reports, and what the line must name: the command it happened in,
# the parameter as the user types it, and the fix (per language).
MISTAKES = {
    "missing argument": (
        ["export"],
        "`meldcode export`",
        {"nl": ("CASUS", "typ het na"), "en": ("CASE", "type it after")},
    ),
    "second argument missing": (
        ["action", "add", "c1"],
        "`meldcode action add`",
        {
            "nl": ("TEKST", "typ het na `meldcode action add CASUS`"),
            "en": ("TEXT", "type it after `meldcode action add CASE`"),
        },
    ),
    "missing option": (
        ["new"],
        "`meldcode new`",
        {"nl": ("--flow", "met een waarde erachter"), "en": ("--flow", "with a value after it")},
    ),
    "unknown command": (
        ["bogus"],
        "`meldcode`",
        {"nl": ("'bogus'", "voor de opdrachten"), "en": ("'bogus'", "for its commands")},
    ),
    "close command": (
        ["flws"],
        "`meldcode`",
        {"nl": ("'flws'", "bedoel je flows?"), "en": ("'flws'", "did you mean flows?")},
    ),
    "close subcommand": (
        ["flows", "evaluat"],
        "`meldcode flows`",
        {"nl": ("'evaluat'", "bedoel je evaluate?"), "en": ("'evaluat'", "did you mean evaluate?")},
    ),
    "unknown option": (
        ["show", "--nope"],
        "`meldcode show`",
        {"nl": ("--nope", "bedoel je --store?"), "en": ("--nope", "did you mean --store?")},
    ),
    "option without its value": (
        ["export", "--format"],
        "`meldcode export`",
        {"nl": ("--format", "typ die direct na --format"), "en": ("--format", "right after")},
    ),
    "flag with a value": (
        ["export", "c1", "--force=yes"],
        "`meldcode export`",
        {"nl": ("--force", "typ alleen --force"), "en": ("--force", "type just --force")},
    ),
    "bad whole number": (
        ["due", "--within", "x"],
        "`meldcode due`",
        {
            "nl": ("--within", "geef een geheel getal van 0 tot en met 36500"),
            "en": ("--within", "give a whole number from 0 to 36500"),
        },
    ),
    "number out of range": (
        ["--idle-lock", "-1", "list"],
        "`meldcode`",
        {
            "nl": ("--idle-lock", "geef een getal van 0 of meer, met een punt"),
            "en": ("--idle-lock", "give a number of 0 or more, with a point"),
        },
    ),
    "extra arguments": (
        ["show", "c1", "b", "c"],
        "`meldcode show`",
        {"nl": (": b c;", "tussen aanhalingstekens"), "en": (": b c;", "in quotes")},
    ),
}
# Click's and Typer's own English, which no line may show.
CLICK_WORDS = (
    "Missing",
    "No such",
    "Invalid value",
    "Usage:",
    "Got unexpected",
    "requires an argument",
    "does not take",
    "Did you mean",
    "Possible options",
    "is not a valid",
    "is not in the range",
    "Error",
    "Try '",
)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_each_mistake_is_one_line_in_the_language_naming_what_and_the_fix(
    mistake: str,
    lang: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from meldcode_tui.cli.root import main

    argv, where, words = MISTAKES[mistake]
    monkeypatch.setenv("MELDCODE_LANG", lang)
    monkeypatch.setenv("MELDCODE_STORE", str(tmp_path / "store.db"))
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith({"nl": "fout: ", "en": "error: "}[lang]), line
    param, fix = words[lang]
    assert where in line and param in line and fix in line, line
    assert {"nl": "(zie `", "en": "(see `"}[lang] in line, line
    assert not [w for w in CLICK_WORDS if w in line], line
    assert not (tmp_path / "store.db").exists()


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["export", "--format"], "de optie --format van `meldcode export` mist een waarde"),
        (["due", "--within", "x"], "geef een geheel getal van 0 tot en met 36500"),
        (["show", "c1", "b"], "`meldcode show` kreeg meer argumenten dan het kent: b;"),
    ],
)
def test_the_installed_command_says_it_in_dutch(
    argv: list[str], fragment: str, tmp_path: Path, meldcode_script: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MELDCODE_LANG"}
    env["MELDCODE_STORE"] = str(tmp_path / "store.db")
    proc = subprocess.run(
        [meldcode_script, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("fout: ") and fragment in line, line
    assert "Traceback" not in proc.stderr


class Layer(StrEnum):
    record = "record"
    full = "full"


def _demo_command() -> Any:
    """Kinds of parameters no meldcode command has yet, as Typer builds them."""
    from meldcode_tui.cli.usage_words import apply_words

    demo = typer.Typer()

    @demo.command()
    def run(
        span: Annotated[tuple[int, int], typer.Argument()],
        layer: Annotated[Layer, typer.Option("--layer")] = Layer.record,
        when: Annotated[datetime | None, typer.Option("--when")] = None,
        size: Annotated[tuple[int, int] | None, typer.Option("--size")] = None,
    ) -> None:
        """A command to make mistakes with."""

    command = typer.main.get_command(demo)
    apply_words(command, "demo", current_language())
    return command


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ["1", "2", "--layer", "some"],
            {"nl": "--layer bij `proef`: kies record of full", "en": "choose record or full"},
        ),
        (
            ["1", "2", "--when", "gisteren"],
            {
                "nl": "--when bij `proef`: geef een datum (en tijd) zoals 2026-03-14, ",
                "en": "give a date (and time) like 2026-03-14, ",
            },
        ),
        (
            ["1", "2", "--size", "3"],
            {"nl": "de optie --size van `proef` verwacht 2 waarden", "en": "takes 2 values"},
        ),
        (
            ["1"],
            {"nl": "het argument SPAN van `proef` verwacht 2 waarden", "en": "SPAN of `proef`"},
        ),
    ],
    ids=["choice", "date", "option of two values", "argument of two values"],
)
def test_kinds_of_values_the_commands_may_get_are_said_too(
    argv: list[str], words: dict[str, str], lang: str
) -> None:
    from meldcode_tui.cli.usage_errors import usage_line
    from meldcode_tui.i18n import set_language

    set_language(lang)
    with pytest.raises(Exception) as raised:
        _demo_command().main(argv, prog_name="proef", standalone_mode=False)
    line = usage_line(raised.value)
    assert line.startswith({"nl": "fout: ", "en": "error: "}[lang]) and words[lang] in line, line
    assert not [w for w in CLICK_WORDS if w in line] and "%Y" not in line, line
