"""The PDF a school files: its organisation and author, event dates, two A4 pages at most."""

from __future__ import annotations

from export_case import NOW, Opened
from test_summary_pdf import flat, pdf_text

from meldcode_tui.summary.presets import export_bytes


def _pdf(opened: Opened, layer: str) -> bytes:
    return export_bytes(
        opened.flow,
        opened.case,
        opened.evaluation,
        opened.audit,
        fmt="pdf",
        preset=None,
        layer=layer,  # type: ignore[arg-type]
        now=NOW,
        organisation="OBS De Regenboog (fictief)",
        author="J. Jansen, mentor",
    )


def test_record_layer_pdf_fits_two_pages_with_school_author_and_appendix(opened: Opened) -> None:
    reader, text = pdf_text(_pdf(opened, "record"))
    body = flat(text)
    assert len(reader.pages) <= 2
    assert "Organisatie: OBS De Regenboog (fictief)" in body
    assert "Vastgelegd door: J. Jansen, mentor" in body
    # One role/date line per step, with the dates the user gave for what happened.
    assert body.count("Datum; vastgelegd door:") == len(opened.evaluation.path)
    # (the one "aandachtsfunctionaris, 4-3-2025" left is the source note's own line)
    assert body.count("aandachtsfunctionaris, 4-3-2025") == 1
    # The hashes come last, after the signature, with their event in words.
    assert body.index("Handtekening") < body.index("Bijlage: controlegegevens")
    assert "afspraak toegevoegd, hash" in body and "action_added" not in body
    assert "Noëlle" not in body and "N.v.d.B." in body


def test_full_layer_pdf_keeps_the_detail(opened: Opened) -> None:
    _, text = pdf_text(_pdf(opened, "full"))
    body = flat(text)
    assert body.count("aandachtsfunctionaris, 4-3-2025") >= 5  # who and when per answer
    assert "Verantwoordelijk volgens protocol" in body
    assert "casus aangemaakt, hash" in body
