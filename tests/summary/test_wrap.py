"""summary/wrap.py gives textwrap's lines, for every text (the exports rely on it byte for byte)."""

from __future__ import annotations

import random
import textwrap

import pytest

from meldcode_tui.summary.wrap import wrap

# Words, the spaces between them and the characters where textwrap behaves differently.
ALPHABET = "aaaaabbbcé-. " + "     " + "\t\n\r\x0b\x0c\xa0\u2003\x1c"


def _expected(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text, width=width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


@pytest.mark.parametrize("seed", range(8))
def test_random_texts_wrap_as_textwrap_does(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(2500):
        alphabet = ALPHABET if rnd.random() < 0.3 else "aaaabbé-. "
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 120)))
        first = rnd.choice(("", "- ", "    ", "  "))
        rest = rnd.choice(("", "  ", "    ", "      "))
        # Wider than the indents: with less room textwrap itself can loop forever.
        width = max(len(first), len(rest)) + rnd.choice((1, 2, 3, 5, 8, 13, 20, 40, 74))
        assert wrap(text, width, first, rest) == _expected(text, width, first, rest), (
            text,
            width,
            first,
            rest,
        )


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "word",
        "word   ",
        "  leading spaces",
        "a" * 80,
        "a" * 81,
        "abcdefghi " + "x" * 30,
        "abcdefghi  " + "x" * 30,
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
        "Notitie 1: waargenomen op het plein, verteld aan de mentor. " * 3,
        "tab\there and\tthere, new\nline",
        "no\u00a0break space " * 10,
    ],
)
@pytest.mark.parametrize("width", [10, 11, 79, 80])
def test_edges_wrap_as_textwrap_does(text: str, width: int) -> None:
    for first, rest in (("", ""), ("- ", "  "), ("    ", "    ")):
        assert wrap(text, width, first, rest) == _expected(text, width, first, rest)
