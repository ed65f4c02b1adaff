"""A hand-over or a receive refused in the app says so in the app's words, driven by keys at 80x24.

The refusals are the casework's; their message is the command line's line (`--expires`,
`meldcode verify`, a line that starts with the path). The dialog shows the app's line for the
same key (tui/app_words.py refusal_line): a path typed in lowercase stays as typed, where the
command line's line with a capital put on it would have named another file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from handover_helpers import PASSPHRASE, Colleague, befriend, full_case
from test_handover_app import app_on, text_of, unlock
from textual.widgets import Select

from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.tui.screens.handover import HandoverScreen
from meldcode_tui.tui.screens.handover_receive import ReceiveScreen

SIZE = (80, 24)


async def test_a_file_that_exists_is_said_with_the_path_as_typed(
    ans: Colleague, bea: Colleague, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    befriend(ans, bea)
    case_id = full_case(ans.store)
    ans.store.close()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bestaat.meldcode").write_bytes(b"fictief")
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HandoverScreen)
        # The colleague, by keys: open the list, the first name, take it.
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert screen.query_one("#handover-to", Select).value == "Bea"
        # The file field: emptied and typed, a name relative to the folder, in lowercase.
        await pilot.press("tab", "home", "ctrl+k", *"bestaat.meldcode")
        await pilot.press("tab", "tab", "tab")  # note, keep-or-shred, days
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        line = text_of(screen, "#handover-error")
        assert line == t("app.handover.file_exists", file="bestaat.meldcode")
        assert line.startswith("Het bestand bestaat.meldcode bestaat al;")
    assert (tmp_path / "bestaat.meldcode").read_bytes() == b"fictief"
    with Store.open(ans.path, PASSPHRASE) as again:
        assert again.get_case(case_id).handed_over is None


async def test_a_file_that_is_no_bundle_is_said_with_the_path_as_typed(
    bea: Colleague, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bea.store.close()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "boodschappen.txt").write_bytes(b"geen overdracht\n")
    app = app_on(bea.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReceiveScreen)
        await pilot.press(*"boodschappen.txt", "enter")
        await pilot.pause()
        line = text_of(screen, "#receive-error")
        assert line == t("app.receive.refused.not_an_envelope", file="boodschappen.txt")
        assert line.startswith("Het bestand boodschappen.txt is geen overdrachtsbestand")
    with Store.open(bea.path, PASSPHRASE) as again:
        assert again.list_cases() == []


async def test_a_damaged_case_is_refused_in_the_app_s_words(ans: Colleague, bea: Colleague) -> None:
    befriend(ans, bea)
    case_id = full_case(ans.store)
    ans.store.close()
    # The clear status column edited outside meldcode: the case is damaged.
    with contextlib.closing(sqlite3.connect(ans.path)) as conn:
        conn.execute("UPDATE cases SET status = 'closed' WHERE id = ?", (case_id,))
        conn.commit()
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(app.screen, HandoverScreen)
        said = [n.message for n in app._notifications]
        # Not the command line's "draai eerst `meldcode verify`": what to do in the app.
        assert said == [t("app.handover.case_damaged", case=case_id)]
        assert "beheerder de opslag controleren" in said[0]
