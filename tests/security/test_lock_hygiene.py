"""Deliver 5: after lock-now or the idle lock, nothing in the app holds case text.

The case's title and note are made at run time from random parts, so the only copies are
the ones the store decrypted; after locking, every object the garbage collector can reach is
searched for them (screens, widgets, renderables, caches, the session).
"""

from __future__ import annotations

import gc
import secrets
from pathlib import Path

from security_helpers import PASSPHRASE
from textual._context import visible_screen_stack

from meldcode_tui.settings import resolve_settings
from meldcode_tui.store import Store
from meldcode_tui.tui.app import make_app
from meldcode_tui.tui.screens.unlock import UnlockScreen
from meldcode_tui.tui.screens.wizard import WizardScreen

SIZE = (100, 32)
# About five seconds of pauses: a closed screen is released well within that, even under load.
HOLD_CHECKS = 100


def _holders(needle: str) -> list[str]:
    gc.collect()
    found = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, dict):
                items = list(obj.values()) + list(obj.keys())
            elif isinstance(obj, list | tuple | set | frozenset):
                items = list(obj)
            else:
                continue
        except Exception:
            continue
        for item in items:
            if isinstance(item, str) and needle in item:
                found.append(type(obj).__name__)
                break
    return found


async def test_locking_leaves_no_case_text_behind(store_path: Path) -> None:
    marker = secrets.token_hex(8)
    store, _ = Store.create(store_path, PASSPHRASE, recovery=False)
    with store:
        case = store.new_case("basismodel", "Titel" + marker.upper())
        store.add_note(case, "feit", "Notitie" + marker.upper() + " fictief")
    needle = marker.upper()
    app = make_app(resolve_settings(store=store_path, idle_minutes=0, passphrase=PASSPHRASE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # open the case
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert _holders(needle)  # the check can see case text while it is shown
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        # The lock's clean-up waits for the screens' removal (slower on a busy machine), and a
        # closed screen's last timer tick and task context let go of it a moment later: wait
        # for that, bounded, so what stays for good still fails.
        await app.workers.wait_for_complete()
        # Textual's compositor sets this context variable in whichever task renders; run_test
        # renders in this test's own task at times, which keeps the case list's screen alive
        # here alone (the app's task sets it anew at every frame of the lock screen).
        visible_screen_stack.set([])
        for _ in range(HOLD_CHECKS):
            await pilot.pause(0.05)
            if not _holders(needle):
                break
        assert _holders(needle) == []
