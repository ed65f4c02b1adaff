"""Shared helpers of the TUI tests: fixed clock, building the app, typing or pasting, reopening."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

from textual import events
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
    path: Path,
    *,
    lang: str = "nl",
    idle_seconds: float = 0,
    passphrase: str | None = None,
    idle_clock: Callable[[], float] = time.monotonic,
    clock: Callable[[], datetime] | None = None,
) -> MeldcodeApp:
    settings = Settings(
        store_path=path, lang=lang, idle_minutes=idle_seconds / 60, passphrase=passphrase
    )
    return make_app(settings, clock=clock or fixed_clock, idle_clock=idle_clock)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type like a person: one key per character."""
    await pilot.press(*text)


async def paste(pilot: Pilot[None], text: str) -> None:
    """Put text into the focused field in one event, as pasting it does.

    For text a test needs but is not about: each typed key costs a screen update, and the
    typing itself is covered by the tests that do type (`type_text`).
    """
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


Fill = Callable[[Pilot[None], str], Awaitable[None]]


async def unlock(pilot: Pilot[None], passphrase: str = PASSPHRASE, *, fill: Fill = paste) -> None:
    await fill(pilot, passphrase)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def reopen(path: Path) -> Store:
    return Store.open(path, PASSPHRASE)
