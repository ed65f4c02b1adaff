"""Text a user typed is shown exactly as typed: never as markup, never as terminal codes."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Static
from tui_helpers import SIZE, app_for, reopen, type_text, unlock

from meldcode_tui.tui.text import literal


def test_literal_helper_keeps_markup_and_shows_control_codes() -> None:
    text = literal("[bold red]x[/] \x1b[2J\x07\x9b")
    assert text.plain == "[bold red]x[/] ␛[2J␇\\x9b"
    assert not text.spans


async def test_note_with_markup_and_escape_shows_literally(new_store: Path) -> None:
    with reopen(new_store) as store:
        store.new_case("basismodel", "[i]titel[/i]")
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        # The case list shows the title with its brackets.
        assert "[i]titel[/i]" in app.export_screenshot()
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("f7")
        await type_text(pilot, "[bold red]x[/]")
        await pilot.press("enter")
        await pilot.pause()
        # A pasted escape sequence (a terminal would clear the screen on ESC [ 2 J).
        assert app.focused is not None and app.focused.id == "note-text"
        app.focused.post_message(events.Paste("\x1b[2Jweg"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        notes = [str(w.render()) for w in app.screen.query("#note-list .note").results(Static)]
        assert any("[bold red]x[/]" in n for n in notes)
        assert any("␛[2Jweg" in n for n in notes)
        app.screen.query_one("#note-list").scroll_visible(animate=False)
        await pilot.pause()
        # What reaches the terminal: the characters, spaces as &#160; in the SVG, and no ESC.
        shot = app.export_screenshot()
        assert "[bold&#160;red]x[/]" in shot and "␛[2Jweg" in shot and "\x1b" not in shot
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        texts = [n.text for n in store.get_case(summary.id).notes]
        # Stored exactly as typed; only the display is made safe.
        assert sorted(texts) == ["\x1b[2Jweg", "[bold red]x[/]"]
