"""The export dialog at 80x24 and 120x40: its buttons on screen, Enter in the file name exports,
and a name that cannot be written keeps the dialog open with the reason in Dutch."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fit import losses, rendered
from textual.widgets import Button, Checkbox, Input, Static, TextArea
from tui_helpers import NOW, app_for

from meldcode_tui.casework import OpenCase
from meldcode_tui.store import Store
from meldcode_tui.tui.app import MeldcodeApp
from meldcode_tui.tui.demo import DEMO_PASSPHRASE, build_demo_store
from meldcode_tui.tui.screens.export_dialog import ExportDialog

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
BUTTONS = ("#export-confirm", "#export-copy", "#export-cancel")


class Ticking:
    def __init__(self) -> None:
        self.now = NOW - timedelta(days=1)

    def __call__(self):  # type: ignore[no-untyped-def]
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "demo.meldcode"
    clock = Ticking()
    build_demo_store(path, clock)
    # An interpretation to tick, whose (long) question must show whole in the dialog.
    with Store.open(path, DEMO_PASSPHRASE) as store:
        sem = next(c for c in store.list_cases() if "Sem" in c.title)
        OpenCase.open(store, sem.id, clock).answer(
            "afweging4_toelichting", "Moeder staat open voor hulp (fictief)."
        )
    # The dialog proposes a name in the working folder; a relative name lands there too.
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    return path


async def open_dialog(app: MeldcodeApp, title_part: str = "Sem") -> ExportDialog:
    """F9 for a demo case (Sem's answers hold an interpretation to tick)."""
    assert app.store is not None
    case = next(c for c in app.store.list_cases() if title_part in c.title)
    app.open_export(case.id)
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


def assert_buttons_on_screen(app: MeldcodeApp, size: tuple[int, int]) -> None:
    box = app.screen.query_one("#export").region
    for button in BUTTONS:
        region = app.screen.query_one(button, Button).region
        # The whole button, label row included, inside the dialog's border and the screen.
        assert region.height == 3, (button, region)
        assert box.x < region.x and region.right < box.right, (button, region, box)
        assert box.y < region.y and region.bottom <= box.bottom - 1 <= size[1], (button, box)


@SIZES
async def test_the_buttons_and_every_choice_show_whole(demo: Path, size: tuple[int, int]) -> None:
    app = app_for(demo, passphrase=DEMO_PASSPHRASE)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        dialog = await open_dialog(app)
        await pilot.pause()
        assert_buttons_on_screen(app, size)
        # It names the case it exports (it covers the wizard's header).
        named = rendered(dialog.query_one("#export-case", Static))
        assert (
            named.startswith("Casus: ")
            and "Sem" in named
            and dialog.source.case.summary.id in named
        )
        # The interpretation to tick is there, its label whole (it was cut off with "…").
        assert app.screen.query("#export-interpretations Checkbox")
        lost = losses(app)
        assert not lost, "\n".join(lost)
        # With a problem showing the buttons stay on screen.
        app.screen.query_one("#export-destination", Input).value = "geen-map/uit.txt"
        await pilot.click("#export-confirm")
        await pilot.pause()
        assert "bestaat niet" in rendered(app.screen.query_one("#export-error", Static))
        assert_buttons_on_screen(app, size)


@SIZES
async def test_enter_in_the_file_name_writes_the_file(
    demo: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(demo, passphrase=DEMO_PASSPHRASE)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        dialog = await open_dialog(app)
        await pilot.pause()
        shown = dialog.query_one("#export-preview", TextArea).text
        field = dialog.query_one("#export-destination", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"uit.txt")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        messages = [n.message for n in app._notifications]
        assert any("uit.txt" in m and "Geëxporteerd" in m for m in messages), messages
    assert (tmp_path / "out" / "uit.txt").read_text(encoding="utf-8") == shown


async def test_a_name_that_cannot_be_written_keeps_the_dialog_open(
    demo: Path, tmp_path: Path
) -> None:
    app = app_for(demo, passphrase=DEMO_PASSPHRASE)
    out = tmp_path / "out"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = await open_dialog(app)
        await pilot.pause()
        field = dialog.query_one("#export-destination", Input)
        error = dialog.query_one("#export-error", Static)

        async def enter(name: str) -> str:
            field.focus()
            field.value = name
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog, name
            return rendered(error)

        said = await enter(str(tmp_path / "bestaat-niet" / "uit.txt"))
        assert said.startswith("De map") and "bestaat niet" in said
        # A user this computer does not know after "~": a line, not a traceback.
        said = await enter("~geen_gebruiker_s12/uit.txt")
        assert "kent die gebruiker niet" in said
        said = await enter(str(out))
        assert "is een map" in said
        (out / "er-al.txt").write_text("eerder", encoding="utf-8")
        said = await enter("er-al.txt")
        assert "bestaat al" in said and "Overschrijven" in said
        assert (out / "er-al.txt").read_text(encoding="utf-8") == "eerder"
        # What was chosen stays: tick Overwrite, Enter again, and it is written.
        dialog.query_one("#export-overwrite", Checkbox).value = True
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    assert (out / "er-al.txt").read_text(encoding="utf-8") != "eerder"
    assert sorted(p.name for p in out.iterdir()) == ["er-al.txt"]


async def test_a_typed_folder_in_the_error_line_is_not_markup(demo: Path) -> None:
    """The error line quotes the typed path: "[bold]" in a folder name is shown, not obeyed."""
    app = app_for(demo, passphrase=DEMO_PASSPHRASE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = await open_dialog(app)
        await pilot.pause()
        dialog.query_one("#export-destination", Input).value = "[bold]map[/bold]/uit.txt"
        dialog.query_one("#export-destination", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        shown = rendered(dialog.query_one("#export-error", Static))
        assert "[bold]map[/bold]" in shown.replace(" ", "") and "bestaat niet" in shown
