"""The case list's own table (tui/widgets/case_table.py), driven as a user does: by keys, by
the filter and by the mouse, checked by what it draws."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.tui.app import MeldcodeApp
from meldcode_tui.tui.screens.wizard import WizardScreen
from meldcode_tui.tui.widgets.case_table import CURSOR_BLURRED, CURSOR_FOCUSED, CaseTable

COUNT = 40  # more than the 100x32 screen shows at once


def _cases(path: Path, count: int = COUNT) -> None:
    # Made oldest first: the list shows the newest (the highest number) on top.
    with reopen(path) as store, store._op(write=True), store._db.atomic():
        for n in range(count):
            store.new_case("basismodel", f"Leerling {n:02d}")


def drawn(app: MeldcodeApp) -> list[str]:
    """The table's lines as they are on screen (its header first)."""
    table = app.screen.query_one("#case-table", CaseTable)
    size = table.outer_size
    return [strip.text for strip in table.render_lines(Region(0, 0, size.width, size.height))]


def cursor_line(app: MeldcodeApp) -> str:
    """The one drawn line that carries the cursor's mark."""
    marked = [line for line in drawn(app) if line[:1] in (CURSOR_FOCUSED, CURSOR_BLURRED)]
    assert len(marked) == 1, marked
    return marked[0]


def titles_drawn(app: MeldcodeApp) -> list[str]:
    return [line[1:].split("  ")[0] for line in drawn(app)[1:] if line.strip()]


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_the_cursor_moves_by_keys_and_is_marked_without_colour(new_store: Path) -> None:
    _cases(new_store)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        # The filter has focus: the first row carries the cursor, marked as not focused.
        assert cursor_line(app).startswith(f"{CURSOR_BLURRED}Leerling 39")
        assert drawn(app)[0].split()[:2] == ["Casus", "Protocol"]
        await press(pilot, "down")  # from the filter into the table
        assert app.focused is app.screen.query_one("#case-table")
        assert cursor_line(app).startswith(f"{CURSOR_FOCUSED}Leerling 39")
        await press(pilot, "down", "down")
        assert cursor_line(app).startswith(f"{CURSOR_FOCUSED}Leerling 37")
        await press(pilot, "up")
        assert cursor_line(app).startswith(f"{CURSOR_FOCUSED}Leerling 38")
        # End: the last case, scrolled into view; Home: back to the first.
        await press(pilot, "end")
        assert cursor_line(app).startswith(f"{CURSOR_FOCUSED}Leerling 00")
        assert "Leerling 39" not in titles_drawn(app)
        await press(pilot, "home")
        assert cursor_line(app).startswith(f"{CURSOR_FOCUSED}Leerling 39")
        # A page down moves the cursor by as many rows as the table shows, and scrolls.
        visible = len(titles_drawn(app))
        await press(pilot, "pagedown")
        assert cursor_line(app).startswith(f"{CURSOR_FOCUSED}Leerling {39 - visible:02d}")
        assert titles_drawn(app)[-1] == f"Leerling {39 - visible:02d}"
        await press(pilot, "pageup")
        assert cursor_line(app).startswith(f"{CURSOR_FOCUSED}Leerling 39")
        await press(pilot, "up")  # at the top it stays
        assert cursor_line(app).startswith(f"{CURSOR_FOCUSED}Leerling 39")


async def test_enter_opens_the_case_under_the_cursor(new_store: Path) -> None:
    _cases(new_store, 5)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await press(pilot, "down", "down", "down")
        assert cursor_line(app).startswith(f"{CURSOR_FOCUSED}Leerling 02")
        await press(pilot, "enter")
        assert isinstance(app.screen, WizardScreen)
        header = str(app.screen.query_one("#wizard-header", Static).render())
        assert "Leerling 02" in header


async def test_the_filter_narrows_the_rows_and_enter_opens_the_first(new_store: Path) -> None:
    _cases(new_store)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await type_text(pilot, "leerling 1")
        await pilot.pause()
        assert titles_drawn(app) == [f"Leerling {n}" for n in range(19, 9, -1)]
        await type_text(pilot, "7")
        await pilot.pause()
        assert titles_drawn(app) == ["Leerling 17"]
        assert cursor_line(app).startswith(f"{CURSOR_BLURRED}Leerling 17")
        await type_text(pilot, "x")
        await pilot.pause()
        assert titles_drawn(app) == []
        empty = app.screen.query_one("#cases-empty", Static)
        assert "Geen casus past bij je zoekwoord" in str(empty.render())
        await press(pilot, "backspace")
        await press(pilot, "enter")  # in the filter: opens the first row
        assert isinstance(app.screen, WizardScreen)
        assert "Leerling 17" in str(app.screen.query_one("#wizard-header", Static).render())


async def test_a_click_selects_a_row_and_a_second_click_opens_it(new_store: Path) -> None:
    _cases(new_store, 5)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        # Line 0 is the header; the fourth row (Leerling 01) is on line 4.
        await pilot.click("#case-table", offset=(5, 4))
        await pilot.pause()
        assert cursor_line(app)[1:].startswith("Leerling 01")
        assert isinstance(app.screen.query_one("#case-table"), CaseTable)
        await pilot.click("#case-table", offset=(0, 0))  # the header: nothing happens
        await pilot.pause()
        assert cursor_line(app)[1:].startswith("Leerling 01")
        await pilot.click("#case-table", offset=(5, 4))
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert "Leerling 01" in str(app.screen.query_one("#wizard-header", Static).render())


@pytest.mark.parametrize("contrast", ["no_color", "high_contrast"])
async def test_the_cursor_mark_shows_without_colour_and_in_high_contrast(
    new_store: Path, monkeypatch: pytest.MonkeyPatch, contrast: str
) -> None:
    _cases(new_store, 3)
    if contrast == "no_color":
        monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        if contrast == "high_contrast":
            await press(pilot, "f4")
            assert app.theme == "meldcode-contrast"
        else:
            assert app.no_color
        await press(pilot, "down", "down")
        assert cursor_line(app).startswith(f"{CURSOR_FOCUSED}Leerling 01")
        # Every other row has a blank gutter: the mark alone tells the cursor row.
        lines = drawn(app)[1:4]
        assert [line[:1] for line in lines] == [" ", CURSOR_FOCUSED, " "]


async def test_a_wrapped_title_is_one_row_of_two_lines(new_store: Path) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "Kort")
        store.new_case("basismodel", "Een heel lange fictieve naam die niet op een regel past")
    app = app_for(new_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        table = app.screen.query_one("#case-table", CaseTable)
        assert table.row_height(0) > 1
        lines = drawn(app)[1 : 1 + table.row_height(0)]
        title = " ".join(line[1 : 1 + table.widths[0]].strip() for line in lines)
        assert title == "Een heel lange fictieve naam die niet op een regel past"
        await press(pilot, "down", "down")  # one key: the next row, not the title's next line
        assert cursor_line(app)[1:].startswith("Kort")
