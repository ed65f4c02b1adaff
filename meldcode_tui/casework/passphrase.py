"""How guessable a new passphrase is: one check for the welcome screen, `init` and `passwd`.

zxcvbn (Dropbox's estimator, pure Python, its word lists inside the package, no network) counts
the guesses an attacker with the usual lists would need. Its lists are English, so the Dutch
words people reach for first, and the words of this app's own world, go in as `user_inputs`:
zxcvbn then treats them as the cheapest words to guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from zxcvbn import zxcvbn

MIN_PASSPHRASE = 8
# zxcvbn's score: 0-1 fall to an online or fast offline attack; 2 is "somewhat guessable".
MIN_SCORE = 2
# zxcvbn refuses longer input (its time grows fast with the length); a passphrase whose first
# 72 characters pass is strong enough whatever follows.
ANALYSED_CHARS = 72

Strength = Literal["weak", "fair", "strong"]
Reason = Literal["common", "word", "keyboard", "repeat", "sequence", "date", "guessable"]

# Dutch words and names people reach for first, and the words of the app's own world.
# fmt: off
DUTCH_WORDS: tuple[str, ...] = (
    "wachtwoord", "wachtwoordzin", "welkom", "geheim", "hallo", "hoi", "doei", "inloggen",
    "liefde", "schat", "schatje", "lieverd", "prinses", "engel", "vriend", "vriendin", "familie",
    "gezin", "moeder", "vader", "mama", "papa", "opa", "oma", "kind", "kinderen", "zomer",
    "winter", "lente", "herfst", "vakantie", "zonneschijn", "regenboog", "sterren", "voetbal",
    "ajax", "feyenoord", "psv", "oranje", "holland", "nederland", "amsterdam", "rotterdam",
    "utrecht", "denhaag", "eindhoven", "groningen", "brabant", "friesland", "hond", "honden",
    "kat", "poes", "konijn", "paard", "paarden", "vogel", "beer", "muis", "school", "leerling",
    "leerlingen", "docent", "leraar", "lerares", "meester", "juf", "mentor", "klas", "rooster",
    "directeur", "zorg", "jeugd", "jongeren", "buurt", "meldcode", "veilig", "veiligheid",
    "thuis", "veiligthuis", "melding", "casus", "dossier", "signaal", "signalen",
    "kindermishandeling", "huiselijk", "geweld", "maandag", "dinsdag", "woensdag", "donderdag",
    "vrijdag", "zaterdag", "zondag", "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december", "computer", "laptop",
    "internet", "koffie", "chocolade", "appel", "banaan", "fiets", "auto", "huis", "tuin",
    "water", "bloem", "bloemen", "roos", "tulp", "zon", "maan", "ster", "hemel", "muziek",
)
# fmt: on


class PassphraseRefused(ValueError):
    """A new passphrase the store will not accept; `reason` says why, for one plain line."""

    reason: str

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PassphraseTooShort(PassphraseRefused):
    """Shorter than MIN_PASSPHRASE characters."""

    def __init__(self, minimum: int = MIN_PASSPHRASE) -> None:
        super().__init__("short")
        self.minimum = minimum


class PassphraseTooWeak(PassphraseRefused):
    """Long enough, but among the first guesses an attacker tries."""


@dataclass(frozen=True)
class Rating:
    strength: Strength
    # Why it is easy to guess (for a weak one): the part of it that gives it away.
    reason: Reason | None


def _reason(result: Mapping[str, Any]) -> Reason:
    """The kind of the weakest part zxcvbn found: what to tell the person to avoid."""
    kinds: list[Reason] = []
    for match in result.get("sequence", []):
        pattern = match.get("pattern")
        if pattern == "dictionary":
            common = match.get("dictionary_name") == "passwords"
            kinds.append("common" if common else "word")
        elif pattern == "spatial":
            kinds.append("keyboard")
        elif pattern in ("repeat", "sequence"):
            kinds.append(pattern)
        elif pattern in ("date", "regex"):
            kinds.append("date")
    order: tuple[Reason, ...] = ("common", "keyboard", "sequence", "repeat", "date", "word")
    return next((kind for kind in order if kind in kinds), "guessable")


def rate_passphrase(passphrase: str) -> Rating:
    """zxcvbn's verdict in three steps; the reason is given for a weak one only."""
    result = zxcvbn(passphrase[:ANALYSED_CHARS], user_inputs=list(DUTCH_WORDS))
    score = int(result["score"])
    if score < MIN_SCORE:
        return Rating("weak", _reason(result))
    return Rating("fair" if score == MIN_SCORE else "strong", None)


def check_new_passphrase(passphrase: str) -> Rating:
    """The rules a new passphrase must meet; returns its rating, or raises PassphraseRefused."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(MIN_PASSPHRASE)
    rating = rate_passphrase(passphrase)
    if rating.reason is not None:
        raise PassphraseTooWeak(rating.reason)
    return rating
