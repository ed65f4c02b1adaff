"""Corrections in the app, at 80x24 and 120x40: a note corrected, a ledger entry withdrawn
with a reason, a yes/no cleared, and the chronology opened (F12). Nothing is erased."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static
from tui_helpers import app_for, reopen, type_text, unlock

from meldcode_tui.casework import start_case
from meldcode_tui.tui.screens.chronology import ChronologyScreen
from meldcode_tui.tui.screens.revise import ReviseScreen
from meldcode_tui.tui.screens.wizard import WizardScreen
from meldcode_tui.tui.widgets.notes import NotesPanel

SIZES = [(80, 24), (120, 40)]
ENTRY = {
    "met_wie": "A. Jansen, IB'er",
    "wat": "zorgen",
    "wanneer": "2025-03-11",
    "grond": "toestemming",
    "doelbinding": True,
    "proportionaliteit": True,
    "subsidiariteit": True,
    "betrokkene_geinformeerd": "ja",
}
STEP_1 = {
    "client_type": "kind",
    "signalen": ["gedrag"],
    "signalen_feiten": "f",
    "onthulling": False,
    "tegensignalen": False,
}


def _case(store_path: Path, answers: dict[str, object], position: str) -> str:
    with reopen(store_path) as store:
        case_id, _ = start_case(store, "basismodel", "Casus correcties", answers)
        store.update_progress(case_id, position=position)
    return case_id


async def _focus(pilot, widget_id: str) -> None:  # type: ignore[no-untyped-def]
    widget = pilot.app.screen.query_one(f"#{widget_id}")
    widget.focus()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_correct_a_note(new_store: Path, size: tuple[int, int]) -> None:
    case_id = _case(new_store, {}, "signalen")
    with reopen(new_store) as store:
        note_id = store.add_note(case_id, "feit", "Kwam te laat op dinsdag", step_id="signalen")
    app = app_for(new_store)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await _focus(pilot, f"note-correct-{note_id}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviseScreen)
        field = app.screen.query_one("#revise-text", Input)
        assert field.value == "Kwam te laat op dinsdag" and app.focused is field
        field.value = "Kwam te laat op woensdag"
        await pilot.press("enter")  # on to the reason
        await type_text(pilot, "dag")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        shown = str(app.screen.query_one(NotesPanel).query_one(".note", Static).render())
        assert "Kwam te laat op woensdag" in shown and "gecorrigeerd op" in shown
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        (note,) = store.get_case(case_id).notes
    assert note.text == "Kwam te laat op woensdag"
    assert [(r.text, r.reason) for r in note.earlier] == [("Kwam te laat op dinsdag", "dag")]


@pytest.mark.parametrize("size", SIZES)
async def test_withdraw_a_ledger_entry_with_a_reason(
    new_store: Path, size: tuple[int, int]
) -> None:
    answers = {**STEP_1, "informatiedeling": [ENTRY, {**ENTRY, "met_wie": "B. Bos, GGD"}]}
    case_id = _case(new_store, answers, "consultatie")
    app = app_for(new_store)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await _focus(pilot, "remove-informatiedeling-0")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviseScreen)
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, ReviseScreen)
        await type_text(pilot, "dubbel")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        gone = app.screen.query_one("#q-informatiedeling .ledger-gone", Static)
        assert "A. Jansen" in str(gone.render())
        marks = [str(m.render()) for m in app.screen.query("#q-informatiedeling .ledger-mark")]
        assert any("ingetrokken op" in m and "dubbel" in m for m in marks)
        lines = app.screen.query("#q-informatiedeling .ledger-line")
        assert [str(line.render())[:10] for line in lines] == ["1. B. Bos,"]
        assert app.focused is not None and app.focused.id == "add-informatiedeling"
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        case = store.get_case(case_id)
    assert [e["met_wie"] for e in case.answers["informatiedeling"]] == ["B. Bos, GGD"]
    last = case.history[-1]
    assert last.fix is not None and (last.fix.op, last.fix.reason) == ("withdrawn", "dubbel")
    assert last.previous[0]["met_wie"] == "A. Jansen, IB'er"


@pytest.mark.parametrize("size", SIZES)
async def test_clear_a_yes_no(new_store: Path, size: tuple[int, int]) -> None:
    case_id = _case(new_store, {"client_type": "kind", "onthulling": False}, "signalen")
    app = app_for(new_store)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await _focus(pilot, "q-onthulling")
        hint = app.screen.query_one("#field-onthulling .clear-hint", Static)
        assert hint.display  # said where the user looks: Del clears
        await pilot.press("delete")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "q-onthulling"
        assert (
            not hint.is_attached
            or not app.screen.query_one("#field-onthulling .clear-hint", Static).display
        )
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        case = store.get_case(case_id)
    assert "onthulling" not in case.answers
    last = case.history[-1]
    assert (last.question_id, last.cleared, last.previous) == ("onthulling", True, False)


@pytest.mark.parametrize("size", SIZES)
async def test_open_the_chronology(new_store: Path, size: tuple[int, int]) -> None:
    answers = {
        **STEP_1,
        "consultatie_met": "A",
        "consultatie_datum": "2025-03-12",
        "consultatie_uitkomst": "ok",
        "advies_veilig_thuis": False,
        "informatiedeling": [ENTRY],
    }
    _case(new_store, answers, "consultatie")
    app = app_for(new_store)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, ChronologyScreen)
        items = [str(s.render()) for s in app.screen.query(".chronology-item")]
        # By the date it happened: the information shared (11-3) before the consultation (12-3).
        assert items[0].startswith("11-3-2025") and "A. Jansen" in items[0]
        assert items[1].startswith("12-3-2025") and "overleg" in items[1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("size", SIZES)
async def test_change_the_protocol(new_store: Path, size: tuple[int, int]) -> None:
    from textual.widgets import RadioButton

    from meldcode_tui.tui.screens.flow_change import FlowChangeScreen

    case_id = _case(new_store, {"client_type": "kind", "gesprek_met": "kind"}, "signalen")
    app = app_for(new_store)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FlowChangeScreen)
        assert "basismodel" not in [fid for fid, _ in screen.choices]
        # Nothing is chosen beforehand: a reason and Enter alone do not move the case.
        assert not any(button.value for button in screen.query(RadioButton))
        await _focus(pilot, "flow-change-reason")
        await pilot.press("enter")  # no reason: refused
        await pilot.pause()
        assert isinstance(app.screen, FlowChangeScreen)
        await type_text(pilot, "school")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FlowChangeScreen)
        error = screen.query_one("#flow-change-error", Static)
        assert "Kies eerst het protocol" in str(error.render())
        index = [fid for fid, _ in screen.choices].index("onderwijs")
        screen.query(RadioButton)[index].value = True
        await _focus(pilot, "flow-change-reason")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.session.flow.id == "onderwijs"
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        case = store.get_case(case_id)
    assert case.summary.flow_id == "onderwijs"
    # Not lost: the answer the new protocol cannot take is kept off the path.
    assert case.answers["basismodel:gesprek_met"] == "kind"
    assert case.lifecycle[-1].event == "flow_changed" and case.lifecycle[-1].reason == "school"
