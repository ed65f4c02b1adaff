"""Names the user marked as [[Name]] in any text, replaced by initials when asked."""

from __future__ import annotations

import re
from collections.abc import Iterable

# The marking convention (docs/EXPORT.md): a name written between double square brackets.
MARK = re.compile(r"\[\[([^\[\]\n]{1,120})\]\]")


def marked_names(texts: Iterable[str]) -> list[str]:
    """Every distinct name marked in the texts, longest first so "Jan de Vries" beats "Jan"."""
    found: dict[str, None] = {}
    for text in texts:
        for match in MARK.finditer(text):
            name = " ".join(match.group(1).split())
            if name:
                found[name] = None
    return sorted(found, key=lambda n: (-len(n), n))


def initials(name: str) -> str:
    """'Emma de Boer' -> 'E.d.B.'; 'Anne-Marie' -> 'A.-M.'."""
    parts = []
    for word in name.split():
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(p[0] + "." for p in pieces))
    return "".join(parts)


class Pseudonymiser:
    """Replace every occurrence of a marked name (marked or not, anywhere in the case).

    A marked full name also covers its first name on its own ("Noëlle" after
    "[[Noëlle van den Berg]]"), since notes name a child by first name; that match is
    case-sensitive so a first name that is also a word ("Roos") spares the word ("roos").
    """

    def __init__(self, names: Iterable[str], *, enabled: bool) -> None:
        self.enabled = enabled
        self.names = list(names)
        self._pattern: re.Pattern[str] | None = None
        self._first: re.Pattern[str] | None = None
        self._by_folded = {n.casefold(): initials(n) for n in self.names}
        self._first_names: dict[str, str] = {}
        for name in self.names:
            words = name.split()
            if len(words) > 1 and len(words[0]) > 1:
                self._first_names.setdefault(words[0], initials(words[0]))
        if enabled and self.names:
            # Whole words only, so "Jan" does not touch "Janssen"; spacing inside names may vary.
            alternatives = "|".join(
                r"\s+".join(re.escape(w) for w in n.split()) for n in self.names
            )
            self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        if enabled and self._first_names:
            firsts = "|".join(
                re.escape(w) for w in sorted(self._first_names, key=lambda w: (-len(w), w))
            )
            self._first = re.compile(rf"(?<!\w)(?:{firsts})(?!\w)")

    def __call__(self, text: str) -> str:
        if not self.enabled:
            return MARK.sub(lambda m: m.group(1), text)
        text = MARK.sub(lambda m: self._initials(m.group(1)), text)
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: self._initials(m.group(0)), text)
        if self._first is not None:
            text = self._first.sub(lambda m: self._first_names[m.group(0)], text)
        return text

    def _initials(self, raw: str) -> str:
        name = " ".join(raw.split())
        return self._by_folded.get(name.casefold(), initials(name))
