"""The hand-over dialog in the app's words, driven by keys at 80x24.

A reviewer found the field names only as placeholders (gone once there is a value), the
command line's `--expires` in the app, "1 acties" and the flow id in the preview, and Enter in
the days field doing nothing.
"""

from __future__ import annotations

from pathlib import Path

from handover_helpers import NOW, Colleague, befriend
from test_handover_app import app_on, text_of, unlock
from textual.widgets import Input, Label, Select

from meldcode_tui.casework.cases import start_case
from meldcode_tui.tui.screens.cases import CaseListScreen
from meldcode_tui.tui.screens.handover import HandoverScreen

SIZE = (80, 24)


def one_action_case(colleague: Colleague) -> str:
    case_id, _ = start_case(colleague.store, "primair-onderwijs", "Fictief-Eta-4A", now=NOW)
    colleague.store.add_action(case_id, "Fictief gesprek", owner="leerkracht")
    return case_id


async def test_preview_names_the_protocol_and_counts_in_words(
    ans: Colleague, bea: Colleague
) -> None:
    befriend(ans, bea)
    case_id = one_action_case(ans)
    ans.store.close()
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        preview = text_of(app.screen, "#handover-preview")
        assert "1 actie," in preview and "acties" not in preview
        assert "0 notities" in preview and "0 antwoorden" in preview
        assert f"(Basisschool, casus {case_id})" in preview
        assert "primair-onderwijs" not in preview


async def test_every_field_keeps_a_visible_label(ans: Colleague, bea: Colleague) -> None:
    befriend(ans, bea)
    one_action_case(ans)
    ans.store.close()
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HandoverScreen)
        screen.query_one("#handover-note", Input).value = "Fictieve notitie"
        await pilot.pause()
        # Each field has a value; its name still shows, on the line above it.
        for field, label in (
            ("#handover-file", "Bestand om te schrijven"),
            ("#handover-note", "Korte notitie aan je collega"),
            ("#handover-expires", "Dagen geldig (1-90)"),
        ):
            box = screen.query_one(field, Input)
            assert box.value
            above = box.parent.children[box.parent.children.index(box) - 1]  # type: ignore[union-attr]
            assert isinstance(above, Label) and label in str(above.render()), (field, above)


async def test_days_in_the_apps_words_and_enter_hands_over(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea)
    one_action_case(ans)
    ans.store.close()
    bundle = tmp_path / "naar-bea.meldcode"
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HandoverScreen)
        screen.query_one("#handover-to", Select).value = "Bea"
        screen.query_one("#handover-file", Input).value = str(bundle)
        days = screen.query_one("#handover-expires", Input)
        days.value = ""
        days.focus()
        await pilot.press("9", "1", "enter")
        await pilot.pause()
        error = text_of(screen, "#handover-error")
        assert error == "Dagen geldig: typ een aantal dagen van 1 tot en met 90."
        assert app.screen is screen and screen.focused is days and not bundle.exists()
        # Emptied, the same line: not the command line's `--expires`.
        await pilot.press("backspace", "backspace", "enter")
        await pilot.pause()
        assert "--expires" not in text_of(screen, "#handover-error")
        assert "Dagen geldig" in text_of(screen, "#handover-error") and not bundle.exists()
        await pilot.press("7", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
    assert bundle.exists()


async def test_the_palette_says_what_hand_over_and_receive_do(ans: Colleague) -> None:
    ans.store.close()
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        helps = {str(c.title): str(c.help) for c in app.get_system_commands(app.screen)}
        hand_over = helps["Casus overdragen aan een collega"]
        receive = helps["Overdracht of ontvangstbewijs ontvangen"]
        assert hand_over.startswith("De gekozen casus versleuteld") and "(Ctrl+G)" in hand_over
        assert receive.startswith("Een overdrachtsbestand") and "(Ctrl+R)" in receive
