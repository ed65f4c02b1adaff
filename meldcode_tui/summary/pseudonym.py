"""Names the user marked as [[Name]] in any text, replaced by initials when asked."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial

# The marking convention (docs/EXPORT.md): a name written between double square brackets.
MARK = re.compile(r"\[\[([^\[\]\n]{1,120})\]\]")

# Dutch (and a few Belgian, French and German) surname particles: "Noëlle van den Berg" is
# found again as "Van den Berg", "van den Berg" and "Berg".
PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "ter",
        "ten",
        "te",
        "in",
        "op",
        "aan",
        "uit",
        "bij",
        "la",
        "le",
        "du",
        "da",
        "di",
        "dos",
        "del",
        "von",
        "zu",
    ]
)

# Anything that looks like an e-mail address names a person (noortje.devries@school.nl).
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# A genitive or plural after a name ("Noortjes fiets", "Noortje's moeder") is still the name.
_SUFFIX = r"(?P<suffix>['\u2019]s|['\u2019]|s)?"
_ANY_SUFFIX = r"(?:['\u2019]s|['\u2019]|s)?"


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


def _letters(word: str) -> str:
    """A word as a pattern that also matches it typed without accents (Noëlle, Noelle)."""
    out = []
    for ch in word:
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isalpha():
            out.append(f"[{re.escape(ch)}{re.escape(base)}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _words(text: str, *, fold: bool) -> str:
    """Words separated by any spacing; `fold` makes the comparison case-insensitive."""
    body = r"\s+".join(_letters(w) for w in text.split())
    return f"(?i:{body})" if fold else body


def _cased(word: str) -> str:
    """A word as typed, Capitalised or in CAPITALS, but never all lower case.

    A first name or surname that is also a word ("Roos", "Boer") then spares the word ("roos",
    "boer") while "ROOS" in a shouted note is still found.
    """
    variants = dict.fromkeys((word, word[:1].upper() + word[1:], word.upper()))
    return "(?:" + "|".join(_letters(v) for v in variants) + ")"


def _surname(surname: str) -> str:
    """Particles in any case ("Van den Berg" opens a sentence), the rest cased ("de boer" stays)."""
    out = []
    for token in re.split(r"(\s+|-)", surname):
        if not token:
            continue
        if token.isspace():
            out.append(r"\s+")
        elif token == "-":
            out.append(r"\s*-\s*")
        elif token.casefold() in PARTICLES:
            out.append(_words(token, fold=True))
        else:
            out.append(_cased(token))
    return "".join(out)


def _surname_groups(surname: str) -> list[tuple[str, str]]:
    """(group with its particles, core) per part of a (double) surname.

    "van der Berg-de Vries" -> [("van der Berg", "Berg"), ("de Vries", "Vries")];
    "Jansen van Dijk" -> [("Jansen", "Jansen"), ("van Dijk", "Dijk")].
    """
    groups: list[tuple[str, str]] = []
    pending: list[str] = []
    for token in re.split(r"[\s-]+", surname):
        if not token:
            continue
        if token.casefold() in PARTICLES:
            pending.append(token)
            continue
        groups.append((" ".join([*pending, token]), token))
        pending = []
    return groups


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    replacement: str
    length: int


class Pseudonymiser:
    """Replace every occurrence of a marked name (marked or not, anywhere in the case).

    Beside the full name (any case), a marked name also covers its first name on its own
    ("Noëlle"), its surname with or without particles ("Van den Berg", "Berg"), each part of a
    double surname, and a genitive or plural ("Noëlles"); those parts match as typed,
    Capitalised or in CAPITALS, so a name that is also a word ("Roos") spares the word ("roos").
    With pseudonymising on, every e-mail address is replaced by `email_text` too.
    """

    def __init__(
        self,
        names: Iterable[str],
        *,
        enabled: bool,
        email_text: str = "[e-mail]",
        replacements: Mapping[str, str] | None = None,
    ) -> None:
        self.enabled = enabled
        self.names = list(names)
        self.email_text = email_text
        # A name may get a fixed replacement instead of initials ("[naam derde]").
        self._fixed = dict(replacements or {})
        self._by_folded = {n.casefold(): self._fixed.get(n, initials(n)) for n in self.names}
        self._rules: list[_Rule] = []
        self._sources: list[str] = []
        # Every rule at once, only to see whether any applies: most texts name no one.
        self._any: re.Pattern[str] | None = None
        if enabled:
            self._build()
            if self._sources:
                self._any = re.compile(rf"(?<!\w)(?:{'|'.join(self._sources)}){_ANY_SUFFIX}(?!\w)")

    def _add(self, source: str, replacement: str, length: int) -> None:
        pattern = re.compile(rf"(?<!\w)(?:{source}){_SUFFIX}(?!\w)")
        self._rules.append(_Rule(pattern, replacement, length))
        self._sources.append(source)

    def _build(self) -> None:
        seen: set[str] = set()
        for name in self.names:
            words = name.split()
            fixed = self._fixed.get(name)

            def out(part: str, fixed: str | None = fixed) -> str:
                return fixed if fixed is not None else initials(part)

            self._add(_words(name, fold=True), out(name), len(name))
            if len(words) < 2:
                continue
            first, surname = words[0], " ".join(words[1:])
            if len(first) > 1 and first.casefold() not in PARTICLES:
                self._add(_cased(first), out(first), len(first))
            self._add(_surname(surname), out(surname), len(surname))
            for group, core in _surname_groups(surname):
                if group != core and group not in seen:
                    self._add(_surname(group), out(group), len(group))
                    seen.add(group)
                if len(core) > 2 and core not in seen:
                    self._add(_cased(core), out(core), len(core))
                    seen.add(core)
        # Longest first: "Noëlle van den Berg" is one set of initials, not three.
        self._rules.sort(key=lambda r: -r.length)

    def __call__(self, text: str) -> str:
        # Each step only where it can apply (a mark needs "[[", an address "@", a rule a
        # match): the same text out, without a dozen substitutions per note that find nothing.
        if not self.enabled:
            return MARK.sub(lambda m: m.group(1), text) if "[[" in text else text
        if "[[" in text:
            text = MARK.sub(lambda m: self._initials(m.group(1)), text)
        if self._any is not None and self._any.search(text) is not None:
            # No rule matching the text means no rule changes it, so none applies after
            # another one either; with one match, all apply in turn, longest first.
            for rule in self._rules:
                text = rule.pattern.sub(partial(_with_suffix, rule.replacement), text)
        return EMAIL.sub(self.email_text, text) if "@" in text else text

    def _initials(self, raw: str) -> str:
        name = " ".join(raw.split())
        return self._by_folded.get(name.casefold(), initials(name))


def _with_suffix(replacement: str, match: re.Match[str]) -> str:
    # "Noortjes fiets" -> "N.'s fiets": the genitive stays readable, the name does not.
    return replacement + ("'s" if match.group("suffix") else "")
