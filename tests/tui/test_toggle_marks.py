"""Every tick box and radio button shows its state by its mark, not by colour alone.

Textual draws `▐X▌` and `▐●▌` for on and off alike (off only darker): in high contrast, over a
remote desktop or for a colour-blind teacher "keep" and "shred" looked the same. Off is blank
inside, on is X (a tick box) or ● (a radio button), in every dialog that has them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_dialogs_fit import _dialogs, _store_with_colleague
from test_export_fit import demo, open_dialog
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets._toggle_button import ToggleButton
from tui_helpers import app_for

from meldcode_tui.tui.demo import DEMO_PASSPHRASE
from meldcode_tui.tui.widgets.choice import Choice, Tick

__all__ = ["demo"]  # the export dialog's store, a fixture

OFF = "▐ ▌"


def drawn(widget: ToggleButton) -> str:
    """The first screen line the widget draws, its border left out."""
    size = widget.outer_size
    lines = widget.render_lines(Region(0, 0, size.width, size.height))
    return next(s.text for s in lines if "▐" in s.text).strip(" ▊▎▔▁")


def expected_mark(widget: ToggleButton) -> str:
    if not widget.value:
        return OFF
    return "▐●▌" if isinstance(widget, Choice) else "▐X▌"


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield Tick("Overschrijven", id="tick")
        yield Choice("Bewaren", id="choice")


async def test_off_is_blank_and_on_shows_its_mark() -> None:
    app = Boxes()
    async with app.run_test(size=(80, 24)) as pilot:
        tick = app.query_one("#tick", Tick)
        choice = app.query_one("#choice", Choice)
        assert drawn(tick).startswith("▐ ▌ Overschrijven")
        assert drawn(choice).startswith("▐ ▌ Bewaren")
        tick.focus()
        await pilot.press("space")
        choice.focus()
        await pilot.press("space")
        await pilot.pause()
        assert drawn(tick).startswith("▐X▌ Overschrijven")
        assert drawn(choice).startswith("▐●▌ Bewaren")
        tick.focus()
        await pilot.press("space")
        await pilot.pause()
        assert drawn(tick).startswith(OFF)


def assert_marks(screen: object, where: str) -> None:
    toggles = list(screen.query(ToggleButton))  # type: ignore[attr-defined]
    assert any(t.value for t in toggles) and any(not t.value for t in toggles), where
    for toggle in toggles:
        assert drawn(toggle).startswith(expected_mark(toggle)), (where, toggle.id, drawn(toggle))


@pytest.mark.parametrize("name", ["handover", "settings"])
async def test_the_dialogs_radio_buttons_show_their_state(tmp_path: Path, name: str) -> None:
    path = _store_with_colleague(tmp_path)
    app = app_for(path, passphrase=DEMO_PASSPHRASE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(_dialogs(app, tmp_path)[name]())
        await pilot.pause()
        assert_marks(app.screen, name)


async def test_the_export_dialogs_boxes_show_their_state(demo: Path) -> None:
    app = app_for(demo, passphrase=DEMO_PASSPHRASE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = await open_dialog(app)
        await pilot.pause()
        # Overwrite and the interpretation start off; the initials box and a format start on.
        assert dialog.query("#export-interpretations Checkbox")
        assert_marks(dialog, "export")


def test_no_screen_builds_textuals_own_boxes() -> None:
    """A stock Checkbox or RadioButton anywhere would bring the colour-only mark back."""
    import ast

    import meldcode_tui

    root = Path(meldcode_tui.__file__).parent
    stock = []
    for source in root.rglob("*.py"):
        if source.name == "choice.py":
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in {"Checkbox", "RadioButton"}:
                    stock.append(f"{source.relative_to(root)}:{node.lineno}")
    assert not stock, "use Tick or Choice (tui/widgets/choice.py): " + ", ".join(stock)
