"""A store with many cases: the list shows the most recent ones at once and the filter the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static
from tui_helpers import SIZE, app_for, paste, reopen, unlock

from meldcode_tui.store import Store
from meldcode_tui.tui.screens.cases import MAX_ROWS, CaseListScreen
from meldcode_tui.tui.widgets.case_table import CaseTable


def _many(path: Path, count: int) -> None:
    with reopen(path) as store, store._op(write=True), store._db.atomic():
        for n in range(count):
            store.new_case("basismodel", f"Leerling {n:04d}")


async def test_list_shows_the_newest_and_the_filter_finds_any(new_store: Path) -> None:
    _many(new_store, MAX_ROWS + 5)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = app.screen.query_one("#case-table", CaseTable)
        assert table.row_count == MAX_ROWS
        more = str(app.screen.query_one("#cases-empty", Static).render())
        assert f"De {MAX_ROWS} laatst gewijzigde van {MAX_ROWS + 5} casussen" in more
        # The oldest case is not among the rows shown, and the filter still finds it.
        assert "Leerling 0000" not in {str(table.rows[i].cells[0]) for i in range(MAX_ROWS)}
        await paste(pilot, "0000")
        assert table.row_count == 1
        assert str(table.rows[0].cells[0]) == "Leerling 0000"
        assert not app.screen.query_one("#cases-empty", Static).display


async def test_unlock_reads_the_case_list_once(
    new_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = Store.list_cases

    def counted(self: Store) -> object:
        calls.append(1)
        return real(self)

    monkeypatch.setattr(Store, "list_cases", counted)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, CaseListScreen)
    assert len(calls) == 1
