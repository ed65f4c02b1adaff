"""Dutch in Dutch mode: the command palette, the protocol column, the audit event names.

At 80x24. The palette's own words come from Textual in English unless the app replaces them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from tui_helpers import app_for, reopen, type_text, unlock

from meldcode_tui.i18n import LANGUAGES, Translator
from meldcode_tui.store.audit import EVENTS
from meldcode_tui.summary.document import event_name
from meldcode_tui.tui.widgets.case_table import CaseTable

SMALL = (80, 24)


def _options(app: object) -> list[str]:
    listing = app.screen.query_one(CommandList)  # type: ignore[attr-defined]
    prompts = [listing.get_option_at_index(i).prompt for i in range(listing.option_count)]
    # "No matches" is centred: an Align around the text.
    return [str(getattr(prompt, "renderable", prompt)) for prompt in prompts]


async def _wait_for_options(pilot: object, app: object, needle: str) -> list[str]:
    for _ in range(40):
        await pilot.pause()  # type: ignore[attr-defined]
        found = _options(app)
        if any(needle in option for option in found):
            return found
        await asyncio.sleep(0.05)
    return _options(app)


async def test_the_command_palette_speaks_dutch(new_store: Path) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Zoek een opdracht…"
        await type_text(pilot, "vergr")
        found = await _wait_for_options(pilot, app, "vergrendelen")
        assert any("Nu vergrendelen" in o and "Sleutels wissen" in o for o in found), found
        await pilot.press(*["backspace"] * 5)
        await type_text(pilot, "xyzzy")
        found = await _wait_for_options(pilot, app, "gevonden")
        assert found == ["Geen opdracht gevonden"]
        await pilot.press("escape")
        await pilot.pause()
        # F3 switches the language everywhere, the palette too.
        await pilot.press("f3", "ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Search for commands…"
        await type_text(pilot, "lock")
        found = await _wait_for_options(pilot, app, "Lock now")
        assert any("Lock now" in o for o in found), found


async def test_the_case_list_names_the_protocol(new_store: Path) -> None:
    with reopen(new_store) as store:
        store.new_case("primair-onderwijs", "Casus Merel")
        store.new_case("basismodel", "Casus Daan")
    app = app_for(new_store)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        table = app.screen.query_one("#case-table", CaseTable)
        cells = {str(table.rows[i].cells[1]) for i in range(table.row_count)}
        assert cells == {"Basisschool", "Basismodel"}
        await type_text(pilot, "basisschool")  # the filter finds what is shown
        await pilot.pause()
        assert table.row_count == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_audit_event_has_words(lang: str) -> None:
    tr = Translator(lang)
    untranslated = sorted(e for e in EVENTS if event_name(e, tr) == e)
    assert untranslated == []


async def test_a_full_disk_while_exporting_is_said_in_dutch(
    new_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from meldcode_tui.tui.screens import export_dialog

    with reopen(new_store) as store:
        store.new_case("basismodel", "Casus schijf")
    target = tmp_path / "verslag.txt"

    def full(*_: object, **__: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(export_dialog, "export_case", full)
    monkeypatch.chdir(tmp_path)
    app = app_for(new_store)
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, export_dialog.ExportDialog)
        app.screen.query_one("#export-confirm").press()  # type: ignore[attr-defined]
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    line = next(m for m in messages if "niet schrijven" in m)
    assert "de schijf is vol" in line and "maak ruimte vrij" in line
    assert "No space" not in line
