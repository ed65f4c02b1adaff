"""`meldcode --passphrase-file FILE` or MELDCODE_PASSPHRASE unlock the wizard without a prompt."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import PASSPHRASE, SIZE, fixed_clock
from typer.testing import CliRunner

from meldcode_tui.cli import app as cli_app
from meldcode_tui.settings import ENV_PASSPHRASE, Settings
from meldcode_tui.tui import launch
from meldcode_tui.tui.screens.cases import CaseListScreen
from meldcode_tui.tui.screens.unlock import UnlockScreen


class Started:
    """Stands in for `make_app`: builds the real app, runs it headless, records where it landed."""

    def __init__(self, factory: Any) -> None:
        self.factory = factory
        self.passphrase: str | None = None
        self.screen: type | None = None

    def __call__(self, settings: Settings, *, clock: Any = None) -> Started:
        self.passphrase = settings.passphrase
        self.clock = clock  # the clock `launch` hands the app (the shared one)
        self.app = self.factory(settings, clock=fixed_clock)
        return self

    def run(self) -> None:
        async def go() -> None:
            async with self.app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                self.screen = type(pilot.app.screen)

        asyncio.run(go())


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Started:
    recorder = Started(launch.make_app)
    monkeypatch.setattr(launch, "make_app", recorder)
    monkeypatch.delenv(ENV_PASSPHRASE, raising=False)
    return recorder


def run_cli(*args: str) -> Any:
    return CliRunner().invoke(cli_app, list(args))


def test_passphrase_file_opens_the_case_list(
    new_store: Path, tmp_path: Path, started: Started
) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\nonly the first line counts\n", encoding="utf-8")
    result = run_cli("--store", str(new_store), "--passphrase-file", str(secret))
    assert result.exit_code == 0, result.output
    assert started.passphrase == PASSPHRASE
    assert started.screen is CaseListScreen


def test_wrong_passphrase_in_file_falls_back_to_the_unlock_screen(
    new_store: Path, tmp_path: Path, started: Started
) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text("not-the-one\n", encoding="utf-8")
    result = run_cli("--store", str(new_store), "--passphrase-file", str(secret))
    assert result.exit_code == 0, result.output
    assert started.screen is UnlockScreen


def test_environment_passphrase_opens_the_case_list(
    new_store: Path, started: Started, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_PASSPHRASE, PASSPHRASE)
    result = run_cli("--store", str(new_store))
    assert result.exit_code == 0, result.output
    assert started.screen is CaseListScreen


def test_without_file_or_environment_the_unlock_screen_asks(
    new_store: Path, started: Started
) -> None:
    result = run_cli("--store", str(new_store))
    assert result.exit_code == 0, result.output
    assert started.passphrase is None
    assert started.screen is UnlockScreen


def test_unreadable_passphrase_file_is_one_line_and_exit_2(
    new_store: Path, tmp_path: Path, started: Started
) -> None:
    result = run_cli("--store", str(new_store), "--passphrase-file", str(tmp_path / "missing"))
    assert result.exit_code == 2
    assert started.screen is None  # the app never started
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_app_keeps_time_by_meldcode_now_like_the_cli(
    new_store: Path, started: Started, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    monkeypatch.setenv("MELDCODE_NOW", "7-1-2026 14:30")
    result = run_cli("--store", str(new_store))
    assert result.exit_code == 0, result.output
    assert started.clock is not None
    assert started.clock() == datetime(2026, 1, 7, 14, 30, tzinfo=UTC)  # TZ=UTC in these tests


def test_a_bad_meldcode_now_is_one_line_before_the_app_starts(
    new_store: Path, started: Started, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MELDCODE_NOW", "gisteren")
    result = run_cli("--store", str(new_store))
    assert result.exit_code == 2
    assert started.screen is None
    assert "MELDCODE_NOW" in result.output and "Traceback" not in result.output
