"""Filter as you type: each key searches what the list read at unlock, and stays right as the
clock moves (issue 16: with 10,000 cases, re-reading and re-sorting per key took 250 ms)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_helpers import NOW, SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.store import Store
from meldcode_tui.tui.widgets.case_table import CaseTable


def titles(app: object) -> list[str]:
    table = app.screen.query_one("#case-table", CaseTable)  # type: ignore[attr-defined]
    return [str(table.rows[i].cells[0]) for i in range(table.row_count)]


async def test_typing_reads_no_case_again_and_keeps_the_marks(
    new_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "Zorg 8A-01")
        expired = store.new_case("basismodel", "Zorg 8A-02")
        store.new_case("basismodel", "Ander 8A-03")
        # Closed, pupil left in 2020: past its term, so the list opens it for the mark.
        store.update_progress(expired, status="closed", retention_start="2020-01-01")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        reads: list[str] = []
        real_list, real_get = Store.list_cases, Store.get_case

        def listed(self: Store) -> object:
            reads.append("list")
            return real_list(self)

        def opened(self: Store, case_id: str) -> object:
            reads.append("get")
            return real_get(self, case_id)

        monkeypatch.setattr(Store, "list_cases", listed)
        monkeypatch.setattr(Store, "get_case", opened)
        await type_text(pilot, "zorg")
        await pilot.pause()
        assert titles(app) == ["× Zorg 8A-02", "Zorg 8A-01"]
        legend = str(app.screen.query_one("#cases-empty", Static).content)
        assert "× bewaartermijn verstreken" in legend
        await type_text(pilot, " 8a-02")
        await pilot.pause()
        assert titles(app) == ["× Zorg 8A-02"]
        assert reads == [], reads


async def test_a_deadline_passing_while_the_list_is_open_puts_the_case_on_top(
    new_store: Path,
) -> None:
    due = NOW + timedelta(hours=2)
    with reopen(new_store) as store:
        soon = store.new_case("basismodel", "Zorg 9B-01")
        store.update_progress(soon, next_deadline=due)
        store.new_case("basismodel", "Zorg 9B-02")  # changed last: the first row until then
    moments = [NOW]

    def clock() -> datetime:
        return moments[-1]

    app = app_for(new_store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert titles(app) == ["Zorg 9B-02", "Zorg 9B-01"]
        table = app.screen.query_one("#case-table", CaseTable)
        assert not str(table.rows[1].cells[5]).startswith("! ")
        moments.append(due + timedelta(minutes=1))
        await type_text(pilot, "z")
        await pilot.pause()
        # Overdue now: on top, its limit marked, and counted in the line under the table.
        assert titles(app) == ["Zorg 9B-01", "Zorg 9B-02"]
        assert str(table.rows[0].cells[5]).startswith("! ")
        assert "verlopen termijn: 1" in str(app.screen.query_one("#cases-overdue", Static).content)


async def test_a_key_that_keeps_the_rows_puts_the_cursor_back_on_the_first(
    new_store: Path,
) -> None:
    with reopen(new_store) as store:
        for n in range(3):
            store.new_case("basismodel", f"Zorg 7C-0{n}")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = app.screen.query_one("#case-table", CaseTable)
        table.move_cursor(2)
        await pilot.pause()
        await type_text(pilot, "zorg")  # every case still matches
        await pilot.pause()
        assert titles(app) == ["Zorg 7C-02", "Zorg 7C-01", "Zorg 7C-00"]
        # Enter in the filter opens the first row, as it does after any key.
        assert table.cursor_row == 0


async def test_back_from_a_case_a_typed_name_searches(new_store: Path) -> None:
    from textual import events
    from textual.widgets import Input

    from meldcode_tui.tui.screens.cases import CaseListScreen
    from meldcode_tui.tui.screens.wizard import WizardScreen

    with reopen(new_store) as store:
        store.new_case("basismodel", "Zorg om Sem (fictief)")
        store.new_case("basismodel", "Zorg om Noor (fictief)")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("tab")  # to the table, then open the case under the cursor
        assert isinstance(app.focused, CaseTable)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        assert isinstance(app.focused, CaseTable)  # the focus is back where it was
        # Typed at once, before the focus has moved: every letter, in order.
        for char in "noor":
            app.post_message(events.Key(char, char))
        await pilot.pause()
        await pilot.pause()
        field = app.screen.query_one("#filter", Input)
        assert field.value == "noor" and app.focused is field
        assert titles(app) == ["Zorg om Noor (fictief)"]
        # Back on the table, a letter starts a new search rather than adding to "noor".
        await pilot.press("down")
        assert isinstance(app.focused, CaseTable)
        await type_text(pilot, "sem")
        await pilot.pause()
        assert field.value == "sem" and titles(app) == ["Zorg om Sem (fictief)"]
        await pilot.press("ctrl+q")
