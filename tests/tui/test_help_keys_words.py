"""Every row of the F1 key list has its words in both languages (a missing key shows raw)."""

from __future__ import annotations

import pytest

from meldcode_tui.i18n import LANGUAGES, catalog
from meldcode_tui.tui.screens.info import HELP_KEYS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_help_row_has_its_words(lang: str) -> None:
    strings = catalog(lang)
    missing = [
        name
        for _, name in HELP_KEYS
        if (name if "." in name else f"tui.help.{name}") not in strings
    ]
    assert missing == []
