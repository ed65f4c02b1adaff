"""The PDF: A4, page numbers, the same facts as the text, Dutch characters, long notes wrap."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from export_case import (
    ACTIONS,
    COLLEAGUE,
    FACT,
    INTERPRETATION_HIDDEN,
    INTERPRETATION_MARKED,
    NOW,
    SOURCE,
    Opened,
)
from pypdf import PdfReader

from meldcode_tui.flow import evaluate
from meldcode_tui.store.records import Note
from meldcode_tui.summary import build_summary, render

A4_POINTS = (595.28, 841.89)


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_pdf_holds_the_facts_of_the_text_export(opened: Opened) -> None:
    summary = build_summary(
        opened.flow,
        opened.case,
        opened.evaluation,
        opened.audit,
        layer="full",
        now=NOW,
        pseudonymise=False,
    )
    reader, text = pdf_text(render(summary, "pdf"))
    body = flat(text)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_POINTS)
    pages = len(reader.pages)
    assert pages >= 2
    for n in range(1, pages + 1):
        assert f"Pagina {n} van {pages}" in body
    expected = [
        f"Casusreferentie (pseudoniem): {opened.case.summary.id}",
        "basismodel, versie 2019.2",
        "Besluit 1: melden bij Veilig Thuis noodzakelijk: ja",
        "Besluit 2: hulp bieden of organiseren (ook) mogelijk: ja",
        "Melden bij Veilig Thuis én hulp bieden of organiseren",
        "Stap 3: Gesprek met de betrokkene(n)",
        "Niet uitgevoerd, reden: De veiligheid van de betrokkene",
        "Wanneer heb je hierover overlegd met Veilig Thuis?",
        f"{COLLEAGUE}, aandachtsfunctionaris",
        "Noëlle van den Berg",
        "zij reageerde niet naïef maar bezorgd",
        "ideeën afgestemd",
        "vóór de melding",
        "A. Özdemir, directeur",
        FACT,
        INTERPRETATION_MARKED,
        INTERPRETATION_HIDDEN,
        SOURCE,
        ACTIONS[0][0],
        "uiterlijk 12-3-2025",
        "Vraag 5 opnieuw beantwoorden (monitoringsdatum): 2-6-2025",
        opened.audit[-1].entry_hash,
        "Ondertekening",
        "Handtekening:",
    ]
    for fact in expected:
        assert fact in body, fact
    # Nothing fell back to the replacement glyph: the shipped font has every character.
    assert "\ufffd" not in body


def test_record_layer_pdf_withholds_unmarked_interpretation(opened: Opened) -> None:
    summary = build_summary(
        opened.flow,
        opened.case,
        opened.evaluation,
        opened.audit,
        layer="record",
        now=NOW,
        pseudonymise=False,
    )
    _, text = pdf_text(render(summary, "pdf"))
    assert INTERPRETATION_MARKED in flat(text)
    assert INTERPRETATION_HIDDEN not in flat(text)


@pytest.mark.slow
def test_one_megabyte_note_wraps_across_pages(opened: Opened) -> None:
    # Words of every length, including one far wider than the page.
    chunk = "Zoë zag geïrriteerd een café. " + "x" * 400 + " "
    big = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    note = Note("big", "feit", big, "signalen", "mentor", datetime(2025, 3, 5, tzinfo=UTC))
    case = replace(opened.case, notes=[*opened.case.notes, note])
    evaluation = evaluate(opened.flow, case.answers, now=NOW)
    summary = build_summary(opened.flow, case, evaluation, opened.audit, layer="full", now=NOW)
    reader, text = pdf_text(render(summary, "pdf"))
    assert len(reader.pages) > 100
    # The 400-character word was cut to fit: no line of the PDF holds it whole.
    assert "x" * 400 not in text
    assert max(len(line) for line in text.splitlines()) < 120
    assert text.count("geïrriteerd") >= big.count("geïrriteerd") - 1
    assert "Pagina 1 van" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_pdf_renders_to_a4_images(opened: Opened, tmp_path: Path) -> None:
    summary = build_summary(
        opened.flow, opened.case, opened.evaluation, opened.audit, layer="full", now=NOW
    )
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(render(summary, "pdf"))
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=60
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(pdf).pages)
    # PNG header: width and height at 30 dpi for A4 (210 x 297 mm).
    head = pages[0].read_bytes()[16:24]
    width, height = int.from_bytes(head[:4], "big"), int.from_bytes(head[4:], "big")
    assert abs(width - 248) <= 1 and abs(height - 351) <= 1


def test_typed_page_alias_stays_as_typed(opened: Opened) -> None:
    # fpdf2's cell() replaces "{nb}" anywhere with the page count: a note saying "{nb}"
    # printed a number that was never typed. User text is drawn without that replacement.
    typed = "Op het briefje stond letterlijk {nb} en verder niets."
    note = Note("alias", "feit", typed, None, "mentor", datetime(2025, 3, 5, tzinfo=UTC))
    case = replace(opened.case, notes=[*opened.case.notes, note])
    evaluation = evaluate(opened.flow, case.answers, now=NOW)
    summary = build_summary(opened.flow, case, evaluation, opened.audit, layer="full", now=NOW)
    _, text = pdf_text(render(summary, "pdf"))
    assert typed in flat(text)
    pages = text.count("Pagina ")
    assert f"Pagina 1 van {pages}" in flat(text)  # the footer's own count still works
