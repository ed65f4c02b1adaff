"""A bare `meldcode` (or `meldcode demo`) opens the app without loading Typer (cli/start.py),
and ends exactly as the Typer root does: the same settings, warnings, one-line errors and exit
codes. The app itself is replaced by a recorder: what is tested is what happens before it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import meldcode_tui.tui.launch
from meldcode_tui.cli.start import main as start
from meldcode_tui.i18n import set_language
from meldcode_tui.settings import Settings

# What the first screen waits for: run in a fresh interpreter, the app replaced by a probe.
_PROBE = """
import json
import sys

import meldcode_tui.tui.launch

def launch(settings):
    print(json.dumps({
        "typer": any(m.split(".")[0] in ("typer", "click") for m in sys.modules),
        "demo": settings.demo, "lang": settings.lang, "store": str(settings.store_path),
        "idle": settings.idle_minutes,
    }))

meldcode_tui.tui.launch.launch = launch
from meldcode_tui.cli import main
main(sys.argv[1:])
"""


def _probe(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **env},
    )


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Settings]:
    """The settings the app was opened with, in place of opening it."""
    seen: list[Settings] = []
    monkeypatch.setattr(meldcode_tui.tui.launch, "launch", seen.append)
    for name in ("MELDCODE_LANG", "MELDCODE_IDLE_LOCK", "MELDCODE_NOW", "MELDCODE_STORE"):
        monkeypatch.delenv(name, raising=False)
    return seen


def _exit_code(args: list[str]) -> int:
    with pytest.raises(SystemExit) as stopped:
        start(args)
    code = stopped.value.code
    return code if isinstance(code, int) else 0


@pytest.mark.parametrize("args", [[], ["demo"]], ids=["meldcode", "meldcode demo"])
def test_the_bare_command_opens_the_app_without_loading_typer(
    args: list[str], tmp_path: Path
) -> None:
    store = tmp_path / "zaken.meldcode"
    done = _probe(args, {"MELDCODE_STORE": str(store), "MELDCODE_LANG": "en"})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen == {
        "typer": False,
        "demo": args == ["demo"],
        "lang": "en",
        "store": str(store),
        "idle": 5.0,
    }


def test_with_an_option_it_goes_through_typer_to_the_same_app(tmp_path: Path) -> None:
    store = tmp_path / "zaken.meldcode"
    done = _probe(["--idle-lock", "2", "demo"], {"MELDCODE_STORE": str(store)})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["typer"] is True
    assert (seen["demo"], seen["idle"], seen["store"]) == (True, 2.0, str(store))


@pytest.mark.parametrize("args", [[], ["--lang", "nl"]], ids=["bare", "typer"])
def test_an_unusable_idle_variable_is_a_warning_and_the_default_decides(
    args: list[str],
    opened: list[Settings],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MELDCODE_IDLE_LOCK", "-4")
    assert _exit_code(args) == 0
    assert [s.idle_minutes for s in opened] == [5.0]
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "MELDCODE_IDLE_LOCK heeft geen bruikbare waarde en wordt niet gebruikt; "
        "herstel of verwijder de variabele"
    ]


def test_a_command_that_does_not_lock_ignores_the_idle_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Click used to refuse the whole command line over it (exit 2, in English).
    monkeypatch.setenv("MELDCODE_IDLE_LOCK", "lang")
    assert _exit_code(["flows", "list"]) == 0
    assert "basismodel" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args", [[], ["demo"], ["--idle-lock", "1"]], ids=["bare", "demo", "typer"]
)
def test_an_unknown_language_variable_is_one_bilingual_line_and_exit_2(
    args: list[str],
    opened: list[Settings],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MELDCODE_LANG", "de")
    assert _exit_code(args) == 2
    assert opened == []
    assert capsys.readouterr().err == (
        "fout / error: onbekende taal / unknown language 'de' (nl, en)\n"
    )


@pytest.mark.parametrize("args", [[], ["--lang", "nl"]], ids=["bare", "typer"])
def test_a_bad_clock_variable_stops_before_the_screen_with_one_line(
    args: list[str],
    opened: list[Settings],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MELDCODE_NOW", "gisteren rond de middag")
    assert _exit_code(args) == 2
    assert opened == []
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("fout: ") and "MELDCODE_NOW" in line


@pytest.mark.parametrize("args", [[], ["--lang", "nl"]], ids=["bare", "typer"])
def test_an_error_inside_the_app_is_its_kind_only_and_exit_2(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(settings: Settings) -> None:
        raise RuntimeError("Noor (fictief) zei iets")

    monkeypatch.setattr(meldcode_tui.tui.launch, "launch", broken)
    monkeypatch.delenv("MELDCODE_NOW", raising=False)
    assert _exit_code(args) == 2
    err = capsys.readouterr().err
    assert "RuntimeError" in err and "Noor" not in err


@pytest.mark.parametrize("args", [[], ["--lang", "nl"]], ids=["bare", "typer"])
def test_ctrl_c_before_the_screen_is_exit_130(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(settings: Settings) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(meldcode_tui.tui.launch, "launch", interrupted)
    monkeypatch.delenv("MELDCODE_NOW", raising=False)
    assert _exit_code(args) == 130


def test_the_language_of_the_settings_file_is_used(
    opened: list[Settings], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('lang = "en"\nidle_minutes = 3\n', encoding="utf-8")
    monkeypatch.setenv("MELDCODE_CONFIG", str(config))
    try:
        assert _exit_code([]) == 0
    finally:
        set_language("nl")
    assert [(s.lang, s.idle_minutes) for s in opened] == [("en", 3.0)]
