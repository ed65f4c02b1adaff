"""Shared helpers of the TUI tests: fixed clock, building the app, typing keys, reopening."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

from meldcode_tui.settings import Settings
from meldcode_tui.store import Store
from meldcode_tui.tui.app import MeldcodeApp, make_app

PASSPHRASE = "geheim12"
NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
SIZE = (100, 32)


def fixed_clock() -> datetime:
    return NOW


def app_for(
    path: Path, *, lang: str = "nl", idle_seconds: float = 0, passphrase: str | None = None
) -> MeldcodeApp:
    settings = Settings(
        store_path=path, lang=lang, idle_minutes=idle_seconds / 60, passphrase=passphrase
    )
    return make_app(settings, clock=fixed_clock)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type like a person: one key per character."""
    await pilot.press(*text)


async def unlock(pilot: Pilot[None], passphrase: str = PASSPHRASE) -> None:
    await type_text(pilot, passphrase)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def reopen(path: Path) -> Store:
    return Store.open(path, PASSPHRASE)
