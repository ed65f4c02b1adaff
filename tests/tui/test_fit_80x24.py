"""80x24 without loss (issue 12, point 7): every label, option, button and note whole on screen.

Checked by geometry and by what each widget draws (`fit.losses`): nothing sticks out of the
screen or its parent, nothing ends in Textual's "…", nothing is cut off below. Every step of
every shipped flow is walked in Dutch and English with all its questions shown at once (the
ones a condition hides too), so no answer option is read half.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fit import losses, rendered
from test_export_fit import Ticking
from test_focus_steps import targets
from tui_helpers import NOW, app_for, reopen, unlock

from meldcode_tui.casework import start_case
from meldcode_tui.flow.registry import shipped_flows
from meldcode_tui.tui.demo import DEMO_PASSPHRASE, build_demo_store
from meldcode_tui.tui.screens.info import HelpScreen
from meldcode_tui.tui.screens.wizard import WizardScreen
from meldcode_tui.tui.widgets.question import QuestionField

SMALL = (80, 24)
SIZES = pytest.mark.parametrize("size", [SMALL, (120, 40)], ids=["80x24", "120x40"])


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("flow_id", sorted(shipped_flows()))
async def test_every_step_of_every_flow_shows_every_label_whole(
    new_store: Path, flow_id: str, lang: str
) -> None:
    flow = shipped_flows()[flow_id]
    # Steps reached with the same answers share one case, walked in one wizard: the screen of
    # a step depends on its answers, not on how the wizard came to it (moving to a step
    # rebuilds its centre), and each wizard opened costs as much as several steps shown.
    same_answers: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for answers, step_id in targets(flow):
        same_answers.setdefault(repr(sorted(answers.items())), (answers, []))[1].append(step_id)
    with reopen(new_store) as store:
        cases = [
            (start_case(store, flow_id, f"F {steps[0]}", answers, now=NOW)[0], steps)
            for answers, steps in same_answers.values()
        ]
    app = app_for(new_store, lang=lang)
    walked = 0
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        for case_id, steps in cases:
            if isinstance(app.screen, WizardScreen):
                app.screen.action_close()
                await pilot.pause()
            await app.open_case(case_id)
            wizard = app.screen
            assert isinstance(wizard, WizardScreen)
            for step_id in steps:
                await wizard.show_step(step_id)
                # Every question of the step, also those its conditions hide right now.
                for field in wizard.query(QuestionField):
                    field.display = True
                await pilot.pause()
                roots = [
                    wizard.query_one("#wizard-header"),
                    wizard.query_one("#steps"),
                    wizard.query_one("#step-body"),
                    wizard.query_one("#keybar"),
                ]
                lost = losses(app, roots)
                assert not lost, f"{flow_id} / {step_id} ({lang}):\n" + "\n".join(lost)
                walked += 1
        await pilot.press("ctrl+q")
    assert walked == len(flow.steps)


async def test_the_checker_sees_a_cut_label(new_store: Path) -> None:
    """The walk above can fail: a label narrowed to a few cells is reported."""
    with reopen(new_store) as store:
        case_id, _ = start_case(store, "basismodel", "F", now=NOW)
    app = app_for(new_store)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        await app.open_case(case_id)
        await pilot.pause()
        assert not losses(app, [app.screen.query_one("#step-body")])
        choice = app.screen.query_one("#q-client_type").query("Choice").first()
        choice.styles.text_wrap = "nowrap"
        choice.styles.text_overflow = "ellipsis"
        choice.styles.width = 12
        await pilot.pause()
        assert any("Choice" in line for line in losses(app, [app.screen.query_one("#step-body")]))


@SIZES
async def test_the_key_bar_shows_every_key_of_the_step(
    new_store: Path, size: tuple[int, int]
) -> None:
    with reopen(new_store) as store:
        case_id, _ = start_case(store, "basismodel", "F", now=NOW)
    app = app_for(new_store)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        bar = app.screen.query_one("#keybar")
        # The case list: the deadlines, export and lock keys too.
        for key in ("^N", "^T Termijnen", "F9 Exporteren", "^L Vergrendelen", "^Q"):
            assert key in rendered(bar), (key, rendered(bar))
        await app.open_case(case_id)
        await pilot.pause()
        bar = app.screen.query_one("#keybar")
        text = rendered(bar)
        for key in ("F5", "F6", "F7 Notitie", "F8", "F9 Exporteren", "F10 Casus sluiten"):
            assert key in text, (key, text)
        assert "^L Vergrendelen" in text and "Esc Casussen" in text
        assert bar.region.bottom == size[1] and bar.region.right <= size[0]
        assert not losses(app, [bar])
        if size == SMALL:
            # Ten keys do not fit on one 80-column line: a second line, nothing cut.
            assert bar.region.height == 2


@SIZES
async def test_f1_on_a_step_explains_that_step_and_the_marks(
    new_store: Path, size: tuple[int, int]
) -> None:
    with reopen(new_store) as store:
        case_id, _ = start_case(store, "basismodel", "F", now=NOW)
    flow = shipped_flows()["basismodel"]
    step = flow.steps[0]
    app = app_for(new_store)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        await app.open_case(case_id)
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        title = rendered(help_screen.query_one("#help-step-title"))
        assert step.title.get("nl") in title and "nu aan de beurt" in title
        guidance = rendered(help_screen.query_one("#help-step-guidance"))
        assert " ".join(step.guidance.get("nl").split()) in guidance
        marks = rendered(help_screen.query_one("#help-marks"))
        for mark in ("✓", "▶", "·", "↷", "–"):
            assert mark in marks
        assert "afgerond" in marks and "overgeslagen" in marks
        assert not losses(app)
        # The close button stays on screen under the scrolling text.
        close = help_screen.query_one("#help-close").region
        assert close.bottom <= size[1] and close.height == 3
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        # On the case list F1 is the key list, without a step.
        app.screen.action_close()
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("#help-step-title")
        assert "Ctrl+L" in rendered(app.screen.query_one("#help-keys"))


async def test_a_wrapped_option_is_ticked_on_its_own_line(new_store: Path) -> None:
    """At 80x24 signal options wrap; the tick drawn and the answer saved are the option's own."""
    with reopen(new_store) as store:
        case_id, _ = start_case(store, "basismodel", "F", {"client_type": "kind"}, now=NOW)
    question = shipped_flows()["basismodel"].question("signalen")
    assert question is not None
    second = question.options[1]
    app = app_for(new_store)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        await app.open_case(case_id)
        await pilot.pause()
        ticks = app.screen.query_one("#q-signalen")
        assert app.focused is ticks
        await pilot.press("down", "space")
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        assert wizard.session.answers["signalen"] == [second.id]
        lines = [s.text for s in ticks.render_lines(ticks.size.region)]
        ticked = [line for line in lines if "X" in line]
        # One tick, on the first line of the second option; the first option wraps unticked.
        assert len(ticked) == 1, lines
        assert second.label.get("nl").split()[0] in ticked[0], (ticked, lines)
        # (The first option is longer than the 80-column body: it does wrap.)
        assert len(question.options[0].label.get("nl")) > 40


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "size"),
    [("nl", SMALL), ("en", SMALL), ("nl", (120, 40))],
    ids=["nl-80x24", "en-80x24", "nl-120x40"],
)
async def test_every_screen_of_the_demo_shows_whole(
    tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    """Case list, help, Veilig Thuis, new case, and per demo case: the wizard, F1, the decision,
    closing refused, the agreed actions, the deadlines; then the lock screen."""
    path = tmp_path / "demo.meldcode"
    build_demo_store(path, Ticking())
    app = app_for(path, lang=lang, passphrase=DEMO_PASSPHRASE)
    seen: list[str] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()

        async def check(*keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()
            lost = losses(app)
            seen.append(type(app.screen).__name__)
            assert not lost, f"{keys} on {app.screen!r}:\n" + "\n".join(lost)

        await check()
        for key in ("f1", "f2", "ctrl+n", "ctrl+t"):
            await check(key)
            await pilot.press("escape")
        assert app.store is not None
        for summary in app.store.list_cases():
            await app.open_case(summary.id)
            await check()
            await check("f1")
            await check("escape", "f8")
            await check("f10")
            await check("escape", "escape", "ctrl+t")
            await check("escape", "f10")
            await pilot.press("escape", "escape")
            await pilot.pause()
        await check("ctrl+l")
    for name in ("CaseListScreen", "HelpScreen", "VeiligThuisScreen", "NewCaseScreen"):
        assert name in seen
    for name in ("DeadlinesScreen", "WizardScreen", "DecisionScreen", "ActionsScreen"):
        assert name in seen
    assert "CloseRefusedScreen" in seen and seen[-1] == "UnlockScreen"


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_step_with_notes_shows_every_note_whole(new_store: Path, lang: str) -> None:
    """Each note of the step with its date, role and text, and its two buttons (a walk at
    80x24 found one row and no text: the list had no height of its own)."""
    texts = [
        "Eerste notitie: K. huilde in de pauze (fictief).",
        "Tweede notitie: K. wilde niet naar huis, zei iets over de buurman (fictief).",
        "Derde notitie: moeder belde op om te vragen hoe het ging (fictief).",
    ]
    with reopen(new_store) as store:
        case_id, _ = start_case(store, "basismodel", "F notities", now=NOW)
        for text in texts:
            store.add_note(case_id, "feit", text, step_id="signalen", author_role="mentor")
    app = app_for(new_store, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        await app.open_case(case_id)
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        await wizard.show_step("signalen")
        await pilot.pause()
        notes = wizard.query_one("#note-list")
        lost = losses(app, [notes])
        assert not lost, "\n".join(lost)
        drawn = " ".join(rendered(line) for line in notes.query(".note"))
        for text in texts:
            assert text in drawn, drawn
        assert len(notes.query(".note-revise")) == 2 * len(texts)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("nl", ("^G Overdragen", "^R Ontvangen")), ("en", ("^G Hand over", "^R Receive"))],
)
async def test_the_case_lists_key_bar_shows_hand_over_and_receive(
    new_store: Path, lang: str, words: tuple[str, str]
) -> None:
    app = app_for(new_store, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        bar = app.screen.query_one("#keybar")
        text = rendered(bar)
        for key in (*words, "^N", "^T", "F9", "^D", "F1", "F2", "^L", "^Q"):
            assert key in text, (key, text)
        # Eleven keys on two lines of 80 columns, none cut off.
        assert bar.region.height == 2 and not losses(app, [bar])
