"""The step list at 80x24: one line per step, the step on screen in full with state and roles."""

from __future__ import annotations

from datetime import UTC, datetime

from meldcode_tui.flow import evaluate, get_flow, shipped_flows
from meldcode_tui.i18n import set_language
from meldcode_tui.tui.widgets.steps import LINE_WIDTH, short_title, step_state_text

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_other_steps_take_one_short_line_each() -> None:
    set_language("nl")
    for flow in shipped_flows().values():
        ev = evaluate(flow, {}, NOW)
        for lang in ("nl", "en"):
            for number, step in enumerate(flow.steps, start=1):
                line = step_state_text(flow, ev, step.id, lang, full=False).plain
                assert "\n" not in line, (flow.id, step.id)
                assert len(line) <= LINE_WIDTH, line
                # Our number replaces the flow's own "Stap 2:" prefix: never both.
                assert line.split(" ", 2)[1] == str(number)
                assert "Stap" not in line.split(" ", 2)[2][:5]


def test_the_step_on_screen_shows_its_whole_title_state_and_roles() -> None:
    set_language("nl")
    flow = get_flow("basismodel")
    step = flow.steps[1]
    text = step_state_text(flow, evaluate(flow, {}, NOW), step.id, "nl").plain
    assert short_title(step.title.get("nl")) in text
    assert text.startswith("· 2 Collegiale consultatie en zo nodig raadplegen van Veilig Thuis")
    assert "nog niet bereikbaar" in text and "beroepskracht" in text
