"""Issue 15 finding 8: the variants of a marked name that --pseudonymise used to leave behind."""

from __future__ import annotations

import pytest

from meldcode_tui.summary.names import full_names, title_suggestion
from meldcode_tui.summary.pseudonym import Pseudonymiser

NAMES = ["Noortje de Vries", "Eva van der Berg-Jansen", "Roos Bakker"]


@pytest.fixture
def pseudo() -> Pseudonymiser:
    return Pseudonymiser(NAMES, enabled=True, email_text="[e-mailadres]")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Noortjes fiets stond buiten", "N.'s fiets stond buiten"),
        ("Noortje's moeder belde", "N.'s moeder belde"),
        ("NOORTJE RIEP OM HULP", "N. RIEP OM HULP"),
        ("noortje de vries", "N.d.V."),
        ("De Vries kwam te laat", "d.V. kwam te laat"),
        ("mevrouw de Vries", "mevrouw d.V."),
        ("vader Vries", "vader V."),
        ("Eva van der Berg-Jansen", "E.v.d.B.-J."),
        ("Van der Berg-Jansen belde", "v.d.B.-J. belde"),
        ("mevrouw Jansen en mevrouw Van der Berg", "mevrouw J. en mevrouw v.d.B."),
        ("noortje.devries@school.nl schreef", "[e-mailadres] schreef"),
        ("mail: ouders+vdberg@example.com.", "mail: [e-mailadres]."),
        ("Noelle, zonder accent", "Noelle, zonder accent"),
    ],
)
def test_variants_of_a_marked_name_become_initials(
    pseudo: Pseudonymiser, typed: str, expected: str
) -> None:
    assert pseudo(typed) == expected


def test_words_that_are_also_names_are_spared(pseudo: Pseudonymiser) -> None:
    # "roos" (a rose), "bakker" (a baker), "de vries" in lower case... stay; only names go.
    text = "Roos kreeg een roos van de bakker; Bakker zelf kwam niet."
    assert pseudo(text) == "R. kreeg een roos van de bakker; B. zelf kwam niet."


def test_accents_may_be_left_out_when_typing() -> None:
    p = Pseudonymiser(["Noëlle van den Berg"], enabled=True)
    assert p("Noelle en NOËLLE en Noëlles jas") == "N. en N. en N.'s jas"


def test_off_leaves_text_and_addresses_alone() -> None:
    off = Pseudonymiser(NAMES, enabled=False)
    assert off("[[Noortje de Vries]] mailde n@x.nl") == "Noortje de Vries mailde n@x.nl"


@pytest.mark.parametrize(
    ("title", "suggestion"),
    [
        ("Jesse de Vries", "J.d.V."),
        ("Zorg om [[Noëlle van den Berg]], groep 7", "Zorg om N.v.d.B., groep 7"),
        ("Eva van der Berg-Jansen 7B", "E.v.d.B.-J. 7B"),
        ("Zorg Mark Jansen", "Zorg M.J."),
    ],
)
def test_a_title_with_a_full_name_gets_a_suggestion(title: str, suggestion: str) -> None:
    assert full_names(title)
    assert title_suggestion(title) == suggestion


@pytest.mark.parametrize(
    "title", ["Demo: Noor (net gestart)", "7B-03", "Groep 7 Sem", "Veilig Thuis advies", "J.d.V."]
)
def test_a_title_without_a_full_name_passes(title: str) -> None:
    assert full_names(title) == [] and title_suggestion(title) is None
