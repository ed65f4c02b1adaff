"""A ledger field with `when`: required only when the entry's earlier fields say so."""

from __future__ import annotations

from typing import Any

import pytest

from meldcode_tui.flow import AnswerError, FlowError, normalise_answer, parse_flow


def _flow(toelichting_when: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "voorbeeld",
        "version": "1",
        "title": {"nl": "Voorbeeld", "en": "Example"},
        "description": {"nl": "Een voorbeeld.", "en": "An example."},
        "steps": [
            {
                "id": "stap",
                "title": {"nl": "Stap", "en": "Step"},
                "guidance": {"nl": "Uitleg.", "en": "Guidance."},
                "questions": [
                    {
                        "id": "contacten",
                        "type": "ledger",
                        "required": False,
                        "text": {"nl": "Contacten", "en": "Contacts"},
                        "fields": [
                            {"id": "met_wie", "type": "person", "text": {"nl": "Wie", "en": "Who"}},
                            {"id": "ok", "type": "yesno", "text": {"nl": "Ok?", "en": "Ok?"}},
                            {
                                "id": "waarom",
                                "type": "text",
                                "when": toelichting_when,
                                "text": {"nl": "Waarom?", "en": "Why?"},
                            },
                        ],
                    }
                ],
            }
        ],
    }


def test_a_conditional_field_is_required_only_when_its_condition_holds() -> None:
    flow = parse_flow(_flow({"question": "ok", "equals": False}), "voorbeeld.toml")
    fine = normalise_answer(flow, "contacten", [{"met_wie": "A", "ok": True}])
    assert fine == [{"met_wie": "A", "ok": True}]
    with pytest.raises(AnswerError, match="waarom"):
        normalise_answer(flow, "contacten", [{"met_wie": "A", "ok": False}])
    explained = [{"met_wie": "A", "ok": False, "waarom": "Omdat."}]
    assert normalise_answer(flow, "contacten", explained) == explained


@pytest.mark.parametrize("ref", ["waarom", "onbekend"])
def test_a_field_condition_may_read_only_earlier_fields(ref: str) -> None:
    with pytest.raises(FlowError) as caught:
        parse_flow(_flow({"question": ref, "equals": False}), "voorbeeld.toml")
    assert [p.code for p in caught.value.problems] == ["ledger.bad_field_when"]
