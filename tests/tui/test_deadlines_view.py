"""All deadlines at a glance (issue 12, point 6): overdue cases on top of the case list, and
Ctrl+T lists every open case's deadlines as `meldcode due` does, overdue first."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fit import losses, rendered
from test_export_fit import Ticking
from textual.widgets import OptionList
from tui_helpers import NOW, app_for

from meldcode_tui.casework import OpenCase
from meldcode_tui.casework.due import what_is_due
from meldcode_tui.store import Store
from meldcode_tui.tui.demo import DEMO_PASSPHRASE, build_demo_store
from meldcode_tui.tui.screens.cases import CaseListScreen
from meldcode_tui.tui.screens.deadlines import HORIZON, DeadlinesScreen, case_name
from meldcode_tui.tui.screens.wizard import WizardScreen
from meldcode_tui.tui.widgets.case_table import CaseTable

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo cases, with Lotte's (overdue since 10-3-2025) the least recently changed."""
    path = tmp_path / "demo.meldcode"
    build_demo_store(path, Ticking())
    later = NOW - timedelta(hours=1)
    with Store.open(path, DEMO_PASSPHRASE) as store:
        for summary in store.list_cases():
            if "Lotte" not in summary.title:
                OpenCase.open(store, summary.id, lambda: later).add_note("feit", "Fictief.", None)
        assert "Lotte" in store.list_cases()[-1].title
    return path


def titles_in_table(app: object) -> list[str]:
    table = app.screen.query_one("#case-table", CaseTable)  # type: ignore[attr-defined]
    return [str(table.rows[i].cells[0]) for i in range(table.row_count)]


@SIZES
async def test_overdue_cases_come_first_and_ctrl_t_lists_what_is_due(
    demo: Path, size: tuple[int, int]
) -> None:
    app = app_for(demo, passphrase=DEMO_PASSPHRASE)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        rows = titles_in_table(app)
        # Least recently changed, but overdue: the first row, marked.
        assert rows[0].startswith("Demo: Lotte"), rows
        table = app.screen.query_one("#case-table", CaseTable)
        assert str(table.rows[0].cells[5]).startswith("! ")
        # The whole title, on a second line where the columns leave too little room.
        assert str(table.rows[0].cells[0]) == "Demo: Lotte (monitoring)"
        assert table.row_height(0) == (2 if size == (80, 24) else 1)
        line = rendered(app.screen.query_one("#cases-overdue"))
        assert "verlopen termijn: 1" in line and "Ctrl+T" in line
        assert not losses(app, [app.screen.query_one("#cases-overdue")])

        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeadlinesScreen)
        assert app.store is not None
        # The same list as `meldcode due`, from the same function, in the same order.
        expected = what_is_due(app.store, NOW, NOW + HORIZON, "nl", case_name).items
        assert screen.report.items == expected and len(expected) >= 2
        listing = screen.query_one("#deadlines-list", OptionList)
        shown = [rendered_option(listing, i) for i in range(listing.option_count)]
        assert shown[0].startswith("! VERLOPEN 10-3-2025 Demo: Lotte"), shown[0]
        assert expected[0]["label"] in shown[0] and expected[0]["message"] in shown[0]
        assert all("VERLOPEN" not in s for s in shown[1:]), shown
        assert not losses(app), losses(app)
        # Enter opens the case of the highlighted deadline; Esc comes back to the list.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.session.case_id == expected[0]["case"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeadlinesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)


def rendered_option(listing: OptionList, index: int) -> str:
    from fit import words

    option = listing.get_option_at_index(index)
    style = listing.get_visual_style("option-list--option")
    return words(" ".join(s.text for s in listing._get_option_render(option, style)))
