"""A4 PDF of the summary with fpdf2 and the shipped DejaVu Sans font."""

from __future__ import annotations

import re
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from meldcode_tui.i18n import Translator
from meldcode_tui.summary.document import QA, Field, Heading, Item, Para, Signature, layout
from meldcode_tui.summary.model import Summary

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
MARGIN = 20.0  # mm; leaves room for a punch and a binder
LINE = 5.0  # mm per 10 pt line
GREY = (90, 90, 90)
BLACK = (0, 0, 0)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class _Doc(FPDF):
    """FPDF with our running header and the page footer."""

    def __init__(self, summary: Summary) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.tr = Translator(summary.lang)
        self.case_ref = summary.case_ref
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages()
        self.set_title(self.tr("summary.title"))
        self.set_creator("meldcode-tui")
        self._widths: dict[tuple[str, float, str], float] = {}

    def header(self) -> None:
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        text = f"{self.tr('summary.confidential')} - {self.tr('summary.title')} - {self.case_ref}"
        self.set_y(10)
        self.cell(0, 4, text, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(MARGIN)
        self.set_text_color(*BLACK)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        page = self.tr("summary.page", page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 4, page, align="C")
        self.set_text_color(*BLACK)

    # ------------------------------------------------------------------ text

    def clean(self, text: str) -> str:
        """Characters the font lacks become U+FFFD instead of vanishing or failing."""
        text = _CONTROL.sub(" ", text.replace("\t", "    "))
        font = self.current_font
        cmap = font.cmap if isinstance(font, TTFFont) else {}
        return "".join(ch if ch == "\n" or ord(ch) in cmap else "\ufffd" for ch in text)

    def width(self, ch: str) -> float:
        key = (self.font_style, self.font_size_pt, ch)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = self.get_string_width(ch)
        return found

    def wrap(self, text: str, first: float, rest: float) -> list[str]:
        """Greedy word wrap by glyph widths; a word wider than the line is cut.

        fpdf2's own multi_cell re-measures a line per character (quadratic), which
        takes minutes on a 1 MB note; this is linear.
        """
        lines: list[str] = []
        for para in self.clean(text).split("\n"):
            limit = first if not lines else rest
            line, used = "", 0.0
            for word in re.split(r"(\s+)", para):
                if not word:
                    continue
                if word.isspace():
                    word = " "
                w = sum(self.width(c) for c in word)
                if used + w <= limit or (word == " " and line):
                    line, used = line + word, used + w
                    continue
                if line.strip():
                    lines.append(line.rstrip())
                    limit = rest
                line, used = "", 0.0
                if word == " ":
                    continue
                while w > limit:
                    cut, cw = "", 0.0
                    for c in word:
                        if cw + self.width(c) > limit and cut:
                            break
                        cut, cw = cut + c, cw + self.width(c)
                    lines.append(cut)
                    limit = rest
                    word = word[len(cut) :]
                    w -= cw
                line, used = word, w
            lines.append(line.rstrip())
        return lines

    def lines(
        self,
        text: str,
        *,
        indent: float = 0.0,
        size: float = 10,
        style: str = "",
        color: tuple[int, int, int] = BLACK,
        first_offset: float = 0.0,
    ) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        height = LINE * size / 10
        full = self.epw - indent
        for i, line in enumerate(self.wrap(text, full - first_offset, full)):
            x = self.l_margin + indent + (first_offset if i == 0 else 0.0)
            if i > 0 or not first_offset:
                self.set_x(x)
            self.cell(full, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*BLACK)

    def keep(self, needed: float) -> None:
        """Start a new page rather than leave a heading alone at the bottom."""
        if self.get_y() + needed > self.page_break_trigger:
            self.add_page()


def _heading(doc: _Doc, block: Heading) -> None:
    size = {1: 16.0, 2: 13.0}.get(block.level, 11.0)
    doc.keep(30 if block.level > 1 else 0)
    doc.ln({1: 0, 2: 5}.get(block.level, 3))
    doc.lines(block.text, size=size, style="B")
    if block.level <= 2:
        y = doc.get_y() + 0.5
        doc.set_draw_color(*GREY)
        doc.line(doc.l_margin, y, doc.w - doc.r_margin, y)
    doc.ln(2)


def _field(doc: _Doc, block: Field) -> None:
    label = doc.clean(block.label) + ": "
    doc.set_font(FONT, "B", 10)
    label_w = doc.get_string_width(label)
    doc.set_font(FONT, "", 10)
    fits = "\n" not in block.value and label_w + doc.get_string_width(block.value) <= doc.epw
    doc.set_font(FONT, "B", 10)
    if label_w > doc.epw / 2 and not fits:
        doc.lines(label, style="B")
        doc.lines(block.value, indent=6)
        return
    doc.keep(LINE)
    doc.cell(label_w, LINE, label)
    doc.lines(block.value, indent=6, first_offset=label_w - 6)


def render_pdf(summary: Summary) -> bytes:
    """The PDF file's bytes: A4, headings, page numbers, a signature block."""
    doc = _Doc(summary)
    doc.add_page()
    for block in layout(summary):
        if isinstance(block, Heading):
            _heading(doc, block)
        elif isinstance(block, Field):
            _field(doc, block)
        elif isinstance(block, Para):
            doc.ln(1.5)
            doc.lines(block.text)
            doc.ln(1.5)
        elif isinstance(block, Item):
            indent = 5.0 + 6.0 * block.depth
            doc.keep(LINE * 2)
            doc.set_font(FONT, "", 10)
            doc.set_x(doc.l_margin + indent - 4)
            doc.cell(4, LINE, "\u2022")
            if block.meta:
                doc.lines(block.meta, indent=indent, size=8.5, color=GREY, first_offset=0)
            doc.lines(block.text, indent=indent)
            doc.ln(0.8)
        elif isinstance(block, QA):
            doc.keep(LINE * 2)
            doc.lines(block.question, indent=5, color=GREY)
            doc.lines(block.answer, indent=9, style="B")
            if block.meta:
                doc.lines(block.meta, indent=9, size=8.5, color=GREY)
            doc.ln(1)
        elif isinstance(block, Signature):
            doc.keep(16 * len(block.labels))
            doc.set_draw_color(*BLACK)
            for label in block.labels:
                doc.ln(7)
                doc.set_font(FONT, "", 10)
                doc.cell(35, LINE, doc.clean(label) + ":")
                y = doc.get_y() + LINE
                doc.line(doc.l_margin + 35, y, doc.l_margin + 120, y)
                doc.ln(LINE)
    return bytes(doc.output())
