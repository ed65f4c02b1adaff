"""A large store shows its list from the cases on its first page, then reads the rest (issue 16:
opening all 10,000 cases first kept the list off screen for a quarter of a second and more)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_helpers import NOW, SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.store import Store
from meldcode_tui.tui.screens import cases
from meldcode_tui.tui.widgets.case_table import CaseTable


def titles(app: object) -> list[str]:
    table = app.screen.query_one("#case-table", CaseTable)  # type: ignore[attr-defined]
    return [str(table.rows[i].cells[0]) for i in range(table.row_count)]


def lines_under(app: object) -> tuple[str, str]:
    screen = app.screen  # type: ignore[attr-defined]
    more = screen.query_one("#cases-empty", Static)
    late = screen.query_one("#cases-overdue", Static)
    return str(more.content), str(late.content)


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Six cases count as a large store here; three rows fit on the first page."""
    monkeypatch.setattr(cases, "READ_ALL_UP_TO", 2)
    monkeypatch.setattr(cases, "MAX_ROWS", 3)


def _six(path: Path) -> dict[str, str]:
    with reopen(path) as store:
        late = store.new_case("basismodel", "Leerling 01")
        store.update_progress(late, next_deadline=NOW - timedelta(days=2))
        ids = {"late": late}
        for n in range(2, 7):
            ids[f"{n:02d}"] = store.new_case("basismodel", f"Leerling {n:02d}")
    return ids


async def test_the_first_page_is_on_screen_before_every_case_is_read(
    new_store: Path, large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _six(new_store)
    seen_before_full_read: list[tuple[list[str], tuple[str, str]]] = []
    real = Store.list_cases

    def listed(self: Store) -> object:
        from textual._context import active_app

        app = active_app.get()
        seen_before_full_read.append((titles(app), lines_under(app)))
        return real(self)

    monkeypatch.setattr(Store, "list_cases", listed)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.pause()
        # The overdue case (the least recently changed) on top, then the newest two; the line
        # under the table counts all six and the one past its limit.
        expected = ["Leerling 01", "Leerling 06", "Leerling 05"]
        assert titles(app) == expected
        more, late = lines_under(app)
        assert "De 3 laatst gewijzigde van 6 casussen" in more
        assert "verlopen termijn: 1" in late
        # Read whole once, after the first page was already showing the same.
        assert seen_before_full_read == [(expected, (more, late))]


async def test_a_doctored_clear_column_cannot_keep_an_overdue_case_off_the_list(
    new_store: Path, large: None
) -> None:
    ids = _six(new_store)
    # The clear deadline cleared outside meldcode: the first page, picked by the clear
    # columns, misses the case; the whole list reads its sealed deadline and flags it.
    conn = sqlite3.connect(new_store)
    conn.execute("UPDATE cases SET next_deadline = NULL WHERE id = ?", (ids["late"],))
    conn.commit()
    conn.close()
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.pause()
        assert titles(app)[0] == "! Leerling 01"
        table = app.screen.query_one("#case-table", CaseTable)
        assert str(table.rows[0].cells[5]).startswith("! ")
        assert "verlopen termijn: 1" in lines_under(app)[1]


async def test_a_key_typed_before_the_rest_is_read_searches_every_case(
    new_store: Path, large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _six(new_store)
    # The rest is never read on its own here, as if the key came first.
    monkeypatch.setattr(cases.CaseListScreen, "_read_the_rest", lambda self: None)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert "Leerling 02" not in titles(app)
        await type_text(pilot, "02")
        await pilot.pause()
        assert titles(app) == ["Leerling 02"]
