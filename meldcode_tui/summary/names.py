"""Does a case title look like a child's full name? Then suggest initials or a group code."""

from __future__ import annotations

import re

from meldcode_tui.summary.pseudonym import MARK, PARTICLES, initials

# A capitalised word: "Jesse", "Anne-Marie", "Özdemir", "O'Neill".
_CAP = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'\u2019]+(?:-[A-ZÀ-ÖØ-Þa-zß-öø-ÿ][a-zß-öø-ÿ]+)*"
_PARTICLE = "|".join(sorted((re.escape(p) for p in PARTICLES), key=len, reverse=True))
# First name, any particles, surname(s): "Jesse de Vries", "Eva van der Berg-Jansen".
FULL_NAME = re.compile(
    rf"(?<!\w)(?P<name>{_CAP}(?:\s+(?i:{_PARTICLE}))*\s+{_CAP}(?:\s+(?:(?i:{_PARTICLE})\s+)*{_CAP})*)(?!\w)"
)

# Capitalised words a title often holds that are not names (so "Veilig Thuis" is no child).
NOT_NAMES = frozenset(
    [
        "demo",
        "zorg",
        "zorgen",
        "casus",
        "dossier",
        "groep",
        "klas",
        "leerling",
        "leerlingen",
        "mentor",
        "mentoraat",
        "school",
        "veilig",
        "thuis",
        "meldcode",
        "basismodel",
        "onderwijs",
        "kindveiligheid",
        "safeguarding",
        "api",
        "signalen",
        "vermoeden",
        "melding",
        "advies",
        "gesprek",
        "huiselijk",
        "geweld",
        "kindermishandeling",
        "monitoring",
        "broer",
        "zus",
        "moeder",
        "vader",
        "ouders",
        "gezin",
        "kind",
        "kinderen",
        "jongen",
        "meisje",
        "pupil",
        "child",
        "case",
        "concern",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
)


def full_names(title: str) -> list[str]:
    """The runs of the title that read as a first name followed by a surname."""
    plain = MARK.sub(lambda m: m.group(1), title)
    found: list[str] = []
    for match in FULL_NAME.finditer(plain):
        # Drop leading and trailing title words: "Zorg Jesse de Vries" is still Jesse de Vries.
        raw = match.group("name").split()
        while raw and raw[0].casefold() in NOT_NAMES:
            raw = raw[1:]
        while raw and raw[-1].casefold() in NOT_NAMES:
            raw = raw[:-1]
        words = [w for w in raw if w.casefold() not in PARTICLES]
        if len(words) >= 2 and raw[0].casefold() not in PARTICLES:
            found.append(" ".join(raw))
    return found


def title_suggestion(title: str) -> str | None:
    """The title with each full name as initials, or None when no full name is found.

    "Jesse de Vries" -> "J.d.V."; "Zorg om [[Noëlle van den Berg]], groep 7" -> "Zorg om
    N.v.d.B., groep 7". The caller adds the other suggestion: a group code such as "7B-03".
    """
    names = full_names(title)
    if not names:
        return None
    suggestion = MARK.sub(lambda m: m.group(1), title)
    for name in sorted(names, key=len, reverse=True):
        suggestion = suggestion.replace(name, initials(name))
    return suggestion
