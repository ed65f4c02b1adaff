"""Exporting a case's summary, headless: `meldcode export` and the F9 dialog both call this.

The dialog only collects an ExportRequest; opening the case, rendering, writing the file
privately and recording the export in the audit trail all happen here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from meldcode_tui.flow import Evaluation, Flow, evaluate, get_flow
from meldcode_tui.i18n import current_language
from meldcode_tui.store import Store, StoreError
from meldcode_tui.store.files import write_private
from meldcode_tui.store.records import AuditEntry, Case
from meldcode_tui.summary import Format, Layer, Summary, build_summary, render, render_txt


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


@dataclass(frozen=True)
class ExportRequest:
    """The user's choices; `preview` is the text the dialog showed (empty from the CLI)."""

    format: Format
    destination: Path
    layer: Layer
    pseudonymise: bool
    overwrite: bool
    preview: str = ""


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
    )


def summary_for(source: ExportSource, layer: Layer, pseudonymise: bool, lang: str) -> Summary:
    # One builder for the preview and the file, so the preview shows what is written.
    return build_summary(
        source.flow,
        source.case,
        source.evaluation,
        source.audit,
        lang=lang,
        layer=layer,
        pseudonymise=pseudonymise,
        now=source.now,
    )


def preview_text(
    source: ExportSource, fmt: Format, layer: Layer, pseudonymise: bool, lang: str
) -> str:
    """Exactly the text that leaves the store; for a PDF, its text version (same contents)."""
    summary = summary_for(source, layer, pseudonymise, lang)
    if fmt == "pdf":
        return render_txt(summary)
    return render(summary, fmt).decode("utf-8")


def write_export(source: ExportSource, request: ExportRequest, lang: str | None = None) -> Path:
    """Render the chosen summary and write it privately (TargetExists, OSError)."""
    summary = summary_for(source, request.layer, request.pseudonymise, lang or current_language())
    return write_private(
        request.destination, render(summary, request.format), overwrite=request.overwrite
    )


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
        return path
    try:
        store.record_export(source.case.summary.id)
    except StoreError:
        if record_must_succeed:
            raise
    return path
