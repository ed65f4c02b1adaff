"""Paths in the export dialog and in the commands' messages: never a traceback, never raw.

`~nouser/x` (a user this computer does not know) cannot be expanded: the dialog says so in
one line and stays open. A path with control characters is shown with visible stand-ins.
"""

from __future__ import annotations

from pathlib import Path

from export_case import NOW, Opened
from textual.app import App
from textual.widgets import Input, Static

from meldcode_tui.tui.screens.export_dialog import ExportDialog, ExportRequest, ExportSource

SIZE = (120, 50)


class Host(App[None]):
    def __init__(self, source: ExportSource) -> None:
        super().__init__()
        self.source = source
        self.result: ExportRequest | str | None = "not dismissed"

    def on_mount(self) -> None:
        self.push_screen(ExportDialog(self.source), self._done)

    def _done(self, result: ExportRequest | None) -> None:
        self.result = result


def _source(opened: Opened, folder: Path) -> ExportSource:
    folder.mkdir(exist_ok=True)
    return ExportSource(
        flow=opened.flow,
        case=opened.case,
        evaluation=opened.evaluation,
        audit=opened.audit,
        now=NOW,
        folder=folder,
    )


async def test_an_unknown_home_folder_is_one_clear_line(opened: Opened, tmp_path: Path) -> None:
    app = Host(_source(opened, tmp_path / "exports"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-destination", Input).value = "~geenzogebruiker\x1b[2J/x.txt"
        dialog._finish(copy=False)
        await pilot.pause()
        assert app.is_running and app._exception is None
        assert app.screen is dialog and app.result == "not dismissed"
        line = str(dialog.query_one("#export-error", Static).content)
        assert "kent die gebruiker niet" in line and "~geenzogebruiker" in line
        assert "\x1b" not in line  # the escape is shown as a stand-in, never sent
    assert list((tmp_path / "exports").iterdir()) == []
