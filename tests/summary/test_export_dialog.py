"""The export dialog: choices change the preview, and the file written is the preview."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from export_case import CHILD, INTERPRETATION_HIDDEN, NOW, PASSPHRASE, Opened, make_store
from textual.app import App
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from meldcode_tui.settings import Settings
from meldcode_tui.store import Store
from meldcode_tui.summary.output import default_filename
from meldcode_tui.tui.app import make_app
from meldcode_tui.tui.screens.export_dialog import (
    ExportDialog,
    ExportRequest,
    ExportSource,
    write_export,
)

SIZE = (120, 50)


class Host(App[None]):
    """A bare app that shows the dialog and keeps what it returns."""

    def __init__(self, source: ExportSource) -> None:
        super().__init__()
        self.source = source
        self.result: ExportRequest | str | None = "not dismissed"

    def on_mount(self) -> None:
        self.push_screen(ExportDialog(self.source), self._done)

    def _done(self, result: ExportRequest | None) -> None:
        self.result = result


def source_for(opened: Opened, tmp_path: Path) -> ExportSource:
    folder = tmp_path / "exports"
    folder.mkdir(exist_ok=True)
    return ExportSource(
        flow=opened.flow,
        case=opened.case,
        evaluation=opened.evaluation,
        audit=opened.audit,
        now=NOW,
        folder=folder,
    )


def preview(app: App[None]) -> str:
    return app.screen.query_one("#export-preview", TextArea).text


async def test_choices_shape_the_preview_and_the_result(opened: Opened, tmp_path: Path) -> None:
    app = Host(source_for(opened, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Default: plain text for the record system, minimal layer.
        first = preview(app)
        assert first.startswith("=====") and "SAMENVATTING MELDCODE" in first
        assert INTERPRETATION_HIDDEN not in " ".join(first.split())
        await pilot.click("#layer-full")
        await pilot.pause()
        assert INTERPRETATION_HIDDEN in " ".join(preview(app).split())
        # Names are initials by default (issue 13); turning that off shows a warning.
        assert CHILD not in preview(app) and "N.v.d.B." in preview(app)
        assert str(app.screen.query_one("#export-names-warning", Static).content) == ""
        await pilot.click("#export-pseudonymise")
        await pilot.pause()
        assert CHILD in preview(app)
        warning = str(app.screen.query_one("#export-names-warning", Static).content)
        assert "namen staan voluit" in warning
        await pilot.click("#export-pseudonymise")
        await pilot.pause()
        assert CHILD not in preview(app) and "N.v.d.B." in preview(app)
        await pilot.click("#format-json")
        await pilot.pause()
        destination = app.screen.query_one("#export-destination", Input).value
        name = default_filename(opened.case.summary.id, "json", NOW.astimezone().date())
        assert destination == str(tmp_path / "exports" / name)
        data = json.loads(preview(app))
        assert data["layer"] == "full" and data["pseudonymised"] is True
        await pilot.click("#export-confirm")
        await pilot.pause()
    result = app.result
    assert isinstance(result, ExportRequest)
    assert (result.format, result.layer, result.pseudonymise, result.overwrite) == (
        "json",
        "full",
        True,
        False,
    )
    written = write_export(app.source, result)
    # What leaves the store is exactly what the preview showed.
    assert written.read_text(encoding="utf-8") == result.preview
    if os.name == "posix":
        assert stat.S_IMODE(written.stat().st_mode) == 0o600


async def test_escape_cancels(opened: Opened, tmp_path: Path) -> None:
    app = Host(source_for(opened, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None
    assert list((tmp_path / "exports").iterdir()) == []


async def test_empty_destination_is_refused(opened: Opened, tmp_path: Path) -> None:
    app = Host(source_for(opened, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#export-destination", Input).value = "  "
        await pilot.click("#export-confirm")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
    assert app.result == "not dismissed"


async def test_app_hook_writes_once_and_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, case_id, _ = make_store(tmp_path / "cases.meldcode")
    store.close()
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    settings = Settings(store_path=tmp_path / "cases.meldcode", passphrase=PASSPHRASE)
    app = make_app(settings.with_changes(idle_minutes=0), clock=lambda: NOW)
    target = out / default_filename(case_id, "txt", NOW.astimezone().date())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # F9 on the case list is the app's export hook.
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.source.case.summary.id == case_id
        shown = preview(app)
        await pilot.click("#export-confirm")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == shown
        messages = [n.message for n in app._notifications]
        assert any("NIET versleuteld" in m for m in messages)
        # A second export to the same name is refused without the overwrite box.
        app.open_export(case_id)
        await pilot.pause()
        await pilot.click("#export-confirm")
        await pilot.pause()
        assert any("bestaat al" in n.message for n in app._notifications)
    assert target.read_text(encoding="utf-8") == shown
    # The audit trail records the one export that happened, not the refused one.
    with Store.open(tmp_path / "cases.meldcode", PASSPHRASE) as reopened:
        events = [e.event for e in reopened.audit() if e.case_id == case_id]
    assert events.count("summary_exported") == 1


async def test_a_record_system_preset_previews_what_a_parent_reads_and_copies(
    opened: Opened, tmp_path: Path
) -> None:
    app = Host(source_for(opened, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#format-md")
        app.screen.query_one("#export-preset", Select).value = "magister"
        await pilot.pause()
        label = str(app.screen.query_one("#export-preview-label", Static).content)
        assert label.startswith("Wat een ouder kan lezen")
        text = preview(app)
        assert text.startswith("Tekst voor Magister") and CHILD not in text
        await pilot.click("#export-copy")
        await pilot.pause()
    result = app.result
    assert isinstance(result, ExportRequest)
    # A preset is plain text: the format followed the choice.
    assert (result.preset, result.copy, result.format) == ("magister", True, "txt")
    assert result.preview == text
    assert list((tmp_path / "exports").iterdir()) == []  # copying writes nothing


async def test_ticking_an_interpretation_puts_it_in_the_record(
    opened: Opened, tmp_path: Path
) -> None:
    app = Host(source_for(opened, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Moeder staat open voor hulp" not in " ".join(preview(app).split())
        app.screen.query_one("#interp-afweging4_toelichting", Checkbox).value = True
        await pilot.pause()
        shown = " ".join(preview(app).split())
        assert "interpretatie van aandachtsfunctionaris: Moeder staat open voor hulp" in shown
        await pilot.click("#export-confirm")
        await pilot.pause()
    result = app.result
    assert isinstance(result, ExportRequest)
    assert result.interpretations == ("afweging4_toelichting",)
    written = write_export(app.source, result)
    assert written.read_text(encoding="utf-8") == result.preview


async def test_the_dialog_opens_in_the_configured_export_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, case_id, _ = make_store(tmp_path / "cases.meldcode")
    store.close()
    started, exports = tmp_path / "started-here", tmp_path / "exports"
    started.mkdir()
    exports.mkdir()
    monkeypatch.chdir(started)
    settings = Settings(
        store_path=tmp_path / "cases.meldcode", passphrase=PASSPHRASE, export_folder=exports
    )
    app = make_app(settings.with_changes(idle_minutes=0), clock=lambda: NOW)
    name = default_filename(case_id, "txt", NOW.astimezone().date())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.source.folder == exports
        assert app.screen.query_one("#export-destination", Input).value == str(exports / name)
        await pilot.click("#export-confirm")
        await pilot.pause()
    assert (exports / name).is_file() and not (started / name).exists()
