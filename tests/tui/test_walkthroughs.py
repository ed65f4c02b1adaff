"""Complete walkthroughs driven by keys only; afterwards the store is reopened and checked."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.tui.screens.decision import DecisionScreen
from meldcode_tui.tui.screens.wizard import WizardScreen


async def new_case(pilot: Pilot[None], title: str) -> None:
    """From the case list: Ctrl+N, a title, Enter, Enter on the (first) protocol."""
    await pilot.press("ctrl+n")
    await type_text(pilot, title)
    await pilot.press("enter", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WizardScreen)


async def step1(pilot: Pilot[None], *, disclosure: bool) -> None:
    # client_type: first option (kind); signals: tick the first; facts; disclosure; no
    # contradicting signals.
    await pilot.press("enter", "tab", "space", "tab")
    await type_text(pilot, "plek")
    await pilot.press("tab")
    await pilot.press("enter" if disclosure else "right", *([] if disclosure else ["enter"]))
    await pilot.press("tab", "right", "enter", "f6")
    await pilot.pause()


async def step2(pilot: Pilot[None]) -> None:
    await type_text(pilot, "A. V")
    await pilot.press("tab")
    await type_text(pilot, "2025-03-10")
    await pilot.press("tab")
    await type_text(pilot, "ok")
    await pilot.press("tab", "right", "enter", "f6")
    await pilot.pause()


async def step3_talk(pilot: Pilot[None]) -> None:
    await pilot.press("right", "enter", "tab")  # not skipping: the conversation was held
    await type_text(pilot, "11-03-2025")  # the Dutch way of writing a date is accepted
    await pilot.press("tab", "enter", "tab")
    await type_text(pilot, "open")
    await pilot.press("tab", "enter", "f6")
    await pilot.pause()


async def step5(pilot: Pilot[None]) -> None:
    await type_text(pilot, "B. J")
    await pilot.press("tab")
    await type_text(pilot, "m1")
    await pilot.press("tab")
    await type_text(pilot, "m2")
    await pilot.press("tab", "f6")
    await pilot.pause()


def screen_text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def test_no_suspicion_closes_the_case(new_store: Path) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await new_case(pilot, "A")
        await step1(pilot, disclosure=False)
        await step2(pilot)
        await step3_talk(pilot)
        await pilot.press("right", "enter", "f6")  # afweging 1: no suspicion
        await pilot.pause()
        await step5(pilot)
        assert isinstance(app.screen, DecisionScreen)
        assert "Geen vermoeden" in screen_text(pilot, "#decision-outcome")
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        assert summary.title == "A"
        assert (summary.status, summary.melden, summary.hulp) == ("closed", False, False)
        case = store.get_case(summary.id)
        assert case.answers["afweging1_vermoeden"] is False
        assert case.answers["gesprek_datum"] == "2025-03-11"
        assert case.answers["signalen_feiten"] == "plek"
        assert case.answers["signalen"] == ["letsel"]
        assert case.position == "beslissen"
