"""Complete walkthroughs driven by keys only; afterwards the store is reopened and checked.

Moving between fields and answering choices is always by keys. Text is typed one key per
character in one walkthrough (the acute one, which fills the most text fields: typed letters
must land in the field, not trigger a key of the app); the others paste it (`tui_helpers.paste`),
as each typed character costs a screen update and typing is not what they are about.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import NOW, SIZE, Fill, app_for, paste, reopen, type_text, unlock

from meldcode_tui.tui.screens.decision import DecisionScreen
from meldcode_tui.tui.screens.wizard import WizardScreen

pytestmark = pytest.mark.slow


async def new_case(pilot: Pilot[None], title: str, fill: Fill = paste) -> None:
    """From the case list: Ctrl+N, a title, Enter, Enter on the (first) protocol."""
    await pilot.press("ctrl+n")
    await fill(pilot, title)
    await pilot.press("enter", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WizardScreen)


async def step1(pilot: Pilot[None], *, disclosure: bool, fill: Fill = paste) -> None:
    # client_type: first option (kind); signals: tick the first (an injury); facts; disclosure;
    # no contradicting signals.
    await pilot.press("enter", "tab", "space", "tab")
    await fill(pilot, "plek")
    await pilot.press("tab")
    if disclosure:
        # A disclosure asks for its date, the child's own words, and the date and advice of the
        # same-day Veilig Thuis contact (issue 10).
        await pilot.press("enter", "tab")
        await fill(pilot, "2025-03-10")
        await pilot.press("tab")
        await fill(pilot, "'Papa slaat.'")
        await pilot.press("tab")
        await fill(pilot, "2025-03-10")
        await pilot.press("tab")
        await fill(pilot, "advies")
        await pilot.press("tab")
    else:
        await pilot.press("right", "enter", "tab")
    await pilot.press("right", "enter", "f6")
    await pilot.pause()


async def step2(pilot: Pilot[None], fill: Fill = paste) -> None:
    await fill(pilot, "A. V")
    await pilot.press("tab")
    await fill(pilot, "2025-03-10")
    await pilot.press("tab")
    await fill(pilot, "ok")
    await pilot.press("tab", "right", "enter")  # no Veilig Thuis advice
    # Past the optional checklist; the injury offers a letselduiding expert: not needed, why.
    await pilot.press("tab", "tab", "right", "enter", "tab")
    await fill(pilot, "huisarts")
    # The verwijsindex: the organisation is not authorised (the third option).
    await pilot.press("tab", "right", "right", "enter", "f6")
    await pilot.pause()


async def step4_weigh(pilot: Pilot[None], fill: Fill = paste) -> None:
    # Risk, nature and severity (Besluit art. 2 lid 2 d); not in doubt.
    await fill(pilot, "ernstig")
    await pilot.press("tab", "right", "enter", "f6")
    await pilot.pause()


async def step3_talk(pilot: Pilot[None], fill: Fill = paste) -> None:
    await pilot.press("right", "enter", "tab")  # not skipping: the conversation was held
    await fill(pilot, "11-03-2025")  # the Dutch way of writing a date is accepted
    await pilot.press("tab", "enter", "tab")
    await fill(pilot, "open")
    await pilot.press("tab", "enter", "f6")
    await pilot.pause()


async def step5(pilot: Pilot[None], fill: Fill = paste) -> None:
    """The two decisions, after the five questions at the top of step 5 (NJi)."""
    pilot.app.screen.query_one("#q-eindverantwoordelijke").focus()
    await pilot.pause()
    await fill(pilot, "B. J")
    await pilot.press("tab")
    await fill(pilot, "m1")
    await pilot.press("tab")
    await fill(pilot, "m2")
    await pilot.press("tab", "f6")
    await pilot.pause()


def screen_text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def test_no_suspicion_closes_the_case(new_store: Path) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await new_case(pilot, "A")
        await step1(pilot, disclosure=False)
        await step2(pilot)
        await step3_talk(pilot)
        await step4_weigh(pilot)
        await pilot.press("right", "enter")  # afweging 1: no suspicion
        await pilot.pause()
        await step5(pilot)
        assert isinstance(app.screen, DecisionScreen)
        assert "Geen vermoeden" in screen_text(pilot, "#decision-outcome")
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        assert summary.title == "A"
        # The rules hold, but only the user closes a case (issue 12).
        assert (summary.status, summary.melden, summary.hulp) == ("open", False, False)
        case = store.get_case(summary.id)
        assert case.answers["afweging1_vermoeden"] is False
        assert case.answers["gesprek_datum"] == "2025-03-11"
        assert case.answers["signalen_feiten"] == "plek"
        assert case.answers["signalen"] == ["letsel"]
        assert case.position == "beslissen"


async def yes(pilot: Pilot[None], then: str = "tab") -> None:
    await pilot.press("enter", then)


async def no(pilot: Pilot[None], then: str = "tab") -> None:
    await pilot.press("right", "enter", then)


def decision_texts(pilot: Pilot[None]) -> tuple[str, str]:
    screen = pilot.app.screen
    melden = " ".join(str(w.render()) for w in screen.query("#decision-melden Static"))
    hulp = " ".join(str(w.render()) for w in screen.query("#decision-hulp Static"))
    return melden, hulp


async def test_acute_unsafety_shows_melden_and_hulp(new_store: Path) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        # Typed, one key per character: the walkthrough that fills the most text fields.
        await new_case(pilot, "B", type_text)
        await step1(pilot, disclosure=True, fill=type_text)
        await step2(pilot, type_text)
        await step3_talk(pilot, type_text)
        await step4_weigh(pilot, type_text)
        # Weighing: suspicion yes, acute unsafety yes, help possible yes, accepted yes;
        # each answered question opens its optional explanation, which Tab passes.
        await yes(pilot, "tab")
        await pilot.press("tab")
        await yes(pilot, "tab")
        await pilot.press("tab")
        await yes(pilot, "tab")
        await pilot.press("tab")
        await yes(pilot, "tab")
        await pilot.press("tab")
        await type_text(pilot, "2025-04-30")
        await pilot.press("tab")
        await pilot.pause()
        await step5(pilot, type_text)
        assert isinstance(app.screen, DecisionScreen)
        melden, hulp = decision_texts(pilot)
        assert "Ja: melden bij Veilig Thuis" in melden
        assert "Ja: hulp bieden of organiseren" in hulp
        norms = " ".join(str(w.render()) for w in app.screen.query(".meldnorm"))
        assert "acute en/of structurele onveiligheid" in norms
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        assert (summary.melden, summary.hulp) == (True, True)
        case = store.get_case(summary.id)
        assert case.answers["onthulling"] is True
        assert case.answers["afweging2_onveiligheid"] is True


async def test_help_accepted_then_effective_at_the_monitoring_date(new_store: Path) -> None:
    # The case is weighed on 20-2-2025 with a monitoring date to come; the decision screen is
    # seen again on 14-3-2025, after that date.
    today = [NOW - timedelta(days=22)]
    app = app_for(new_store, clock=lambda: today[0])
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await new_case(pilot, "C")
        await step1(pilot, disclosure=False)
        await step2(pilot)
        await step3_talk(pilot)
        await step4_weigh(pilot)
        await yes(pilot, "tab")  # 1 suspicion
        await pilot.press("tab")
        await no(pilot, "tab")  # 2 no acute or structural unsafety
        await pilot.press("tab")
        await yes(pilot, "tab")  # 3 help possible
        await pilot.press("tab")
        await yes(pilot, "tab")  # 4 help accepted
        await pilot.press("tab")
        await paste(pilot, "2025-03-01")  # the monitoring date, still to come
        await pilot.press("tab")
        await pilot.pause()
        today[0] = NOW  # 1-3-2025 has passed
        await step5(pilot)
        assert isinstance(app.screen, DecisionScreen)
        melden, hulp = decision_texts(pilot)
        assert "Nee" in melden and "Ja: hulp" in hulp
        deadline = str(app.screen.query_one(".deadline", Static).render())
        assert "1-3-2025" in deadline and "VERLOPEN" in deadline
        # The follow-up loop: answer question 5 now, from the decision screen.
        app.screen.query_one("#decision-reanswer").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.focused is not None and app.focused.id == "q-afweging5_hulp_effectief"
        # Yes, past the optional explanation, and the date it was answered: on or after the
        # monitoring date, or the case may not close (issue 10).
        await pilot.press("enter", "tab", "tab")
        await paste(pilot, "2025-03-02")
        await pilot.press("f8")
        await pilot.pause()
        assert "Hulp afsluiten" in screen_text(pilot, "#decision-outcome")
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        assert (summary.status, summary.melden, summary.hulp) == ("open", False, True)
        case = store.get_case(summary.id)
        assert case.answers["gewenste_termijn"] == "2025-03-01"
        assert case.answers["afweging5_hulp_effectief"] is True
        assert [h.question_id for h in case.history].count("afweging5_hulp_effectief") == 1


async def test_step_3_skipped_with_a_reason(new_store: Path) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await new_case(pilot, "D")
        await step1(pilot, disclosure=True)
        await step2(pilot)
        await yes(pilot, "tab")  # skip the conversation
        await pilot.press("enter", "tab")  # reason: safety (the first)
        await paste(pilot, "2025-03-12")
        await pilot.press("tab")
        await paste(pilot, "advies VT")
        await pilot.press("f6")
        await pilot.pause()
        steps = " ".join(str(app.screen.query_one("#steps").get_option("gesprek").prompt).split())
        # The reason in full, wrapped in the narrow list (issue 12: nothing cut off).
        assert steps.startswith("↷ 3 Gesprek met de betrokkene(n)")
        assert "overgeslagen: De veiligheid van de betrokkene, van mij of van anderen" in steps
        assert "…" not in steps
        await pilot.press("ctrl+q")
    with reopen(new_store) as store:
        (summary,) = store.list_cases()
        case = store.get_case(summary.id)
        assert case.answers["gesprek_afzien"] is True
        assert case.answers["gesprek_afzien_reden"] == "veiligheid"
        assert case.answers["gesprek_afzien_toelichting"] == "advies VT"
        assert case.position == "afweging"
        assert summary.current_step == "afweging"
