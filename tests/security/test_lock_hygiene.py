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

from meldcode_tui.settings import resolve_settings
from meldcode_tui.store import Store
from meldcode_tui.tui.app import make_app
from meldcode_tui.tui.screens.unlock import UnlockScreen
from meldcode_tui.tui.screens.wizard import WizardScreen

SIZE = (100, 32)


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
        await pilot.pause()
        assert _holders(needle) == []
