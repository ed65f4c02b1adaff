"""Helpers for the seed-protocol flow tests: a temp store reached through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from flow_cli import PASSPHRASE, Run
from typer.testing import CliRunner, Result

from meldcode_tui.cli import app


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`cli("due", "--json", now="...")` runs meldcode on a fresh temp store (light test KDF)."""
    monkeypatch.setenv("MELDCODE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("MELDCODE_STORE", str(tmp_path / "cases.meldcode"))
    monkeypatch.delenv("MELDCODE_NOW", raising=False)
    runner = CliRunner()
    created = runner.invoke(app, ["init", "--no-recovery"])
    assert created.exit_code == 0, created.output

    def run(*args: str, now: str | None = None) -> Result:
        env = {"MELDCODE_NOW": now} if now else {}
        return runner.invoke(app, list(args), env=env)

    return run
