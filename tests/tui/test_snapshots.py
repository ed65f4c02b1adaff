"""Screenshots of the main screens at 80x24, in Dutch and in English, with fixed data and time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import NOW, app_for

from meldcode_tui.tui.app import MeldcodeApp
from meldcode_tui.tui.demo import DEMO_PASSPHRASE, build_demo_store

TERMINAL = (80, 24)
LANGS = ["nl", "en"]


class TickingClock:
    """One second per reading, starting a day before NOW: the case order is then fixed."""

    def __init__(self) -> None:
        self.now = NOW - timedelta(days=1)

    def __call__(self):  # type: ignore[no-untyped-def]
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def demo_store(tmp_path: Path) -> Path:
    path = tmp_path / "snap.meldcode"
    build_demo_store(path, TickingClock())
    return path


def opened(path: Path, lang: str) -> MeldcodeApp:
    return app_for(path, lang=lang, passphrase=DEMO_PASSPHRASE)


async def open_case(pilot: Pilot[None], title_part: str) -> None:
    app = pilot.app
    assert isinstance(app, MeldcodeApp) and app.store is not None
    case = next(c for c in app.store.list_cases() if title_part in c.title)
    await app.open_case(case.id)
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
def test_unlock(snap_compare, demo_store: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The unlock screen: title, one-line explanation, passphrase field, button; nothing else."""
    assert snap_compare(app_for(demo_store, lang=lang), terminal_size=TERMINAL)


@pytest.mark.parametrize("lang", LANGS)
def test_case_list(snap_compare, demo_store: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Three cases; Lotte's monitoring date is overdue (reverse red with '!'); all columns fit."""
    assert snap_compare(opened(demo_store, lang), terminal_size=TERMINAL)


@pytest.mark.parametrize("lang", LANGS)
def test_wizard_step(snap_compare, demo_store: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Noor's case at step 1: step list with states and roles, guidance, first question."""

    async def run_before(pilot: Pilot[None]) -> None:
        await open_case(pilot, "Noor")

    assert snap_compare(opened(demo_store, lang), run_before=run_before, terminal_size=TERMINAL)


@pytest.mark.parametrize("lang", LANGS)
def test_decision(snap_compare, demo_store: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Sem's decision: outcome, and both decisions (melden yes, hulp yes) side by side."""

    async def run_before(pilot: Pilot[None]) -> None:
        await open_case(pilot, "Sem")
        await pilot.press("f8")
        await pilot.pause()

    assert snap_compare(opened(demo_store, lang), run_before=run_before, terminal_size=TERMINAL)


@pytest.mark.parametrize("lang", LANGS)
def test_help(snap_compare, demo_store: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The help screen over the case list: every key with what it does."""
    assert snap_compare(opened(demo_store, lang), press=["f1"], terminal_size=TERMINAL)
