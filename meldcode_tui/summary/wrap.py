"""textwrap.wrap for the plain-text exports, the same lines in a fraction of the time.

textwrap walks a text one word and one space at a time in Python; a 500-note case made
several thousand such walks, most of the txt export's time. This takes a line at a time
with string searches instead. It gives exactly textwrap's lines for the options the exports
use (break_on_hyphens=False, everything else textwrap's default) whenever the text is
plain: no whitespace other than the ASCII space once tabs and line breaks are made spaces,
no leading space, and no word or run of spaces longer than a line. Any other text is handed
to textwrap itself, so the rare odd note costs what it always did.
"""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache

# What textwrap's replace_whitespace turns into a space (after expanding tabs).
_TO_SPACE = {ord(c): " " for c in "\t\n\x0b\x0c\r"}
_SPACES = re.compile(r" *")
# Whitespace textwrap's drop_whitespace sees (str.strip) but its splitter does not.
_ODD_SPACE = re.compile(r"[^\S ]")


@lru_cache(maxsize=64)
def _long_word(room: int) -> re.Pattern[str]:
    """A word that cannot fit on a line of `room` characters (a lone class: a fast search)."""
    return re.compile(f"[^ ]{{{room + 1}}}")


def _plain(t: str, room: int) -> bool:
    # Lone searches, not one alternation: Python's regex engine is several times slower
    # on "a|b|c" than on each alone, and this runs for every line of an export.
    if _ODD_SPACE.search(t) is not None:
        return False
    return len(t) <= room or (_long_word(room).search(t) is None and " " * (room + 1) not in t)


def _munged(text: str) -> str:
    """textwrap's _munge_whitespace: tabs expanded, then line breaks and the like spaces."""
    t = text.expandtabs(8) if "\t" in text else text
    # Most texts have none of them: looking is cheaper than translating.
    return t.translate(_TO_SPACE) if _ODD_SPACE.search(t) is not None else t


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """textwrap.wrap(text, width, initial_indent=..., subsequent_indent=...,
    break_on_hyphens=False): the same list of lines."""
    t = _munged(text)
    first, rest = width - len(initial_indent), width - len(subsequent_indent)
    room = min(first, rest)
    if room < 1 or t.startswith(" ") or not _plain(t, room):
        return textwrap.wrap(
            text,
            width=width,
            initial_indent=initial_indent,
            subsequent_indent=subsequent_indent,
            break_on_hyphens=False,
        )
    # Here every line starts at a word, and every word fits on a line of its own, so a
    # line ends at the last space that leaves it at most `avail` long (textwrap's greedy
    # fill, its trailing spaces dropped), and the spaces after it are dropped too.
    lines: list[str] = []
    end = len(t)
    p = 0
    indent, avail = initial_indent, first
    while p < end:
        if end - p <= avail:
            lines.append(indent + t[p:].rstrip(" "))
            break
        cut = p + avail
        if t[cut] != " ":
            # Inside a word or at its start: break before it (it fits on a line of its own).
            cut = t.rfind(" ", p, cut) + 1
        lines.append(indent + t[p:cut].rstrip(" "))
        p = _SPACES.match(t, cut).end()  # type: ignore[union-attr]
        indent, avail = subsequent_indent, rest
    return lines
