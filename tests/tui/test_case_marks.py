"""The case list marks a damaged case and a closed case past its retention, as `list` does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_helpers import SIZE, app_for, reopen, unlock

from meldcode_tui.tui.widgets.case_table import CaseTable


def _cases(path: Path) -> dict[str, str]:
    with reopen(path) as store:
        whole = store.new_case("basismodel", "Zorg 7B-01")
        kept = store.new_case("basismodel", "Zorg 7B-02")
        expired = store.new_case("basismodel", "Zorg 7B-03")
        damaged = store.new_case("basismodel", "Zorg 7B-04")
        # Closed, pupil left in 2020: two years after that, long before the app's clock (2025).
        store.update_progress(expired, status="closed", retention_start="2020-01-01")
        # Closed, pupil left last year: still within the term.
        store.update_progress(kept, status="closed", retention_start="2024-09-01")
    # The clear status column edited outside meldcode: the list flags the case damaged.
    conn = sqlite3.connect(path)
    conn.execute("UPDATE cases SET status = 'closed' WHERE id = ?", (damaged,))
    conn.commit()
    conn.close()
    return {"whole": whole, "kept": kept, "expired": expired, "damaged": damaged}


async def test_damaged_and_past_retention_cases_are_marked_with_a_legend(new_store: Path) -> None:
    ids = _cases(new_store)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = app.screen.query_one("#case-table", CaseTable)
        titles = {row.key: str(row.cells[0]) for row in table.rows}
        assert titles[ids["whole"]] == "Zorg 7B-01"
        assert titles[ids["kept"]] == "Zorg 7B-02"
        assert titles[ids["expired"]] == "× Zorg 7B-03"
        assert titles[ids["damaged"]] == "! Zorg 7B-04"
        legend = app.screen.query_one("#cases-empty", Static)
        assert legend.display
        text = str(legend.content)
        # What to do in the app, not a command to type (tui/app_words.py).
        assert "! beschadigd" in text and "beheerder de opslag controleren" in text
        assert "× bewaartermijn verstreken" in text and "Ctrl+D" in text
        assert "meldcode verify" not in text and "meldcode purge" not in text


async def test_no_marks_no_legend(new_store: Path) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "Zorg 7B-01")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert not app.screen.query_one("#cases-empty", Static).display


async def test_a_store_with_the_light_key_settings_is_flagged_in_the_app(
    new_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from meldcode_tui.vault import INSECURE_TEST_ENV, kdf

    # Outside a test run (a user's machine) a store made with the light settings is
    # strengthened at unlock, and the app says that older copies stay weak.
    monkeypatch.setattr(kdf, "test_run", lambda: False)
    monkeypatch.delenv(INSECURE_TEST_ENV)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any("versterkt" in m and "Oudere kopieën" in m for m in shown), shown
    with reopen(new_store) as store:
        assert store.kdf_params == kdf.DEFAULT_PARAMS
