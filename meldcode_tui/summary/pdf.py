"""A4 PDF of the summary with fpdf2 and the shipped DejaVu Sans font."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont
from fpdf.line_break import BREAKING_SPACE_SYMBOLS_STR, FORM_FEED, NBSP, SOFT_HYPHEN
from fpdf.util import FloatTolerance

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
# Characters fpdf2's write() treats specially (other breaking spaces, soft hyphens, form feed,
# no-break space): text holding one is left to write() itself, see `_Doc.flowing`.
_SPECIAL = frozenset(BREAKING_SPACE_SYMBOLS_STR.replace(" ", "") + SOFT_HYPHEN + FORM_FEED + NBSP)
# Characters `_Doc._break_lines` measures at once: more than a line holds.
_WINDOW = 256
# mm; a line this far inside its room cannot be pushed over it by float rounding.
_CLEARLY = 0.001


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
        # The record layer is set a little smaller: it must fit two A4 pages (issue 13).
        self.body = 9.0 if summary.layer == "record" else 10.0
        # Set solid (1.2 x the size) in the record layer, a little airier in the full one.
        self.leading = 0.45 if summary.layer == "record" else LINE / 10
        self.line_h = self.leading * self.body
        # The record layer is spaced tighter too; after a question and its answer least of
        # all, as the grey question already sets them apart.
        self.space = 0.6 if summary.layer == "record" else 1.0
        self.qa_gap = 0.4 if summary.layer == "record" else 1.0

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
        # Each distinct character looked up once, not every character of the text.
        missing = {ord(ch): "\ufffd" for ch in set(text) if ch != "\n" and ord(ch) not in cmap}
        return text.translate(missing) if missing else text

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
        size: float | None = None,
        style: str = "",
        color: tuple[int, int, int] = BLACK,
        first_offset: float = 0.0,
    ) -> None:
        size = self.body if size is None else size
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        height = self.leading * size
        full = self.epw - indent
        for i, line in enumerate(self.wrap(text, full - first_offset, full)):
            x = self.l_margin + indent + (first_offset if i == 0 else 0.0)
            if i > 0 or not first_offset:
                self.set_x(x)
            # cell(full, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT), see `line_cell`.
            self.line_cell(height, line)
            self.set_xy(self.l_margin, self.y + height)
        self.set_text_color(*BLACK)

    def line_cell(self, h: float, text: str) -> float:
        """Draw one line where cell(w, h, text) draws it, left-aligned; return its width.

        cell() builds fragments, copies the graphics state and measures the text again for
        every line, most of a long PDF's time. A line of ours needs none of that: no
        border, fill, link, markup or alignment. The page break is cell()'s (the new page
        keeps x), the text sits where cell() sets it (its padding in, the baseline 0.3 of
        the font size below the middle of the line) and x, y stay for the caller to move.
        """
        if self.will_page_break(h):
            x = self.x
            self.add_page(same=True)
            self.x = x
        if not text:
            return 0.0
        self.text(self.x + self.c_margin, self.y + 0.5 * h + 0.3 * self.font_size, text)
        font = self.current_font
        if not isinstance(font, TTFFont):
            return self.get_string_width(text)
        # fpdf2's own arithmetic (Fragment.get_width), so text that follows lines up alike.
        return sum(map(font.cw.__getitem__, map(ord, text))) * self.font_size_pt * 0.001 / self.k

    def flowing(self, h: float, text: str) -> None:
        """fpdf2's write(h, text), the same lines in the same places, in linear time.

        write() re-measures the whole line for every character it adds (a 500-note case
        took seconds per page). This breaks the lines as its MultiLineBreak does (greedy,
        at the last space, a word wider than the line cut, a space that overflows dropped),
        summing the font's integer glyph widths, then prints each line as write() does: a
        cell as wide as the room left, continuing where the text ended.
        """
        font = self.current_font
        if not isinstance(font, TTFFont) or self.char_spacing or self.font_stretching != 100:
            self.write(h, text)
            return
        if not text or not _SPECIAL.isdisjoint(text):
            self.write(h, text)
            return
        first = self.w - self.x - self.r_margin
        full = self.w - self.l_margin - self.r_margin
        lines = self._break_lines(font, text, first, full)
        for i, (line, _) in enumerate(lines):
            if i > 0:
                self.ln(h)
            # cell(room, h, line, new_x=XPos.WCONT, new_y=YPos.TOP), as write() prints it.
            x = self.x
            width = self.line_cell(h, line)
            if width:
                self.x = x + self.c_margin + width - self.c_margin
        if lines and lines[-1][1]:
            self.ln(h)

    def _break_lines(
        self, font: TTFFont, text: str, first: float, full: float
    ) -> list[tuple[str, bool]]:
        """MultiLineBreak.get_line for one plain fragment: (line, ended by a newline) each."""
        cw, size, k = font.cw, self.font_size_pt, self.k
        margin = float(self.c_margin)
        # Taken off twice, as MultiLineBreak does (one margin at a time, the same last bit).
        first, full = first - margin - margin, full - margin - margin
        lines: list[tuple[str, bool]] = []
        room = first
        start = i = 0  # the line is text[start:i]
        units: float = 0  # its width in glyph units (integers), as fpdf2 sums them
        space: int | None = None  # index of the line's last space
        forced: int | None = None
        glyphs = cw.__getitem__
        per_unit = size * 0.001 / k  # mm per glyph unit

        slow = 0  # text[i:slow] is measured one character at a time
        newline = -1  # the next newline at or after i (len(text) if none)
        while i < len(text):
            ch = text[i]
            if i >= slow and ch != "\n":
                # Every character clearly inside the line at once (prefix sums, then a
                # bisection): _CLEARLY inside is far more than fpdf2's tolerance, so no
                # rounding can matter. The one the line may break at goes one at a time.
                if newline < i:
                    newline = text.find("\n", i)
                    newline = len(text) if newline < 0 else newline
                seg = text[i : min(newline, i + _WINDOW)]
                ends = list(accumulate(map(glyphs, map(ord, seg)), initial=units))
                fit = bisect_right(ends, (room - _CLEARLY) / per_unit) - 1
                if fit > 0:
                    last_space = seg.rfind(" ", 0, fit)
                    if last_space >= 0:
                        space = i + last_space
                    units = ends[fit]
                    i += fit
                    continue
                slow = i + 1
            if ch == "\n":
                lines.append((text[start:i], True))
                i += 1
                start, units, space, room = i, 0, None, full
                continue
            # The same float arithmetic as Fragment.get_width, so the same lines come out.
            width = units * size * 0.001 / k
            glyph = cw[ord(ch)] * size * 0.001 / k
            if FloatTolerance.greater_than(width + glyph, room):
                room = full
                if ch == " ":
                    lines.append((text[start:i], False))
                    i += 1
                elif space is not None:
                    lines.append((text[start:space], False))
                    i = space + 1
                else:
                    if forced == i:
                        raise ValueError("a character wider than the page")
                    forced = i
                    lines.append((text[start:i], False))
                start, units, space, slow = i, 0, None, 0
                continue
            if ch == " ":
                space = i
            units += cw[ord(ch)]
            i += 1
        if units:
            lines.append((text[start:], False))
        return lines

    def keep(self, needed: float) -> None:
        """Start a new page rather than leave a heading alone at the bottom."""
        if self.get_y() + needed > self.page_break_trigger:
            self.add_page()


def _heading(doc: _Doc, block: Heading, needed: float = 22) -> None:
    size = {1: 16.0, 2: 13.0 if doc.body >= 10 else 12.0}.get(block.level, doc.body + 1.0)
    doc.keep(needed if block.level > 1 else 0)
    doc.ln({1: 0, 2: 4}.get(block.level, 2) * doc.space)
    doc.lines(block.text, size=size, style="B")
    if block.level <= 2:
        y = doc.get_y() + 0.5
        doc.set_draw_color(*GREY)
        doc.line(doc.l_margin, y, doc.w - doc.r_margin, y)
    doc.ln(2 * doc.space)


def _field(doc: _Doc, block: Field) -> None:
    label = doc.clean(block.label) + ": "
    doc.set_font(FONT, "B", doc.body)
    label_w = doc.get_string_width(label)
    doc.set_font(FONT, "", doc.body)
    fits = "\n" not in block.value and label_w + doc.get_string_width(block.value) <= doc.epw
    doc.set_font(FONT, "B", doc.body)
    if label_w > doc.epw / 2 and not fits:
        doc.lines(label, style="B")
        doc.lines(block.value, indent=6)
        return
    doc.keep(doc.line_h)
    doc.cell(label_w, doc.line_h, label)
    doc.lines(block.value, indent=6, first_offset=label_w - 6)


def _flow(doc: _Doc, indent: float, *parts: tuple[str, str, tuple[int, int, int]]) -> None:
    """Texts in their own style and colour, wrapped as one paragraph (fpdf2's write())."""
    margin = doc.l_margin
    doc.set_left_margin(margin + indent)
    doc.set_x(margin + indent)
    for text, style, color in parts:
        doc.set_font(FONT, style, doc.body)
        doc.set_text_color(*color)
        doc.flowing(doc.line_h, doc.clean(text))
    doc.set_text_color(*BLACK)
    doc.set_left_margin(margin)
    doc.ln(doc.line_h)


def _qa(doc: _Doc, block: QA) -> None:
    """Question and answer in one flowing paragraph: half the lines of one line each."""
    doc.keep(doc.line_h * 2)
    if len(block.answer) > 2000:
        # fpdf2's write() measures per line; a very long answer takes the linear wrapper.
        doc.lines(block.question, indent=5, color=GREY)
        doc.lines(block.answer, indent=9, style="B")
    else:
        _flow(doc, 5, (block.question.rstrip(), "", GREY), (" " + block.answer, "B", BLACK))
    if block.meta:
        doc.lines(block.meta, indent=9, size=8.5, color=GREY)
    doc.ln(doc.qa_gap)


def _signature(doc: _Doc, block: Signature) -> None:
    """Two labels with a line each per row (name, role / date, signature): a quarter page less."""
    rows = [block.labels[i : i + 2] for i in range(0, len(block.labels), 2)]
    doc.keep(14 * len(rows))
    doc.set_draw_color(*BLACK)
    half = doc.epw / 2
    for row in rows:
        doc.ln(6 * doc.space)
        y = doc.get_y() + doc.line_h
        for column, label in enumerate(row):
            x = doc.l_margin + column * half
            doc.set_xy(x, doc.get_y())
            doc.set_font(FONT, "", doc.body)
            doc.cell(25, doc.line_h, doc.clean(label) + ":")
            doc.line(x + 25, y, x + half - 5, y)
        doc.set_x(doc.l_margin)
        doc.ln(doc.line_h)


def render_pdf(summary: Summary) -> bytes:
    """The PDF file's bytes: A4, headings, page numbers, a signature block."""
    doc = _Doc(summary)
    doc.add_page()
    blocks = layout(summary)
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            # A signature block never starts on a page of its own, away from its heading.
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            # ... and a short closing section (the appendix) stays in one piece.
            rest = len(blocks) - i - 1
            needed = 50.0 if isinstance(after, Signature) else 22.0
            if rest <= 4:
                needed = 12.0 + 9.0 * rest
            _heading(doc, block, needed)
        elif isinstance(block, Field):
            _field(doc, block)
        elif isinstance(block, Para):
            doc.ln(1.5 * doc.space)
            doc.lines(block.text)
            doc.ln(1.5 * doc.space)
        elif isinstance(block, Item):
            indent = 5.0 + 6.0 * block.depth
            doc.keep(doc.line_h * 2)
            doc.set_font(FONT, "", doc.body)
            doc.set_x(doc.l_margin + indent - 4)
            doc.line_cell(doc.line_h, "\u2022")  # cell(4, doc.line_h, "\u2022")
            doc.set_x(doc.x + 4)
            if block.meta and len(block.text) <= 2000:
                # Who and when in grey, then the text, flowing on: one line instead of two.
                # The space opens the second part: write() may break a line only at a space.
                _flow(doc, indent, (block.meta + ":", "", GREY), (" " + block.text, "", BLACK))
            else:
                if block.meta:
                    doc.lines(block.meta, indent=indent, size=8.5, color=GREY, first_offset=0)
                doc.lines(block.text, indent=indent)
            doc.ln(0.8 * doc.space)
        elif isinstance(block, QA):
            _qa(doc, block)
        elif isinstance(block, Signature):
            _signature(doc, block)
    return bytes(doc.output())
