"""Notes: an interpretation can be marked for the record; a typed note is never lost."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import SIZE, app_for, reopen, type_text, unlock


async def _open_first_case(new_store: Path) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "Casus notities")


async def test_interpretation_marked_for_the_record(new_store: Path) -> None:
    await _open_first_case(new_store)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("f7")  # into the notes panel
        await type_text(pilot, "Ik denk dat zij bang is")
        app.screen.query_one("#note-kind").focus()
        await pilot.press("right", "space")  # interpretatie
        app.screen.query_one("#note-for-record").focus()
        await pilot.press("space")
        app.screen.query_one("#note-text").focus()
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Gezien op maandag")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        notes = {n.text: n for n in store.get_case(summary.id).notes}
    assert notes["Ik denk dat zij bang is"].kind == "interpretatie"
    assert notes["Ik denk dat zij bang is"].for_record is True
    # The mark is per note: the next one starts unmarked, as a fact.
    assert notes["Gezien op maandag"].kind == "feit"
    assert notes["Gezien op maandag"].for_record is False


async def test_note_typed_without_enter_is_saved_on_leaving_the_step(new_store: Path) -> None:
    await _open_first_case(new_store)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("f7")
        await type_text(pilot, "Niet op Enter gedrukt")
        await pilot.press("f6")  # next step, the note still in its field
        await pilot.pause()
        await pilot.press("f7")
        await type_text(pilot, "Ook niet, en dan vergrendeld")
        await pilot.press("ctrl+l")
        await pilot.pause()
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        notes = {n.text: n.step_id for n in store.get_case(summary.id).notes}
    assert notes == {
        "Niet op Enter gedrukt": "signalen",
        "Ook niet, en dan vergrendeld": "consultatie",
    }
