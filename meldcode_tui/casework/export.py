"""Exporting a case's summary, headless: `meldcode export` and the F9 dialog both call this.

The dialog only collects an ExportRequest; opening the case, rendering (the summary itself or
a preset of summary/presets.py), writing the file privately and recording the export in the
audit trail all happen here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from meldcode_tui.casework.chronology import build_chronology
from meldcode_tui.casework.contacts import Contact, list_contacts
from meldcode_tui.flow import Evaluation, Flow, evaluate, get_flow
from meldcode_tui.i18n import current_language
from meldcode_tui.store import Store, StoreError
from meldcode_tui.store.files import write_private
from meldcode_tui.store.records import AuditEntry, Case
from meldcode_tui.summary import Format, Layer
from meldcode_tui.summary.presets import export_bytes
from meldcode_tui.summary.visibility import answered_opinions


@dataclass(frozen=True)
class ExportSource:
    """What an export needs of one case, opened once; nothing here is written anywhere.

    `folder` is where a relative destination (and the default file name) lands.
    """

    flow: Flow
    case: Case
    evaluation: Evaluation
    audit: Sequence[AuditEntry]
    now: datetime
    folder: Path
    # The address book when the export is made: a received case's sender is named by it
    # (casework/sender.py); None keeps the name recorded at receipt.
    contacts: Sequence[Contact] | None = None


@dataclass(frozen=True)
class ExportRequest:
    """The user's choices; `preview` is the text the dialog showed (empty from the CLI)."""

    format: Format
    destination: Path
    layer: Layer
    pseudonymise: bool
    overwrite: bool
    preview: str = ""
    # A preset of summary/presets.py (None: the summary itself), and "copy instead of write".
    preset: str | None = None
    copy: bool = False
    # Answers that invite an opinion, ticked for the record (summary/visibility.py).
    interpretations: tuple[str, ...] = ()
    # Printed on the export (Settings: MELDCODE_ORGANISATION, MELDCODE_AUTHOR, or flags).
    organisation: str | None = None
    author: str | None = None


def load_source(store: Store, case_id: str, now: datetime, folder: Path) -> ExportSource:
    """Open the case, its audit trail and its flow (StoreError, FlowError)."""
    case = store.get_case(case_id)
    audit = store.audit()
    flow = get_flow(case.summary.flow_id)
    return ExportSource(
        flow=flow,
        case=case,
        evaluation=evaluate(flow, case.answers, now=now),
        audit=audit,
        now=now,
        folder=folder,
        contacts=list_contacts(store),
    )


def opinion_questions(source: ExportSource, lang: str | None = None) -> list[tuple[str, str]]:
    """The answered questions that invite an opinion: each reaches the record only if ticked."""
    return answered_opinions(source.flow, source.evaluation, lang or current_language())


def export_data(source: ExportSource, request: ExportRequest, lang: str | None = None) -> bytes:
    # One builder for the preview and the file, so the preview shows what is written.
    lang = lang or current_language()
    return export_bytes(
        source.flow,
        source.case,
        source.evaluation,
        source.audit,
        fmt=request.format,
        preset=request.preset,
        layer=request.layer,
        pseudonymise=request.pseudonymise,
        interpretations=request.interpretations,
        lang=lang,
        now=source.now,
        organisation=request.organisation,
        author=request.author,
        chronology=build_chronology(
            source.flow, source.case, source.evaluation, lang, contacts=source.contacts
        ),
    )


def preview_text(source: ExportSource, request: ExportRequest, lang: str | None = None) -> str:
    """Exactly the text that leaves the store; for a PDF, its text version (same contents)."""
    if request.format == "pdf":
        from dataclasses import replace

        request = replace(request, format="txt")
    return export_data(source, request, lang).decode("utf-8")


def write_export(source: ExportSource, request: ExportRequest, lang: str | None = None) -> Path:
    """Render the chosen summary and write it privately (TargetExists, OSError)."""
    return write_private(
        request.destination, export_data(source, request, lang), overwrite=request.overwrite
    )


def record_export(
    store: Store, source: ExportSource, request: ExportRequest, *, must_succeed: bool = True
) -> None:
    """Record in the audit trail that a summary left the store (never what it held)."""
    try:
        store.record_export(source.case.summary.id, inspection=request.preset == "inzage")
    except StoreError:
        if must_succeed:
            raise


def export_case(
    store: Store,
    source: ExportSource,
    request: ExportRequest,
    lang: str,
    *,
    record_must_succeed: bool = True,
) -> Path:
    """Write the file, then record in the audit trail that a summary left the store.

    The record is made after the file exists and never says what it held. The CLI wants a
    failing record to be its one-line error (StoreError); the app has shown the file written
    and loses no case data when the record fails, so it passes `record_must_succeed=False`.
    A store opened only for reading (beside the app) is not written: the caller says so.
    """
    path = write_export(source, request, lang)
    if store.readonly:
        # Read beside the app: the audit is written by the app (or the next writer) from a
        # sealed note (store/beside.py); export_noted_beside says whether one was left.
        return path
    record_export(store, source, request, must_succeed=record_must_succeed)
    return path


def note_export_beside(store: Store, source: ExportSource, request: ExportRequest) -> bool:
    """After an export by a reader beside the app: leave the note; False if it could not."""
    try:
        store.note_export_beside(source.case.summary.id, inspection=request.preset == "inzage")
    except (OSError, StoreError):
        return False
    return True
