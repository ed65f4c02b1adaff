"""The question that has the focus stays in view when the step's layout changes after it was
scrolled to (on a busy machine a step's widgets ask for their layout late), but a view the user
moved away on purpose is left where they put it.

The late layout is made deterministic here: a tall block is mounted above the questions after the
step was entered and scrolled, as a widget that asks for its layout late would grow.
"""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import NOW, app_for, reopen, type_text, unlock

from meldcode_tui.casework import start_case
from meldcode_tui.tui.app import MeldcodeApp
from meldcode_tui.tui.focus import in_view
from meldcode_tui.tui.screens.wizard import WizardScreen

TALL = "\n".join(f"regel {n}" for n in range(40))


async def _wizard_on_a_text_question(pilot: Pilot[None], app: MeldcodeApp) -> VerticalScroll:
    await unlock(pilot)
    await pilot.press("enter")
    await pilot.pause()
    wizard = app.screen
    assert isinstance(wizard, WizardScreen)
    # The notes' input: a text field far down the step at 80x24, with the step's text above it.
    await pilot.press("f7")
    await pilot.pause()
    focused = app.focused
    assert isinstance(focused, Input) and focused.id == "note-text"
    body = wizard.query_one("#step-body", VerticalScroll)
    assert in_view(body, focused)
    return body


async def test_a_late_layout_above_the_focused_field_does_not_push_it_out_of_view(
    new_store: Path,
) -> None:
    with reopen(new_store) as store:
        start_case(store, "basismodel", "V", now=NOW)
    app = app_for(new_store)
    async with app.run_test(size=(80, 24)) as pilot:
        body = await _wizard_on_a_text_question(pilot, app)
        focused = app.focused
        assert focused is not None
        await body.mount(Static(TALL, id="late-block"), before=0)
        # Back in view within a few frames. Polled, not a fixed two pauses: Pilot's pause ends
        # when this process looks idle, which under a loaded machine is before the layout
        # signal has reached the wizard (that made this test fail once in a full run).
        for _ in range(100):
            await pilot.pause(0.02)
            if in_view(body, focused):
                break
        assert in_view(body, focused), (body.scroll_y, focused.region, body.region)
        # And the typing still lands in it, seen.
        await type_text(pilot, "zichtbaar")
        assert isinstance(focused, Input) and focused.value == "zichtbaar"
        await pilot.press("ctrl+q")


async def test_a_view_moved_away_by_the_user_is_not_pulled_back(new_store: Path) -> None:
    with reopen(new_store) as store:
        start_case(store, "basismodel", "V", now=NOW)
    app = app_for(new_store)
    async with app.run_test(size=(80, 24)) as pilot:
        body = await _wizard_on_a_text_question(pilot, app)
        focused = app.focused
        assert focused is not None
        body.scroll_home(animate=False, immediate=True)  # as the mouse wheel or scroll bar does
        await pilot.pause()
        assert not in_view(body, focused)
        await body.mount(Static(TALL, id="late-block"), before=0)
        await pilot.pause()
        await pilot.pause()
        assert body.scroll_y == 0
        assert not in_view(body, focused)
        await pilot.press("ctrl+q")


async def test_typing_on_a_recorded_answer_adds_to_its_end(new_store: Path) -> None:
    from meldcode_tui.tui.screens.wizard import WizardScreen

    recorded = "Eerder vastgelegd antwoord (fictief)"
    with reopen(new_store) as store:
        start_case(store, "basismodel", "V", {"client_type": "kind"}, now=NOW)
    app = app_for(new_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        wizard.session.answer("signalen_feiten", recorded)
        step = wizard.session.flow.step_of("signalen_feiten")
        assert step is not None
        await wizard.show_step(step.id, focus_question="signalen_feiten")
        await pilot.pause()
        await type_text(pilot, " zz")
        field = wizard.query_one("#q-signalen_feiten")
        text = field.text if hasattr(field, "text") else field.value  # type: ignore[attr-defined]
        assert text == recorded + " zz"
        await pilot.press("ctrl+q")
