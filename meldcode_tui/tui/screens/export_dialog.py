"""Export dialog: format, layer, preset, names, destination, and a preview of what leaves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    RadioButton,
    RadioSet,
    Select,
    Static,
    TextArea,
)

from meldcode_tui.casework.export import (
    ExportRequest,
    ExportSource,
    export_case,
    load_source,
    opinion_questions,
    preview_text,
    record_export,
    write_export,
)
from meldcode_tui.flow import FlowError
from meldcode_tui.i18n import current_language, t
from meldcode_tui.os_errors import os_problem
from meldcode_tui.store import Store, StoreError
from meldcode_tui.store.files import NotAFile, TargetExists
from meldcode_tui.summary import DEFAULT_LAYER, FORMATS, LAYERS, Format, Layer
from meldcode_tui.summary.output import default_filename
from meldcode_tui.summary.presets import PRESETS, RECORD_SYSTEMS, preset_is_text_only
from meldcode_tui.summary.visibility import staff_route_taken
from meldcode_tui.tui.app_words import app_line
from meldcode_tui.tui.services import AppServices
from meldcode_tui.tui.text import literal, visible
from meldcode_tui.tui.widgets.choice import Choice, Tick

if TYPE_CHECKING:
    from textual.app import App

# The dialog's typed result and its source live in the headless export module.
__all__ = ["ExportDialog", "ExportRequest", "ExportSource", "open_export", "write_export"]


def _label(preset: str) -> str:
    return t(f"record.preset_{preset.replace('-', '_')}")


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Collects the export choices; the caller writes the file (see `open_export`)."""

    # Its own box rather than the shared `.dialog` one: the preview needs the whole screen.
    # The choices and the preview scroll; the error line and the buttons below them never do,
    # so Exporteren stays on screen at 80x24. Narrower than NARROW columns the three groups
    # of choices stack, each label on its full width.
    DEFAULT_CSS = """
    ExportDialog #export {
        width: 96%; height: 96%; border: round $primary; background: $surface; padding: 0 1;
    }
    ExportDialog #export-body { height: 1fr; }
    ExportDialog #export-options { height: auto; }
    ExportDialog RadioSet { width: 1fr; height: auto; }
    ExportDialog #export-right { width: 1fr; height: auto; }
    ExportDialog #export-right RadioSet { width: 100%; }
    ExportDialog #export-where { height: auto; }
    ExportDialog #export-where Static { width: auto; padding: 1 1 0 0; }
    ExportDialog #export-destination { width: 1fr; }
    ExportDialog #export-overwrite { width: auto; }
    ExportDialog #export-preview { height: 12; }
    ExportDialog #export-warning { color: $text-warning; text-style: bold; }
    ExportDialog #export-names-warning { color: $text-warning; height: auto; }
    ExportDialog #export-third { width: 1fr; height: auto; }
    ExportDialog #export-preset { height: 3; }
    ExportDialog #export-interpretations {
        height: auto; max-height: 8; border: round $primary-lighten-2; padding: 0 1;
    }
    ExportDialog #export-interpretations Checkbox {
        border: none; height: auto; width: 100%; padding: 0;
    }
    ExportDialog #export-interpretations-help { color: $text-muted; }
    ExportDialog #export-error { height: auto; }
    ExportDialog #export-buttons { height: auto; margin: 0; }
    ExportDialog.-narrow #export-options { layout: vertical; }
    ExportDialog.-narrow #export-where { layout: vertical; }
    ExportDialog.-narrow #export-where Static { padding: 0; }
    ExportDialog.-narrow #export-destination { width: 100%; }
    """
    # Below this many columns the choices stack (an 80-column terminal among them).
    NARROW = 110
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(
        self,
        source: ExportSource,
        *,
        organisation: str | None = None,
        author: str | None = None,
        submit: Callable[[ExportRequest], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        # Writes the file while the dialog is open and returns what went wrong (None: done),
        # so a bad folder or an existing file is said here and the choices stay as they are.
        # Without it the dialog returns the request for the caller to write.
        self.submit = submit
        self.organisation = organisation
        self.author = author
        self.chosen_format: Format = "txt"
        self.chosen_layer: Layer = DEFAULT_LAYER["txt"]
        self.chosen_preset: str | None = None
        staff = staff_route_taken(source.flow, source.evaluation)
        # The staff-file summary exists only for a case on the staff route.
        self.presets: tuple[str | None, ...] = (
            None,
            *(p for p in PRESETS if staff or p != "personeelsdossier"),
        )

    def _default_path(self, fmt: Format) -> str:
        name = default_filename(
            self.source.case.summary.id, fmt, self.source.now.astimezone().date()
        )
        return str(self.source.folder / name)

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Static(t("export.dialog_title"), classes="dialog-title")
            # Which case is exported: the dialog covers the wizard's header that names it.
            summary = self.source.case.summary
            yield Static(
                literal(t("export.dialog_case", title=summary.title, case=summary.id)),
                id="export-case",
            )
            with VerticalScroll(id="export-body"):
                yield from self._choices()
            # Its lines quote the typed path: a "[" in a folder name is not markup.
            yield Static("", id="export-error", classes="dialog-error", markup=False)
            with Horizontal(id="export-buttons", classes="dialog-buttons"):
                yield Button(t("export.confirm"), id="export-confirm", variant="primary")
                yield Button(t("record.copy"), id="export-copy")
                yield Button(t("export.cancel"), id="export-cancel")

    def _choices(self) -> ComposeResult:
        yield Static(t("export.warning"), id="export-warning")
        with Horizontal(id="export-options"):
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield Choice(
                        t(f"export.format_{fmt}"),
                        value=fmt == self.chosen_format,
                        id=f"format-{fmt}",
                    )
            with Vertical(id="export-right"):
                with RadioSet(id="export-layer"):
                    for layer in LAYERS:
                        yield Choice(
                            t(f"export.layer_{layer}_choice"),
                            value=layer == self.chosen_layer,
                            id=f"layer-{layer}",
                        )
                yield Tick(t("export.pseudonymise"), value=True, id="export-pseudonymise")
            with Vertical(id="export-third"):
                yield Select(
                    [(_label(p or "summary"), p or "summary") for p in self.presets],
                    value="summary",
                    allow_blank=False,
                    id="export-preset",
                )
                opinions = opinion_questions(self.source)
                if opinions:
                    # Unticked, an interpretation stays out of the record (issue 13).
                    with VerticalScroll(id="export-interpretations"):
                        # A line of its own, not the border title: that one is cut off.
                        yield Static(
                            t("record.tick_interpretations"), id="export-interpretations-help"
                        )
                        for qid, label in opinions:
                            yield Tick(label, value=False, id=f"interp-{qid}")
        warning = Static("", id="export-names-warning")
        warning.display = False
        yield warning
        with Horizontal(id="export-where"):
            yield Static(t("export.destination"))
            yield Input(self._default_path(self.chosen_format), id="export-destination")
            yield Tick(t("export.overwrite"), id="export-overwrite")
        yield Static(t("export.preview"), id="export-preview-label", classes="dialog-help")
        yield TextArea(self._preview(), read_only=True, soft_wrap=False, id="export-preview")

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width < self.NARROW, "-narrow")
        # The preview fills what the choices leave on a tall screen; a few lines (scrolled
        # to, under the choices) on a small one.
        rows = max(6, height - (30 if width < self.NARROW else 24))
        self.query_one("#export-preview", TextArea).styles.height = rows

    def on_mount(self) -> None:
        self._fit(self.app.size.width, self.app.size.height)
        self.query_one("#export-format", RadioSet).focus()

    def _pseudonymise(self) -> bool:
        return self.query_one("#export-pseudonymise", Checkbox).value

    def _ticked(self) -> tuple[str, ...]:
        if not self.is_mounted:
            return ()
        return tuple(
            qid
            for qid, _ in opinion_questions(self.source)
            if self.query_one(f"#interp-{qid}", Checkbox).value
        )

    def _request(
        self,
        destination: Path,
        *,
        pseudonymise: bool = True,
        overwrite: bool = False,
        preview: str = "",
        copy: bool = False,
    ) -> ExportRequest:
        return ExportRequest(
            format=self.chosen_format,
            destination=destination,
            layer=self.chosen_layer,
            pseudonymise=pseudonymise,
            overwrite=overwrite,
            preview=preview,
            preset=self.chosen_preset,
            copy=copy,
            interpretations=self._ticked(),
            organisation=self.organisation,
            author=self.author,
        )

    def _preview(self, pseudonymise: bool = True) -> str:
        return preview_text(self.source, self._request(Path(), pseudonymise=pseudonymise))

    def _refresh_preview(self) -> None:
        label = "export.preview_pdf" if self.chosen_format == "pdf" else "export.preview"
        if self.chosen_preset in (*RECORD_SYSTEMS, "inzage") or (
            self.chosen_preset is None and self.chosen_layer == "record"
        ):
            label = "record.preview_parent"
        self.query_one("#export-preview-label", Static).update(t(label))
        names = "" if self._pseudonymise() else t("record.names_full_tui")
        warning = self.query_one("#export-names-warning", Static)
        warning.update(names)
        warning.display = bool(names)
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

    @on(Checkbox.Changed, "#export-interpretations Checkbox")
    def _interpretation_ticked(self) -> None:
        self._refresh_preview()

    @on(Select.Changed, "#export-preset")
    def _preset_changed(self, event: Select.Changed) -> None:
        self.chosen_preset = None if event.value == "summary" else str(event.value)
        if self.chosen_preset is not None and preset_is_text_only(self.chosen_preset):
            # The record-system texts and the call sheet are plain text.
            self.query_one("#format-txt", RadioButton).value = True
            self.chosen_format = "txt"
        self._refresh_preview()

    @on(Button.Pressed, "#export-copy")
    def _copy(self) -> None:
        self._finish(copy=True)

    @on(Button.Pressed, "#export-confirm")
    def _confirm(self) -> None:
        self._finish(copy=False)

    @on(Input.Submitted, "#export-destination")
    def _enter_in_file_name(self, event: Input.Submitted) -> None:
        # Enter where the name was typed does what the teacher expects: export.
        event.stop()
        self._finish(copy=False)

    def _say(self, message: str) -> None:
        self.query_one("#export-error", Static).update(message)

    def _finish(self, *, copy: bool) -> None:
        raw = self.query_one("#export-destination", Input).value.strip()
        if not raw:
            self._say(t("export.need_destination"))
            return
        destination = self._destination(raw, check_folder=not copy)
        if destination is None:
            return
        request = self._request(
            destination,
            pseudonymise=self._pseudonymise(),
            overwrite=self.query_one("#export-overwrite", Checkbox).value,
            preview=self.query_one("#export-preview", TextArea).text,
            copy=copy,
        )
        if self.submit is None:
            self.dismiss(request)
            return
        problem = self.submit(request)
        if problem is None:
            self.dismiss(None)
        else:
            self._say(problem)
            self.query_one("#export-destination", Input).focus()

    def _destination(self, raw: str, *, check_folder: bool) -> Path | None:
        """The file the name stands for, or None after saying (here) why it cannot be.

        Copying to the clipboard writes nothing, so its folder is not checked.
        """
        try:
            # "~name" for a user this computer does not know: a message, never a traceback.
            destination = Path(raw).expanduser()
        except RuntimeError:
            self._say(t("export_dialog.home_unknown", path=visible(raw)))
            return None
        if not destination.is_absolute():
            destination = self.source.folder / destination
        if not check_folder:
            return destination
        if destination.is_dir():
            self._say(t("export_dialog.is_folder", path=visible(str(destination))))
            return None
        if not destination.parent.is_dir():
            self._say(t("export_dialog.no_folder", folder=visible(str(destination.parent))))
            return None
        return destination

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
        app.notify(
            app_line("export.flow_missing", flow=visible(flow_id)), severity="error", markup=False
        )
    return None


def open_export(
    app: App[None], services: AppServices, store: Store, case_id: str, *, folder: Path | None = None
) -> None:
    """The app's export hook: the dialog writes through `deliver` and stays open on a problem.

    The file name is proposed in `folder`, else the settings' `export_folder`, else where the
    app was started; a configured folder that is gone is said when writing, not replaced.
    """
    start = folder or services.settings.export_folder or Path.cwd()
    source = _source(app, store, case_id, services.clock(), start)
    if source is None:
        return

    def deliver(request: ExportRequest) -> str | None:
        """Copy or write what the dialog shows; what went wrong, in one line, or None."""
        if request.copy:
            # OSC 52: most terminals put it on the clipboard; nothing is written to disk.
            app.copy_to_clipboard(request.preview)
            record_export(store, source, request, must_succeed=False)
            app.notify(t("record.copied"), timeout=15)
            return None
        shown_path = visible(str(request.destination))
        try:
            # The file first, then the audit record (a failure there loses no case data).
            lang = current_language()
            path = export_case(store, source, request, lang, record_must_succeed=False)
        except TargetExists:
            problem = t("export_dialog.exists", path=shown_path)
        except NotAFile:
            problem = t("export.not_a_file", path=shown_path)
        except PermissionError:
            problem = t("export_dialog.no_access", folder=visible(str(request.destination.parent)))
        except OSError as exc:
            reason = os_problem(exc)
            problem = app_line("export.write_failed", path=shown_path, reason=reason)
        else:
            layer = t(f"export.layer_{request.layer}")
            # The path is typed by the user: "[" in a folder name is not markup.
            app.notify(
                app_line(
                    "export.written", path=visible(str(path)), format=request.format, layer=layer
                ),
                markup=False,
            )
            app.notify(t("export.not_encrypted"), severity="warning", timeout=15)
            return None
        # Said in the dialog and as a notice, which stays readable if the dialog is closed.
        app.notify(problem, severity="error", markup=False)
        return problem

    settings = services.settings
    dialog = ExportDialog(
        source, organisation=settings.organisation, author=settings.author, submit=deliver
    )
    app.push_screen(dialog)
