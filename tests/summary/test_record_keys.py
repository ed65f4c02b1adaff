"""The flow keys that say what a parent may read: parsed, checked, and set in the shipped flows."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from meldcode_tui.flow import FlowError, get_flow
from meldcode_tui.flow.loader import parse_flow

SMALL = """
id = "klein"
version = "1"
title = { nl = "Klein", en = "Small" }
description = { nl = "Een kleine flow.", en = "A small flow." }

[[steps]]
id = "route"
staff_route = true
title = { nl = "Route", en = "Route" }
guidance = { nl = "Uitleg.", en = "Guidance." }

[[steps.questions]]
id = "oordeel"
type = "text"
invites_opinion = true
text = { nl = "Wat vind je?", en = "What do you think?" }

[[steps.questions]]
id = "waarom_niet"
type = "text"
withhold_from_family = true
text = { nl = "Waarom niet verteld?", en = "Why not told?" }
"""


def _parse(text: str) -> Any:
    return parse_flow(tomllib.loads(text), "klein.toml")


def test_keys_are_read_into_the_model() -> None:
    flow = _parse(SMALL)
    assert flow.steps[0].staff_route is True
    oordeel, waarom = flow.steps[0].questions
    assert (oordeel.invites_opinion, oordeel.withhold_from_family) == (True, False)
    assert (waarom.invites_opinion, waarom.withhold_from_family) == (False, True)


def test_a_value_other_than_true_or_false_is_one_located_problem() -> None:
    with pytest.raises(FlowError) as caught:
        _parse(SMALL.replace("invites_opinion = true", 'invites_opinion = "ja"'))
    assert "invites_opinion" in str(caught.value) and "true of false" in str(caught.value)


@pytest.mark.parametrize(
    ("flow_id", "opinion", "family"),
    [
        (
            "basismodel",
            {f"afweging{i}_toelichting" for i in range(1, 6)},
            {"gesprek_afzien_reden", "gesprek_afzien_toelichting", "melding_besproken"},
        ),
        (
            "onderwijs",
            {"afweging1_toelichting"},
            {"gesprek_afzien_reden", "gesprek_afzien_toelichting", "melding_besproken"},
        ),
        ("api-integriteit", {"inschatting"}, set()),
        ("safeguarding", {"risico_inschatting"}, set()),
    ],
)
def test_shipped_flows_mark_the_questions_docs_name(
    flow_id: str, opinion: set[str], family: set[str]
) -> None:
    flow = get_flow(flow_id)
    assert {q.id for q in flow.questions() if q.invites_opinion} == opinion
    assert {q.id for q in flow.questions() if q.withhold_from_family} == family
    staff = {s.id for s in flow.steps if s.staff_route}
    assert staff == ({"medewerker_route"} if flow_id == "onderwijs" else set())
