"""Issue 10 on screen: warnings (notices) appear as their signal is chosen; the follow-up button
names the time limit it opens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Button, Static
from tui_helpers import SIZE, app_for, reopen, unlock

from meldcode_tui.casework import start_case
from meldcode_tui.tui.screens.decision import DecisionScreen
from meldcode_tui.tui.screens.wizard import WizardScreen
from meldcode_tui.tui.widgets.question import QuestionField

CHILD: dict[str, Any] = {"client_type": "kind", "signalen_feiten": "Fictief.", "onthulling": False}


def _case(store_path: Path, answers: dict[str, Any], position: str) -> None:
    with reopen(store_path) as store:
        case_id, _ = start_case(store, "basismodel", "Fictief", answers)
        store.update_progress(case_id, position=position)


async def test_a_danger_signal_shows_its_warning_at_once(new_store: Path) -> None:
    _case(new_store, {**CHILD, "signalen": ["gedrag"]}, "signalen")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        notice = app.screen.query_one("#field-signalen_gevaar_let_op", QuestionField)
        assert notice.display is False  # behaviour alone: no warning
        # Tick honour-based violence in the checklist, as a user would.
        signals = app.screen.query_one("#q-signalen")
        signals.select("eergerelateerd")  # type: ignore[attr-defined]
        await pilot.pause()
        assert notice.display is True and notice.has_class("-notice")
        text = " ".join(str(s.render()) for s in notice.query(Static))
        assert "Bespreek je zorgen niet met de ouders of de familie" in text
        # A notice takes no focus and no answer.
        assert not notice.query("#q-signalen_gevaar_let_op")


async def test_the_follow_up_button_names_the_feedback_after_a_report(new_store: Path) -> None:
    reported = {
        **CHILD,
        "signalen": ["gedrag"],
        "afweging1_vermoeden": True,
        "afweging2_onveiligheid": True,
        "afweging3_hulp_mogelijk": False,
        "melding_datum": "2025-03-12",
    }
    _case(new_store, reported, "beslissen")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, DecisionScreen)
        button = app.screen.query_one("#decision-reanswer", Button)
        assert "Terugkoppeling van Veilig Thuis" in str(button.label)
        assert "Vraag 5" not in str(button.label)
        button.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.focused is not None and app.focused.id == "q-vt_terugkoppeling_datum"
