"""The sharing ledger in step 2: add an entry in a dialog checked by the engine; withdraw one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_helpers import SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.casework import start_case
from meldcode_tui.tui.screens.ledger_entry import LedgerEntryScreen
from meldcode_tui.tui.screens.revise import ReviseScreen
from meldcode_tui.tui.screens.wizard import WizardScreen
from meldcode_tui.tui.widgets.question import QuestionField

STEPS_1_2 = {
    "client_type": "kind",
    "signalen": ["gedrag"],
    "signalen_feiten": "f",
    "onthulling": False,
    "tegensignalen": False,
    "consultatie_met": "A",
    "consultatie_datum": "2025-03-10",
    "consultatie_uitkomst": "ok",
    "advies_veilig_thuis": False,
}
MARKUP = "VT [b]x[/b]"


async def test_add_an_entry_with_a_calm_error_then_remove_it_after_asking(
    new_store: Path,
) -> None:
    with reopen(new_store) as store:
        case_id, _ = start_case(store, "basismodel", "L", STEPS_1_2)
        store.update_progress(case_id, position="consultatie")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        # By Tab from where the step puts the focus (its first open question) to "add entry";
        # the button is reached by keys within the step's controls.
        for _ in range(20):
            if app.focused is not None and app.focused.id == "add-informatiedeling":
                break
            await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "add-informatiedeling"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LedgerEntryScreen)
        await type_text(pilot, MARKUP)
        await pilot.press("tab")
        await type_text(pilot, "wat")
        await pilot.press("tab")
        await type_text(pilot, "11-03-2025")
        await pilot.press("ctrl+s")  # the ground and the checks are still missing
        await pilot.pause()
        assert isinstance(app.screen, LedgerEntryScreen)
        grond = app.screen.query_one("#field-grond", QuestionField)
        assert grond.has_class("-error")
        assert "hoort bij elke regel" in str(grond.query_one(".question-error", Static).render())
        assert app.focused is not None and app.focused.id == "q-grond"
        # Consent; purpose, proportionality, subsidiarity: yes; the person was told: yes.
        await pilot.press("enter", "tab", "enter", "tab", "enter", "tab", "enter", "tab", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        line = app.screen.query_one("#q-informatiedeling .ledger-line", Static)
        assert str(line.render()).startswith(f"1. {MARKUP} · wat · ")  # literally
        assert app.focused is not None and app.focused.id == "add-informatiedeling"
        with_store = app.store
        assert with_store is not None
        (entry,) = with_store.get_case(case_id).answers["informatiedeling"]
        assert entry == {
            "met_wie": MARKUP,
            "wat": "wat",
            "wanneer": "2025-03-11",
            "grond": "toestemming",
            "doelbinding": True,
            "proportionaliteit": True,
            "subsidiariteit": True,
            "betrokkene_geinformeerd": "ja",
        }
        # Withdrawing asks why first; Esc keeps the entry.
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviseScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert "informatiedeling" in with_store.get_case(case_id).answers
        assert app.focused is not None and app.focused.id == "remove-informatiedeling-0"
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "verkeerde leerling")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert not app.screen.query("#q-informatiedeling .ledger-line")
        # Withdrawn, not erased: shown struck through, with who, when and why.
        assert app.screen.query("#q-informatiedeling .ledger-gone")
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        case = store.get_case(case_id)
    assert "informatiedeling" not in case.answers
    # The history keeps the entry that was withdrawn, and why.
    changes = [h for h in case.history if h.question_id == "informatiedeling"]
    assert changes[-1].cleared and changes[-1].previous == [entry]
    assert changes[-1].fix is not None and changes[-1].fix.reason == "verkeerde leerling"
