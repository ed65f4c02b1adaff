"""Passed time limits shown in the flow's words; closing a case only when the flow's rules hold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from outcome_answers import KIND_MELDING
from textual.widgets import Static
from tui_helpers import SIZE, reopen, type_text, unlock

from meldcode_tui.casework import start_case
from meldcode_tui.settings import Settings
from meldcode_tui.tui.app import make_app
from meldcode_tui.tui.screens.close_case import CloseRefusedScreen
from meldcode_tui.tui.screens.confirm import ConfirmScreen
from meldcode_tui.tui.screens.decision import DecisionScreen
from meldcode_tui.tui.screens.wizard import WizardScreen
from meldcode_tui.tui.widgets.deadlines import DeadlineBanner

RAISED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
INTAKE = {
    "kanaal": "email",
    "gemeld_op": RAISED.isoformat(),
    "zorg_omschrijving": "Fictieve zorg over een fictieve deelnemer.",
    "leads_geactiveerd_op": "2026-11-23T09:05+00:00",
}


def at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def banner_text(screen: object) -> str:
    banner = screen.query_one(DeadlineBanner)  # type: ignore[attr-defined]
    return str(banner.render()) if banner.has_class("-active") else ""


async def test_safeguarding_without_owner_after_25_hours_shows_the_banner(new_store: Path) -> None:
    with reopen(new_store) as store:
        start_case(store, "safeguarding", "S", INTAKE, now=RAISED)
    # 23 hours on: nothing overdue yet, so no banner.
    app = make_app(
        Settings(store_path=new_store, idle_minutes=0), clock=at(RAISED + timedelta(hours=23))
    )
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert banner_text(app.screen) == ""
        await pilot.press("ctrl+q")

    app = make_app(
        Settings(store_path=new_store, idle_minutes=0), clock=at(RAISED + timedelta(hours=25))
    )
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        text = banner_text(app.screen)
        # What is overdue, what to do (the flow's own `overdue` text) and what to record.
        assert "TERMIJN VERLOPEN" in text and "Safeguarding Lead neemt" in text
        assert "breng de Safeguarding Support Leads op de hoogte" in text
        assert "Leg nu vast: Wanneer zijn de Safeguarding Support Leads" in text
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, DecisionScreen)
        assert "breng de Safeguarding Support Leads op de hoogte" in banner_text(app.screen)
        await pilot.press("ctrl+q")


async def test_kindveiligheid_closes_only_once_the_response_is_recorded(new_store: Path) -> None:
    moment = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    # With an evaluation date the case stays in monitoring once complete, so closing it is
    # the user's explicit act (without one, a complete case of this flow closes by itself).
    answers = {**KIND_MELDING, "evaluatiedatum": "2026-12-15"}
    with reopen(new_store) as store:
        case_id, _ = start_case(store, "kindveiligheid", "K", answers, now=moment)
    app = make_app(Settings(store_path=new_store, idle_minutes=0), clock=at(moment))
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, CloseRefusedScreen)
        missing = str(app.screen.query_one("#close-missing", Static).render())
        assert "er is geen reactie vastgelegd" in missing
        assert "niet als proportioneel vastgelegd" in missing
        # The calm way forward: straight to the first open question of the response.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.focused is not None and app.focused.id == "q-reactie_maatregelen"
        await pilot.press("space", "tab")  # the first measure
        await type_text(pilot, "Gesprek")
        await pilot.press("tab")
        await type_text(pilot, "21-11-2026")
        await pilot.press("tab")
        await type_text(pilot, "C.")
        await pilot.press("tab", "enter", "tab", "enter", "tab")  # checked: yes; proportionate: yes
        await type_text(pilot, "Past")
        # Closing straight after typing: the pending text is saved first.
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.query("#close-confirm")
        await pilot.press("enter")  # the safe default keeps the case open
        await pilot.pause()
        opened = app.store
        assert opened is not None and opened.get_case(case_id).summary.status == "monitoring"
        # Now through the command palette, and confirm.
        await pilot.press("ctrl+p")
        await type_text(pilot, "Casus sluiten")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert "gesloten" in str(app.screen.query_one("#wizard-header", Static).render())
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        case = store.get_case(case_id)
    assert case.summary.status == "closed" and case.summary.next_deadline is None
    assert case.answers["reactie_motivering"] == "Past"
    assert case.answers["reactie_datum"] == "2026-11-21"
