"""The app shows a damaged case and refuses to write into it, without stopping."""

from __future__ import annotations

from pathlib import Path

from security_helpers import PASSPHRASE, raw_conn

from meldcode_tui.settings import resolve_settings
from meldcode_tui.store import Store
from meldcode_tui.tui.app import make_app
from meldcode_tui.tui.screens.wizard import WizardScreen

SIZE = (100, 32)


async def test_a_damaged_case_is_shown_as_damaged_and_not_written(store_path: Path) -> None:
    store, _ = Store.create(store_path, PASSPHRASE, recovery=False)
    with store:
        case_id = store.new_case("basismodel", "Fictief")
        store.add_note(case_id, "feit", "een feit")
    conn = raw_conn(store_path)
    conn.execute("DELETE FROM notes")
    conn.close()
    app = make_app(resolve_settings(store=store_path, idle_minutes=0, passphrase=PASSPHRASE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # open the case
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any("beschadigd" in m for m in shown)
        await pilot.press("enter")  # try to answer the first question
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app._exception is None
        assert "niets bewaard" in str(app.screen.query_one(".question-error").render())
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.get_case(case_id).answers == {}
