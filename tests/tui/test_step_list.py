"""The step list at 80x24: every title whole (wrapped), the step on screen with state and roles."""

from __future__ import annotations

from datetime import UTC, datetime

from meldcode_tui.flow import evaluate, get_flow, shipped_flows
from meldcode_tui.i18n import set_language
from meldcode_tui.tui.widgets.steps import LINE_WIDTH, short_title, step_state_text

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_every_title_is_whole_in_lines_that_fit_the_column() -> None:
    set_language("nl")
    for flow in shipped_flows().values():
        ev = evaluate(flow, {}, NOW)
        for lang in ("nl", "en"):
            for number, step in enumerate(flow.steps, start=1):
                for full in (False, True):
                    text = step_state_text(flow, ev, step.id, lang, full=full).plain
                    for line in text.split("\n"):
                        assert len(line) <= LINE_WIDTH, (flow.id, line)
                    # The whole title, no "…" (a word longer than the column is split).
                    title = "".join(short_title(step.title.get(lang)).split())
                    assert title in "".join(text.split()), (flow.id, text)
                    assert "…" not in text
                    # Our number replaces the flow's own "Stap 2:" prefix: never both.
                    assert text.split(" ", 2)[1] == str(number)
                    assert "Stap" not in text.split(" ", 2)[2][:5]


def test_a_skipped_step_says_why_in_full() -> None:
    set_language("nl")
    flow = get_flow("basismodel")
    reasons = flow.question("gesprek_afzien_reden")
    assert reasons is not None
    option = max(reasons.options, key=lambda o: len(o.label.get("nl")))
    answers = {
        "gesprek_afzien": True,
        "gesprek_afzien_reden": option.id,
        "gesprek_afzien_vt_datum": "2026-11-20",
        "gesprek_afzien_toelichting": "Fictief.",
    }
    ev = evaluate(flow, answers, NOW)
    state = ev.state("gesprek")
    assert state is not None and state.status == "skipped"
    text = step_state_text(flow, ev, "gesprek", "nl", full=False).plain
    assert option.label.get("nl") in " ".join(text.split())
    assert all(len(line) <= LINE_WIDTH for line in text.split("\n"))


def test_the_step_on_screen_shows_its_whole_title_state_and_roles() -> None:
    set_language("nl")
    flow = get_flow("basismodel")
    step = flow.steps[1]
    text = step_state_text(flow, evaluate(flow, {}, NOW), step.id, "nl").plain
    assert short_title(step.title.get("nl")) in " ".join(text.split())
    assert " ".join(text.split()).startswith(
        "· 2 Collegiale consultatie en zo nodig raadplegen van Veilig Thuis"
    )
    assert "nog niet bereikbaar" in text and "beroepskracht" in text
