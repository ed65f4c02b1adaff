"""The new-case dialog offers the childcare and primary-school protocols, each with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList
from tui_helpers import SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.tui.screens.new_case import NewCaseScreen
from meldcode_tui.tui.screens.wizard import WizardScreen

LINES = {
    "nl": {
        "kinderopvang": "Voor pedagogisch medewerkers en gastouders: zorgen over thuis",
        "primair-onderwijs": "Voor leerkrachten en intern begeleiders op de basisschool",
    },
    "en": {
        "kinderopvang": "For childcare workers and childminders: a concern about home",
        "primair-onderwijs": "For primary school teachers and intern begeleiders",
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_new_protocols_are_offered_with_their_one_line_description(
    new_store: Path, lang: str
) -> None:
    app = app_for(new_store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewCaseScreen)
        options = app.screen.query_one("#new-case-flow", OptionList)
        prompts = {
            options.get_option_at_index(i).id: str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)
        }
        for flow_id, line in LINES[lang].items():
            assert line in prompts[flow_id], prompts[flow_id]
            # One sentence: the dialog shows the description up to its first full stop.
            assert prompts[flow_id].count("\n") == 1


async def test_a_childcare_case_starts_in_the_childcare_protocol(new_store: Path) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Peuter")
        await pilot.press("enter")
        options = app.screen.query_one("#new-case-flow", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        await pilot.press(*["down"] * ids.index("kinderopvang"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
    store = reopen(new_store)
    try:
        (case,) = store.list_cases()
        assert case.flow_id == "kinderopvang"
    finally:
        store.close()
