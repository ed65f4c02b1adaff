"""The decision screen uses a protocol's own names for its decisions (the Flemish API flow)."""

from __future__ import annotations

from pathlib import Path

from outcome_answers import answers_for_outcome
from tui_helpers import SIZE, app_for, reopen, unlock


async def test_api_decision_screen_names_its_own_decisions(new_store: Path) -> None:
    with reopen(new_store) as store:
        case_id = store.new_case("api-integriteit", "Melding jeugdwerking")
        for qid, value in answers_for_outcome(
            "api-integriteit", "afgehandeld_instantie_en_hulp"
        ).items():
            store.set_answer(case_id, qid, value)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        shot = app.export_screenshot().replace("&#160;", " ")
        assert "Politie of een andere instantie" in shot
        assert "Doorverwezen naar de hulpverlening" in shot
        assert "melden bij Veilig Thuis" not in shot
        await pilot.press("escape", "ctrl+q")
