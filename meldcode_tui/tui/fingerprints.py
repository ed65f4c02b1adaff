"""Fingerprints drawn whole: a line break never falls inside one where the line can hold it.

A fingerprint (vault/identity.py) is read aloud to a colleague group by group to compare keys.
Textual breaks a line at any space, so the groups of a fingerprint in a sentence could end one
line and start the next ("… 3328" / "0064 …"), and the one read aloud last is easily missed.
Here every fingerprint in a text moves to the next line as a whole when the rest of the line
cannot hold it; a line narrower than a fingerprint (never a dialog at 80x24) still breaks only
between groups, as any 4-digit group is shorter than the line.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions

from meldcode_tui.vault.identity import FINGERPRINT_DIGITS, FINGERPRINT_GROUPS

GROUP = rf"\d{{{FINGERPRINT_DIGITS}}}"
FINGERPRINT = re.compile(rf"(?<!\d){GROUP}(?: {GROUP}){{{FINGERPRINT_GROUPS - 1}}}(?!\d)")
# A word for the layout below, with its blanks: a fingerprint whole (with what sticks to it, as
# in "(vingerafdruk 5901 … 8460)."), or a run of non-blanks.
_WORD = re.compile(rf"(?:\S*?{FINGERPRINT.pattern}\S*|\S+)\s*")


def _breaks(line: str, width: int) -> list[int]:
    """Where to start a new line: before a word the rest of the line cannot hold."""
    breaks: list[int] = []
    used = 0
    for word in _WORD.finditer(line):
        size = cell_len(word.group().rstrip())
        if used and used + size > width:
            breaks.append(word.start())
            used = 0
        used += cell_len(word.group())
    return breaks


class WholeFingerprints(Content):
    """Content laid out, at the width it is drawn at, with each fingerprint on one line.

    Only where the line breaks changes: Textual's own wrapping then finds nothing to break
    (a word wider than the line is still folded by it, as before).
    """

    @classmethod
    def of(cls, text: str | Text | Content) -> WholeFingerprints:
        if isinstance(text, Text):
            text = Content.from_rich_text(text)
        elif isinstance(text, str):
            text = Content(text)
        return cls(text.plain, list(text.spans))

    def laid_out(self, width: int) -> Content:
        """The same text and styles as plain Content, broken into lines for `width`."""
        if width <= 0 or not FINGERPRINT.search(self.plain):
            return Content(self.plain, list(self.spans))
        lines: list[Content] = []
        for line in self.split("\n", allow_blank=True):
            pieces = line.divide(_breaks(line.plain, width))
            lines.extend(piece.rstrip() for piece in pieces[:-1])
            lines.append(pieces[-1])
        return Content("\n").join(lines)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        pad = int(options.rules.get("line_pad", 0))
        return self.laid_out(width - 2 * pad).render_strips(width, height, style, options)

    def get_height(self, rules: RulesMap, width: int) -> int:
        pad = int(rules.get("line_pad", 0))
        return self.laid_out(width - 2 * pad).get_height(rules, width)


def whole(text: str | Text | Content) -> WholeFingerprints:
    """`text` to show, with the fingerprints in it kept whole on a line."""
    return WholeFingerprints.of(text)
