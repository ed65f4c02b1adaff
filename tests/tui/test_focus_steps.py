"""Input lands where the user looks: on entering any step of any shipped flow, typing at once
goes into the first open question, which is in view; letters on a choice are no answer.

At 80x24 every step of every flow is entered: steps a new case does not reach on a case whose
answers put them on the path (a witness from the flow checker's search). At 120x40, where more
fits, the steps a new case reaches (one case, one wizard), to keep the suite quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Input, TextArea
from tui_helpers import NOW, app_for, paste, reopen, type_text, unlock

from meldcode_tui.casework import start_case
from meldcode_tui.flow import Flow, Question, evaluate
from meldcode_tui.flow.engine import OFF_PATH
from meldcode_tui.flow.reach import Reach
from meldcode_tui.flow.registry import shipped_flows
from meldcode_tui.tui.screens.wizard import WizardScreen

TYPED = "Xq ja"
TEXT_TYPES = ("text", "person", "date", "datetime")


def targets(flow: Flow) -> list[tuple[dict[str, Any], str]]:
    """(answers, step) for every step: no answers where a new case reaches it, else a witness."""
    reach = Reach(flow)
    found: list[tuple[dict[str, Any], str]] = []
    for step in flow.steps:
        state = evaluate(flow, {}, now=NOW).state(step.id)
        if state is not None and state.status != OFF_PATH:
            found.append(({}, step.id))
            continue
        assert step.when is not None, step.id
        sid = step.id
        answers = reach.witness(
            step.when,
            accept=lambda ev, sid=sid: any(
                s.step.id == sid and s.status != OFF_PATH for s in ev.steps
            ),
        )
        assert answers is not None, f"{flow.id}: step {step.id} is never reached"
        found.append((answers, step.id))
    return found


def first_open(wizard: WizardScreen, step_id: str) -> Question | None:
    """Worked out from the engine, not the screen: the first shown question not yet answered."""
    state = wizard.session.evaluation.state(step_id)
    assert state is not None
    shown = [q for q in state.visible if not q.is_notice]
    return next((q for q in shown if q.id not in wizard.session.answers), None)


# About two seconds of pauses for a scroll to land, however busy the machine.
VIEW_CHECKS = 40


def in_view(widget: Widget, wizard: WizardScreen) -> bool:
    body = wizard.query_one("#step-body")
    return body.region.contains_region(widget.region) and widget.region.height > 0


def typed_value(widget: Widget) -> str | None:
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Input):
        return widget.value
    return None


@pytest.mark.slow
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("flow_id", sorted(shipped_flows()))
async def test_typing_on_entering_a_step_lands_in_its_first_open_question(
    new_store: Path, flow_id: str, size: tuple[int, int]
) -> None:
    flow = shipped_flows()[flow_id]
    cases: list[tuple[str, dict[str, Any], str]] = []
    wanted = targets(flow)
    if size != (80, 24):
        wanted = [(answers, step_id) for answers, step_id in wanted if not answers]
    with reopen(new_store) as store:
        fresh: str | None = None
        for answers, step_id in wanted:
            if not answers and fresh is not None:
                cases.append((fresh, answers, step_id))
                continue
            case_id, _ = start_case(store, flow_id, f"F {step_id}", answers, now=NOW)
            fresh = fresh or (case_id if not answers else None)
            cases.append((case_id, answers, step_id))
    app = app_for(new_store)
    checked = 0
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        for case_id, _, step_id in cases:
            if not isinstance(app.screen, WizardScreen) or app.screen.session.case_id != case_id:
                if isinstance(app.screen, WizardScreen):
                    app.screen.action_close()
                    await pilot.pause()
                await app.open_case(case_id)
            wizard = app.screen
            assert isinstance(wizard, WizardScreen)
            await wizard.show_step(step_id)
            question = first_open(wizard, step_id)
            await type_text(pilot, TYPED)  # at once, as a person does
            await pilot.pause()
            if question is not None:
                where = f"{flow_id} / {step_id} / {question.id}"
                focused = app.focused
                control = wizard.query_one(f"#q-{question.id}")
                assert focused is not None, where
                assert focused is control or control in focused.ancestors, (where, focused)
                # Scrolling it into view follows the next layout, later on a busy machine:
                # waited for, bounded, so a field that never comes into view still fails.
                for _ in range(VIEW_CHECKS):
                    if in_view(focused, wizard):
                        break
                    await pilot.pause(0.05)
                assert in_view(focused, wizard), where
                if question.type in TEXT_TYPES:
                    assert typed_value(focused) == TYPED, where
                else:
                    # Letters and the space between them on a choice: no answer, no tick.
                    assert question.id not in wizard.session.answers, where
                checked += 1
        await pilot.press("ctrl+q")
    # Nearly every step has an open question on entering it (a witness may answer a few).
    assert checked >= max(1, len(cases) - 2), (checked, len(cases))
    with reopen(new_store) as store:
        for case_id, answers, _ in cases:
            saved = store.get_case(case_id).answers
            # Typed text was saved on leaving; no choice was answered by typing.
            for qid, value in saved.items():
                if qid in answers:
                    continue
                q = flow.question(qid)
                assert q is not None and q.type in TEXT_TYPES and value == TYPED, (qid, value)


async def test_after_adding_a_note_the_view_follows_its_input(new_store: Path) -> None:
    with reopen(new_store) as store:
        start_case(store, "basismodel", "N", now=NOW)
    app = app_for(new_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        # Long notes, so each one pushes the input well down the step.
        first = "Eerste notitie (fictief), " + "lang " * 30
        second = "Tweede notitie (fictief), " + "lang " * 30
        for text in (first, second):
            await pilot.press("f7")
            # Pasted: adding the note and where the view goes is tested, not its 180 keys
            # (the third note below is typed).
            await paste(pilot, text)
            await pilot.press("enter")
            await pilot.pause()
            focused = app.focused
            assert isinstance(focused, Input) and focused.id == "note-text"
            assert in_view(focused, wizard), (focused.region, wizard.query_one("#step-body").region)
        await type_text(pilot, "derde")
        assert typed_value(wizard.query_one("#note-text")) == "derde"
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        notes = {n.text for n in store.get_case(summary.id).notes}
    # The third, typed but not added, is saved on quitting like any typed text.
    assert notes == {first, second, "derde"}
