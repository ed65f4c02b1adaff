"""`meldcode export CASE`: the decision summary as txt, md, pdf or json, and --print."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from meldcode_tui.cli.common import current_time, fail
from meldcode_tui.cli.options import CaseArg, PassFileOpt, StoreOpt
from meldcode_tui.cli.unlock import opened
from meldcode_tui.i18n import current_language, t
from meldcode_tui.os_errors import os_problem
from meldcode_tui.terminal_text import safe_line

if TYPE_CHECKING:
    from meldcode_tui.summary import Format, Layer


def _choice(value: str, choices: tuple[str, ...], key: str) -> str:
    if value not in choices:
        fail(t(key, value=value, choices=", ".join(choices)))
    return value


def send_to_printer(path: Path) -> str | None:
    """Hand a file to the system print service; the command used, or None if there is none."""
    if sys.platform == "win32":
        startfile = getattr(os, "startfile", None)
        if startfile is None:
            return None
        startfile(str(path), "print")
        return "startfile"
    for command in ("lp", "lpr"):
        exe = shutil.which(command)
        if exe is None:
            continue
        # An absolute path never starts with "-", so it is never read as an option.
        # The print service gets no MELDCODE_* variables: the passphrase may be among them.
        env = {k: v for k, v in os.environ.items() if not k.startswith("MELDCODE_")}
        done = subprocess.run(
            [exe, str(path.resolve())], capture_output=True, timeout=60, check=False, env=env
        )
        if done.returncode != 0:
            fail(t("export.print_failed", command=command, path=path))
        return command
    return None


def export(
    case_id: CaseArg,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="txt, md, pdf or json.", show_default=True)
    ] = "txt",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write. Default: meldcode-CASE-DATE.FORMAT here."
        ),
    ] = None,
    layer: Annotated[
        str | None,
        typer.Option(
            "--layer",
            help="record (minimal, for the pupil record) or full (all notes). "
            "Default: record for txt, md and json; full for pdf.",
        ),
    ] = None,
    pseudonymise: Annotated[
        bool,
        typer.Option(
            "--pseudonymise/--no-pseudonymise",
            help="Names marked as [[Name]] (and a full name in the title) as initials "
            "(the default).",
        ),
    ] = True,
    preset: Annotated[
        str | None,
        typer.Option(
            "--for",
            help="magister, parnassys or somtoday (text to paste), veilig-thuis (call sheet), "
            "inzage (a parent's inspection) or personeelsdossier (staff route: staff file).",
        ),
    ] = None,
    interpretation: Annotated[
        list[str] | None,
        typer.Option(
            "--interpretation",
            help="Question id of an answer that invites an opinion, to include in the record "
            "(repeat for more).",
        ),
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option(
            "--organisation", envvar="MELDCODE_ORGANISATION", help="School or organisation."
        ),
    ] = None,
    author: Annotated[
        str | None,
        typer.Option("--author", envvar="MELDCODE_AUTHOR", help="Who records it (name, role)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    print_it: Annotated[
        bool, typer.Option("--print", help="Send the PDF to the printer (lp/lpr, Windows).")
    ] = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Export a case's decision summary. The file is NOT encrypted."""
    # Imported here: the renderers (and fpdf2) load only when someone exports.
    from meldcode_tui.casework.export import (
        ExportRequest,
        export_case,
        load_source,
        note_export_beside,
    )
    from meldcode_tui.flow import FlowError
    from meldcode_tui.store.files import NotAFile, TargetExists, ordinary_or_absent
    from meldcode_tui.summary import DEFAULT_LAYER, FORMATS, LAYERS
    from meldcode_tui.summary.output import default_filename
    from meldcode_tui.summary.presets import PRESETS, preset_is_text_only, preset_options
    from meldcode_tui.summary.visibility import staff_route_taken

    fmt = _choice(fmt.lower(), FORMATS, "export.bad_format")
    chosen = _choice(layer.lower(), LAYERS, "export.bad_layer") if layer else DEFAULT_LAYER[fmt]
    if preset is not None:
        preset = _choice(preset.lower(), PRESETS, "record.bad_preset")
        if preset_is_text_only(preset) and fmt != "txt":
            fail(t("record.preset_text_only", preset=preset))
        chosen = preset_options(preset)[0]
    if print_it and fmt != "pdf":
        fail(t("export.print_needs_pdf"))
    # The shared clock: MELDCODE_NOW lets an audit re-create a summary as of a moment.
    now = current_time()
    # The case reference is the case id, so the default name is known before unlocking.
    target = output or Path(default_filename(case_id, fmt, now.astimezone().date(), preset))
    # Refuse a bad target before asking for a passphrase that could not help.
    if target.is_dir():
        fail(t("export.is_folder", path=target))
    if not target.parent.is_dir():
        fail(t("export.no_folder", path=target.parent))
    if not ordinary_or_absent(target):
        fail(t("export.not_a_file", path=target))
    if target.exists() and not force:
        fail(t("export.exists", path=target))
    lang = current_language()
    request = ExportRequest(
        format=cast("Format", fmt),
        destination=target,
        layer=cast("Layer", chosen),
        pseudonymise=pseudonymise,
        overwrite=force,
        preset=preset,
        interpretations=tuple(interpretation or ()),
        organisation=organisation,
        author=author,
    )
    with opened(store, passphrase_file, reader=True) as (unlocked, _):
        try:
            source = load_source(unlocked, case_id, now, Path.cwd())
        except FlowError:
            fail(t("export.flow_missing", flow=unlocked.get_case(case_id).summary.flow_id))
        if preset == "personeelsdossier" and not staff_route_taken(source.flow, source.evaluation):
            fail(t("record.no_staff_route"))
        try:
            # The audit trail records that a summary left the store (never what it held).
            export_case(unlocked, source, request, lang)
        except TargetExists:
            fail(t("export.exists", path=target))
        except NotAFile:
            fail(t("export.not_a_file", path=target))
        except OSError as exc:
            fail(t("export.write_failed", path=target, reason=os_problem(exc)))
        if unlocked.readonly:
            # Beside the app the store is only read: the app records the export later.
            noted = note_export_beside(unlocked, source, request)
            typer.echo(t("trust.export_noted" if noted else "security.export_not_logged"), err=True)
    typer.echo(
        t("export.written", path=safe_line(target), format=fmt, layer=t(f"export.layer_{chosen}"))
    )
    typer.echo(t("export.not_encrypted"), err=True)
    if not pseudonymise:
        typer.echo(t("record.names_full"), err=True)
    if print_it:
        command = send_to_printer(target)
        if command is None:
            typer.echo(t("export.no_printer", path=safe_line(target.resolve())))
        else:
            typer.echo(t("export.printed", command=command, path=safe_line(target.resolve())))
