"""A case made in the app records as its creator the role the user chose, not a fixed one."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.store import Store
from meldcode_tui.tui.screens.wizard import WizardScreen


def created_by(store: Store, case_id: str) -> str:
    # The creator is sealed in the case's list blob; no public read exists for it yet.
    info = store._open_info(case_id, store._case_row(case_id)["info"])
    return str(info["created_by"])


async def test_new_case_records_the_role_chosen_for_its_flow(new_store: Path) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "Eerste")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")  # open the existing case
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        app.screen.query_one("#author-role").value = "aandachtsfunctionaris"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Tweede")
        await pilot.press("enter", "enter")  # title, then the first protocol: basismodel
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        new_id = app.screen.session.case_id
        assert app.screen.session.author_role == "aandachtsfunctionaris"
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        assert created_by(store, new_id) == "aandachtsfunctionaris"
