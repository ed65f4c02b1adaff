"""First run, unlock, locking, language switch and the case list's filter and shred."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_helpers import SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.store import Store
from meldcode_tui.tui.screens.cases import CaseListScreen
from meldcode_tui.tui.screens.unlock import UnlockScreen
from meldcode_tui.tui.screens.welcome import RecoveryKeyScreen
from meldcode_tui.tui.screens.wizard import WizardScreen
from meldcode_tui.tui.widgets.case_table import CaseTable

# The welcome screen refuses PASSPHRASE (a word and two digits): a new one must be stronger.
NEW_PASSPHRASE = "paars fietsrek lepel"


async def test_first_run_creates_store_and_shows_recovery_key_once(store_path: Path) -> None:
    app = app_for(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "kort")
        await pilot.press("enter", "enter")
        assert "minstens 8" in str(app.screen.query_one("#welcome-message", Static).render())
        assert not store_path.exists()
        await pilot.press(*["backspace"] * 4)  # the calm message put us back in field one
        await type_text(pilot, NEW_PASSPHRASE)
        await pilot.press("enter")
        await type_text(pilot, NEW_PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RecoveryKeyScreen)
        key = app.screen.key
        await pilot.press("enter")  # "I wrote it down"
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        await pilot.press("ctrl+q")
    Store.open(store_path, recovery_key=key).close()


async def test_wrong_passphrase_is_calm_and_allows_another_try(new_store: Path) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot, "verkeerd1")
        assert isinstance(app.screen, UnlockScreen)
        message = str(app.screen.query_one("#unlock-message", Static).render())
        assert "niet de juiste wachtwoordzin" in message
        await unlock(pilot)
        assert isinstance(app.screen, CaseListScreen)


class IdleClock:
    """The app's idle clock, moved by the test: the lock does not depend on how busy we are."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_lock_now_and_idle_lock_drop_the_store_and_resume_the_case(new_store: Path) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "E")
    idle = IdleClock()
    app = app_for(new_store, idle_seconds=1.0, idle_clock=idle)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")  # open the only case
        await pilot.pause()
        await pilot.press("enter")  # answer: a child (typed answers are saved before locking)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.store is None and isinstance(app.screen, UnlockScreen)
        assert len(app.screen_stack) == 2  # nothing with case text left beneath
        await unlock(pilot)
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        # Just under the limit: several idle checks (every 0.25 s) pass without locking.
        idle.now += 0.9
        await pilot.pause(0.8)
        assert app.store is not None and isinstance(app.screen, WizardScreen)
        # A key resets the idle time, so the limit counts from the last key.
        await pilot.press("f11")  # bound to nothing
        idle.now += 0.9
        await pilot.pause(0.8)
        assert isinstance(app.screen, WizardScreen)
        # No keys for longer than the limit: it locks by itself at the next check.
        idle.now += 0.2
        for _ in range(200):
            if app.store is None and app.screen.query("#unlock-passphrase"):
                break
            await pilot.pause(0.05)
        # Locked, and the unlock screen is up (mounted) before the test ends the app.
        assert app.store is None and isinstance(app.screen, UnlockScreen)
        await pilot.pause()
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        assert store.get_case(summary.id).answers == {"client_type": "kind"}


async def test_language_switches_at_run_time(new_store: Path) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "F")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert "Stap 1" in str(app.screen.query_one("#step-title", Static).render())
        await pilot.press("f3")
        await pilot.pause()
        assert "Step 1" in str(app.screen.query_one("#step-title", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#case-table", CaseTable)
        assert table.labels[:2] == ["Case", "Protocol"]


async def test_filter_and_shred_naming_the_case(new_store: Path) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "appel")
        store.new_case("basismodel", "peer")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = app.screen.query_one("#case-table", CaseTable)
        assert table.row_count == 2
        await type_text(pilot, "pee")
        assert table.row_count == 1
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "peer" in str(app.screen.query_one("#shred-question", Static).render())
        await pilot.press("enter")  # the safe default: keep
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("tab", "enter")  # yes, shred
        await pilot.pause()
        assert table.row_count == 0
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        assert [s.title for s in store.list_cases()] == ["appel"]
