"""The PDF's own line breaking (issue 16) puts every word where fpdf2's write() put it.

`_Doc.flowing` replaces fpdf2's write() for notes and answers, which re-measured the whole
line per character (seconds per page on a 500-note case). A reader must see the same lines:
each text is set both ways, and the drawn text (position and glyphs) must be the same.
"""

from __future__ import annotations

import re
import zlib
from types import SimpleNamespace
from typing import Any

from meldcode_tui.summary.pdf import FONT, _Doc

TEXTS = [
    "Fictieve leerling vertelde op het plein dat het thuis onrustig is. " * 12,
    "Twee  spaties  tussen  woorden  en   drie " * 8,
    "Eenheelerglangwoordzonderspatiesdatnietopeenregelpastenwordtafgebroken" * 4,
    "Regel een\nRegel twee\n\nNa een lege regel\n",
    "   begint met spaties en eindigt met spaties   ",
    " " * 120 + "woord na veel spaties",
    "Überweisung, café, naïef, coördinatie, ĳs, € 12,50 — “aanhalingstekens”. " * 6,
    "x" * 900,
    "Kort.",
    " ",
    "\n",
]
# Where the text starts on its first line: at the margin, after a label, near the right edge.
OFFSETS = [0.0, 37.5, 166.0]


def _doc() -> _Doc:
    summary: Any = SimpleNamespace(lang="nl", case_ref="test", layer="full")
    doc = _Doc(summary)
    doc.add_page()
    doc.set_font(FONT, "", 10)
    return doc


def _drawn(doc: _Doc) -> list[tuple[str, bytes]]:
    """Every piece of text drawn on the pages: where it starts and its glyphs."""
    out = bytes(doc.output())
    drawn = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", out, re.S):
        try:
            content = zlib.decompress(raw)
        except zlib.error:
            continue
        for x, y, glyphs in re.findall(
            rb"BT ([\d.]+) ([\d.]+) Td (?:[^(]*)\((.*?)\) Tj", content, re.S
        ):
            if glyphs:  # write() also draws empty strings; no reader sees them
                drawn.append((f"{x.decode()} {y.decode()}", glyphs))
    return drawn


def _set(texts: list[tuple[str, float]], *, fast: bool) -> list[tuple[str, bytes]]:
    """Each text from its offset, then a bold part flowing on, as a note's meta and text."""
    doc = _doc()
    doc.set_left_margin(doc.l_margin + 5)
    for text, offset in texts:
        doc.ln(doc.line_h)
        doc.set_x(doc.l_margin + offset)
        for part, style in ((text, ""), (" en verder " + text[:200], "B")):
            doc.set_font(FONT, style, 10)
            if fast:
                doc.flowing(doc.line_h, part)
            else:
                doc.write(doc.line_h, part)
    return _drawn(doc)


def test_lines_break_where_fpdf2_breaks_them() -> None:
    # One document each way (fonts load once): every text from every offset.
    texts = [(text, offset) for text in TEXTS for offset in OFFSETS]
    fast, slow = _set(texts, fast=True), _set(texts, fast=False)
    assert len(fast) > 200
    assert fast == slow


def test_a_long_note_goes_over_pages_the_same_way() -> None:
    text = "Fictieve notitie: waargenomen op het plein, verteld aan de mentor. " * 150
    fast = _set([(text, 0.0)], fast=True)
    assert len(fast) > 100  # lines, over more than one page
    assert fast == _set([(text, 0.0)], fast=False)
