"""While the passphrase is typed, the app loads what the case list needs (issue 16): the shipped
flows took half a second at the first list after an unlock, and mounting the list's screen half
of the 100 ms the user then still waited for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import SIZE, app_for, reopen, unlock

from meldcode_tui.flow import registry
from meldcode_tui.i18n import current_language, t
from meldcode_tui.tui.app import MeldcodeApp
from meldcode_tui.tui.screens.cases import CaseListScreen
from meldcode_tui.tui.screens.unlock import UnlockScreen
from meldcode_tui.tui.widgets.case_table import CaseTable


async def test_the_shipped_flows_load_behind_the_unlock_screen(
    new_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[int] = []
    real = registry.shipped_flows

    def counted() -> object:
        loaded.append(1)
        return real()

    monkeypatch.setattr(registry, "shipped_flows", counted)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)  # still asking for the passphrase
        assert app._preloading is not None
        app._preloading.join(timeout=120)
        assert loaded == [1]


async def _warmed_up(app: MeldcodeApp, pilot: Pilot[None]) -> CaseListScreen:
    """As when the passphrase takes longer to type than the warm-up: the list is mounted."""
    await pilot.pause()
    assert app._preloading is not None
    app._preloading.join(timeout=120)
    for _ in range(200):
        waiting = app._waiting_list
        if waiting is not None and waiting.ready:
            return waiting
        await pilot.pause(0.02)
    raise AssertionError("no case list was mounted behind the unlock screen")


async def test_the_case_list_is_mounted_behind_the_lock_and_holds_no_case_until_unlocked(
    new_store: Path,
) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "Fictieve casus Ruben")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        waiting = await _warmed_up(app, pilot)
        # Mounted, not shown: the unlock screen is what the user sees, and nothing is read.
        assert isinstance(app.screen, UnlockScreen)
        assert waiting not in app.screen_stack
        assert waiting.summaries == []
        assert waiting.query_one("#case-table", CaseTable).row_count == 0
        await unlock(pilot)
        # After the key derivation only the cases were read into the list mounted before.
        assert app.screen is waiting
        assert [s.title for s in waiting.summaries] == ["Fictieve casus Ruben"]
        assert waiting.query_one("#case-table", CaseTable).row_count == 1
        assert waiting.focused is waiting.query_one("#filter", Input)


async def test_a_language_switched_on_the_unlock_screen_is_the_case_lists_language(
    new_store: Path,
) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await _warmed_up(app, pilot)
        await pilot.press("f3")  # Dutch -> English, on the unlock screen
        await pilot.pause()
        await unlock(pilot)
        assert isinstance(app.screen, CaseListScreen)
        title = str(app.screen.query_one("#cases-title", Static).content)
        assert title.startswith(t("tui.cases.title")) and current_language() == "en"
        assert "Cases" in title


async def test_after_a_lock_the_list_behind_the_lock_is_a_new_one_without_cases(
    new_store: Path,
) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "Fictieve casus Ruben")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        first = await _warmed_up(app, pilot)
        await unlock(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        second = await _warmed_up(app, pilot)
        assert second is not first and not first.is_attached
        assert second.summaries == [] and not second.attached
        await unlock(pilot)
        assert app.screen is second and len(second.summaries) == 1


async def test_unlocking_before_the_list_is_mounted_mounts_it_then(
    new_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "Fictieve casus Ruben")
    app = app_for(new_store)
    monkeypatch.setattr(app, "_prepare_case_list", lambda: None)  # a fast typist
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, CaseListScreen)
        assert [s.title for s in app.screen.summaries] == ["Fictieve casus Ruben"]


async def test_high_contrast_switched_on_the_unlock_screen_reaches_the_case_list(
    new_store: Path,
) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        waiting = await _warmed_up(app, pilot)
        before = waiting.styles.background
        await pilot.press("f4")
        await pilot.pause()
        await unlock(pilot)
        assert app.screen is waiting
        assert waiting.styles.background != before
        assert waiting.styles.background.hex == "#000000"  # HIGH_CONTRAST's background
