"""A malformed condition is reported in the user's language, saying which shape it needs."""

from __future__ import annotations

from typing import Any

import pytest

from meldcode_tui.flow.conditions import ConditionSyntaxError, parse_condition
from meldcode_tui.i18n import LANGUAGES, Translator, catalog

BAD: list[tuple[Any, str]] = [
    ("a1 = true", "not_table"),
    ({"all": [{"question": "a1", "equals": True}], "question": "a1"}, "alone"),
    ({"any": []}, "needs_list"),
    ({"not": {"question": "a1", "equals": True}, "equals": True}, "alone"),
    ({"equals": True}, "needs_question"),
    ({"question": "a1", "equals": True, "colour": "red"}, "unknown_keys"),
    ({"question": "a1", "equals": True, "in": [True]}, "one_op"),
    ({"question": 1, "equals": True}, "question_not_id"),
    ({"question": "a1", "in": True}, "in_needs_list"),
    ({"question": "a1", "answered": "yes"}, "answered_needs_bool"),
]


@pytest.mark.parametrize(("raw", "code"), BAD, ids=[code for _, code in BAD])
def test_bad_condition_has_a_translated_message(raw: Any, code: str) -> None:
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition(raw)
    assert caught.value.code == code
    key = f"flowcheck.condition.{code}"
    for lang in LANGUAGES:
        assert key in catalog(lang)
        message = Translator(lang)(key, **caught.value.values)
        assert message != key and "{" not in message.replace('{ question = "id"', ""), message
