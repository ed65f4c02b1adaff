"""A half-filled ledger entry in its open dialog survives lock, idle lock and quit; F3 keeps it.

At 80x24. It is kept as a note of the step (never as a ledger row the user did not save).
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea
from tui_helpers import app_for, reopen, type_text, unlock

from meldcode_tui.casework import start_case
from meldcode_tui.tui.screens.ledger_entry import LedgerEntryScreen
from meldcode_tui.tui.screens.unlock import UnlockScreen
from meldcode_tui.tui.screens.wizard import WizardScreen

SMALL = (80, 24)
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


class IdleClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _case_at_step_2(store_path: Path) -> str:
    with reopen(store_path) as store:
        case_id, _ = start_case(store, "basismodel", "Casus regel", STEPS_1_2)
        store.update_progress(case_id, position="consultatie")
    return case_id


async def _half_filled_dialog(pilot: object, app: object) -> None:
    """The sharing ledger's dialog with a person and a half-typed date, not saved."""
    await unlock(pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, WizardScreen)  # type: ignore[attr-defined]
    app.screen.query_one("#add-informatiedeling").press()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, LedgerEntryScreen)  # type: ignore[attr-defined]
    await type_text(pilot, "Intern begeleider")  # type: ignore[arg-type]
    await pilot.press("tab")  # type: ignore[attr-defined]
    await type_text(pilot, "Zorgen over de thuissituatie")  # type: ignore[arg-type]
    await pilot.press("tab")  # type: ignore[attr-defined]
    await type_text(pilot, "11-3")  # type: ignore[arg-type]


def _notes_and_ledger(store_path: Path, case_id: str) -> tuple[list[tuple[str, str]], object]:
    with reopen(store_path) as store:
        case = store.get_case(case_id)
        notes = [(n.text, n.step_id or "") for n in case.notes]
        return notes, case.answers.get("informatiedeling")


def _assert_kept(notes: list[tuple[str, str]]) -> None:
    (text, step), *_ = notes
    assert step == "consultatie"
    assert "Niet afgemaakte regel" in text
    for typed in ("Intern begeleider", "Zorgen over de thuissituatie", "11-3"):
        assert typed in text, text


async def test_lock_keeps_the_half_filled_entry_as_a_note(new_store: Path) -> None:
    case_id = _case_at_step_2(new_store)
    app = app_for(new_store)
    async with app.run_test(size=SMALL) as pilot:
        await _half_filled_dialog(pilot, app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen) and app.store is None
        assert not any(isinstance(s, LedgerEntryScreen) for s in app.screen_stack)
        await unlock(pilot)
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)  # back at the case, the note in its step
        shown = " ".join(str(s.render()) for s in app.screen.query(".note-line, Static"))
        assert "Intern begeleider" in shown
    notes, ledger = _notes_and_ledger(new_store, case_id)
    assert len(notes) == 1
    _assert_kept(notes)
    assert ledger is None  # nothing entered the ledger without Ctrl+S


async def test_idle_lock_keeps_it_too(new_store: Path) -> None:
    case_id = _case_at_step_2(new_store)
    idle = IdleClock()
    app = app_for(new_store, idle_seconds=1.0, idle_clock=idle)
    async with app.run_test(size=SMALL) as pilot:
        await _half_filled_dialog(pilot, app)
        idle.now += 5
        for _ in range(200):
            if app.store is None and app.screen.query("#unlock-passphrase"):
                break
            await pilot.pause(0.05)
        assert app.store is None and isinstance(app.screen, UnlockScreen)
    notes, ledger = _notes_and_ledger(new_store, case_id)
    _assert_kept(notes)
    assert ledger is None


async def test_quit_keeps_it_and_saves_it_once(new_store: Path) -> None:
    case_id = _case_at_step_2(new_store)
    app = app_for(new_store)
    async with app.run_test(size=SMALL) as pilot:
        await _half_filled_dialog(pilot, app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    notes, _ = _notes_and_ledger(new_store, case_id)
    assert len(notes) == 1
    _assert_kept(notes)


async def test_f3_relabels_the_dialog_and_keeps_what_is_typed(new_store: Path) -> None:
    case_id = _case_at_step_2(new_store)
    app = app_for(new_store)
    async with app.run_test(size=SMALL) as pilot:
        await _half_filled_dialog(pilot, app)
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LedgerEntryScreen)
        labels = " ".join(str(s.render()) for s in screen.query(".question-text"))
        assert "With whom was information shared" in labels
        assert screen.query_one("#q-met_wie", Input).value == "Intern begeleider"
        assert screen.query_one("#q-wat", TextArea).text == "Zorgen over de thuissituatie"
        assert screen.query_one("#q-wanneer", Input).value == "11-3"
        assert app.focused is screen.query_one("#q-wanneer", Input)  # where the user was
        # Back to Dutch, finish the date, and cancel: F3 saved nothing on its own.
        await pilot.press("f3")
        await pilot.pause()
        title = str(app.screen.query_one(".dialog-title", Static).render())
        assert "Regel 1" in title
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
    notes, ledger = _notes_and_ledger(new_store, case_id)
    assert notes == [] and ledger is None
