"""Every UI string exists in every locale with the same placeholders; flow texts are bilingual."""

from __future__ import annotations

import re
import string

import pytest

from meldcode_tui.flow import shipped_flows
from meldcode_tui.i18n import LANGUAGES, Translator, catalog

PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+)\}(?!\})")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_all_locales_have_the_same_keys() -> None:
    keys = {lang: set(catalog(lang)) for lang in LANGUAGES}
    for lang in LANGUAGES:
        assert keys[lang] == keys["nl"], (
            f"{lang}: missing {keys['nl'] - keys[lang]}, extra {keys[lang] - keys['nl']}"
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_dutch(lang: str) -> None:
    dutch = catalog("nl")
    for key, text in catalog(lang).items():
        assert _fields(text) == _fields(dutch[key]), key


def test_no_empty_strings() -> None:
    for lang in LANGUAGES:
        assert all(v.strip() for v in catalog(lang).values()), lang


def test_translator_switches_language() -> None:
    assert Translator("nl")("common.yes") == "ja"
    assert Translator("en")("common.yes") == "yes"


def test_every_flow_text_has_dutch_and_english() -> None:
    # The loader refuses a flow lacking either language; check the loaded result once more.
    for flow in shipped_flows().values():
        texts = [flow.title, flow.description]
        for step in flow.steps:
            texts += [step.title, step.guidance]
            for q in step.questions:
                texts.append(q.text)
                texts += [o.label for o in q.options]
        for outcome in flow.outcomes:
            texts += [outcome.title, outcome.text, *outcome.next_steps]
        for text in texts:
            assert text.nl.strip() and text.en.strip()
            assert text.nl != "" and text.en != ""
