"""Export dialog: format, layer, names, destination, and a preview of what leaves the store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static, TextArea

from meldcode_tui.casework.export import (
    ExportRequest,
    ExportSource,
    export_case,
    load_source,
    preview_text,
    write_export,
)
from meldcode_tui.flow import FlowError
from meldcode_tui.i18n import current_language, t
from meldcode_tui.store import Store, StoreError
from meldcode_tui.store.files import TargetExists
from meldcode_tui.summary import DEFAULT_LAYER, FORMATS, LAYERS, Format, Layer
from meldcode_tui.summary.output import default_filename
from meldcode_tui.tui.services import AppServices
from meldcode_tui.tui.text import visible

if TYPE_CHECKING:
    from textual.app import App

# The dialog's typed result and its source live in the headless export module.
__all__ = ["ExportDialog", "ExportRequest", "ExportSource", "open_export", "write_export"]


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Collects the export choices; the caller writes the file (see `open_export`)."""

    # Its own box rather than the shared `.dialog` one: the preview needs the whole screen.
    DEFAULT_CSS = """
    ExportDialog #export {
        width: 96%; height: 96%; border: round $primary; background: $surface; padding: 0 1;
    }
    ExportDialog #export-options { height: auto; }
    ExportDialog RadioSet { width: 1fr; height: auto; }
    ExportDialog #export-right { width: 1fr; height: auto; }
    ExportDialog #export-right RadioSet { width: 100%; }
    ExportDialog #export-where { height: auto; }
    ExportDialog #export-where Static { width: auto; padding: 1 1 0 0; }
    ExportDialog #export-destination { width: 1fr; }
    ExportDialog #export-preview { height: 1fr; min-height: 5; }
    ExportDialog #export-warning { color: $text-warning; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, source: ExportSource) -> None:
        super().__init__()
        self.source = source
        self.chosen_format: Format = "txt"
        self.chosen_layer: Layer = DEFAULT_LAYER["txt"]

    def _default_path(self, fmt: Format) -> str:
        name = default_filename(
            self.source.case.summary.id, fmt, self.source.now.astimezone().date()
        )
        return str(self.source.folder / name)

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Static(t("export.dialog_title"), classes="dialog-title")
            yield Static(t("export.warning"), id="export-warning")
            with Horizontal(id="export-options"):
                with RadioSet(id="export-format"):
                    for fmt in FORMATS:
                        yield RadioButton(
                            t(f"export.format_{fmt}"),
                            value=fmt == self.chosen_format,
                            id=f"format-{fmt}",
                        )
                with Vertical(id="export-right"):
                    with RadioSet(id="export-layer"):
                        for layer in LAYERS:
                            yield RadioButton(
                                t(f"export.layer_{layer}_choice"),
                                value=layer == self.chosen_layer,
                                id=f"layer-{layer}",
                            )
                    yield Checkbox(t("export.pseudonymise"), id="export-pseudonymise")
            with Horizontal(id="export-where"):
                yield Static(t("export.destination"))
                yield Input(self._default_path(self.chosen_format), id="export-destination")
                yield Checkbox(t("export.overwrite"), id="export-overwrite")
            yield Static(t("export.preview"), id="export-preview-label", classes="dialog-help")
            yield TextArea(self._preview(), read_only=True, soft_wrap=False, id="export-preview")
            yield Static("", id="export-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("export.confirm"), id="export-confirm", variant="primary")
                yield Button(t("export.cancel"), id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-format", RadioSet).focus()

    def _pseudonymise(self) -> bool:
        return self.query_one("#export-pseudonymise", Checkbox).value

    def _preview(self, pseudonymise: bool = False) -> str:
        return preview_text(
            self.source, self.chosen_format, self.chosen_layer, pseudonymise, current_language()
        )

    def _refresh_preview(self) -> None:
        label = "export.preview_pdf" if self.chosen_format == "pdf" else "export.preview"
        self.query_one("#export-preview-label", Static).update(t(label))
        self.query_one("#export-preview", TextArea).load_text(self._preview(self._pseudonymise()))

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        old = self.chosen_format
        self.chosen_format = FORMATS[event.index]
        destination = self.query_one("#export-destination", Input)
        # Follow the format in the file name, unless the user typed a name of their own.
        if destination.value == self._default_path(old):
            destination.value = self._default_path(self.chosen_format)
        # The layer stays as the user set it: a silent switch to "full" would leak notes.
        self._refresh_preview()

    @on(RadioSet.Changed, "#export-layer")
    def _layer_changed(self, event: RadioSet.Changed) -> None:
        self.chosen_layer = LAYERS[event.index]
        self._refresh_preview()

    @on(Checkbox.Changed, "#export-pseudonymise")
    def _pseudonymise_changed(self) -> None:
        self._refresh_preview()

    @on(Button.Pressed, "#export-confirm")
    def _confirm(self) -> None:
        raw = self.query_one("#export-destination", Input).value.strip()
        if not raw:
            self.query_one("#export-error", Static).update(t("export.need_destination"))
            return
        destination = Path(raw).expanduser()
        if not destination.is_absolute():
            destination = self.source.folder / destination
        self.dismiss(
            ExportRequest(
                format=self.chosen_format,
                destination=destination,
                layer=self.chosen_layer,
                pseudonymise=self._pseudonymise(),
                overwrite=self.query_one("#export-overwrite", Checkbox).value,
                preview=self.query_one("#export-preview", TextArea).text,
            )
        )

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _source(
    app: App[None], store: Store, case_id: str, now: datetime, folder: Path
) -> ExportSource | None:
    """Open what the export needs; None (after saying why) if the case or its flow fails."""
    try:
        return load_source(store, case_id, now, folder)
    except StoreError:
        app.notify(t("export.case_unreadable"), severity="error")
    except FlowError:
        flow_id = store.get_case(case_id).summary.flow_id
        app.notify(t("export.flow_missing", flow=visible(flow_id)), severity="error", markup=False)
    return None


def open_export(
    app: App[None], services: AppServices, store: Store, case_id: str, *, folder: Path | None = None
) -> None:
    """The app's export hook: show the dialog, then write the file and say where it is."""
    source = _source(app, store, case_id, services.clock(), folder or Path.cwd())
    if source is None:
        return

    def done(request: ExportRequest | None) -> None:
        if request is None:
            return
        lang = current_language()
        try:
            # The file first, then the audit record (a failure there loses no case data).
            path = export_case(store, source, request, lang, record_must_succeed=False)
        except TargetExists:
            app.notify(
                t("export.exists", path=visible(str(request.destination))),
                severity="error",
                markup=False,
            )
            return
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            app.notify(
                t("export.write_failed", path=visible(str(request.destination)), reason=reason),
                severity="error",
                markup=False,
            )
            return
        layer = t(f"export.layer_{request.layer}")
        # The path is typed by the user: "[" in a folder name is not markup.
        app.notify(
            t("export.written", path=visible(str(path)), format=request.format, layer=layer),
            markup=False,
        )
        app.notify(t("export.not_encrypted"), severity="warning", timeout=15)

    app.push_screen(ExportDialog(source), done)
