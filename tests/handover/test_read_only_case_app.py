"""A handed-over case in the app, driven by keys: no key on offer that the store would refuse;
such a key pressed anyway leaves the store as it was and says why in one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from handover_helpers import NOW, PASSPHRASE, Colleague, befriend, full_case
from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from meldcode_tui.casework.handover import hand_over
from meldcode_tui.i18n import t
from meldcode_tui.settings import Settings
from meldcode_tui.store import Store
from meldcode_tui.tui.app import MeldcodeApp, make_app
from meldcode_tui.tui.screens.actions import ActionsScreen
from meldcode_tui.tui.screens.decision import DecisionScreen
from meldcode_tui.tui.screens.wizard import WizardScreen

SIZE = (80, 24)
LINE = "Deze casus is overgedragen aan Bea op 20-11-2026; hij is hier alleen-lezen."


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    yield


def app_on(path: Path) -> MeldcodeApp:
    return make_app(Settings(store_path=path, lang="nl", idle_minutes=0), clock=lambda: NOW)


async def open_first_case(pilot: Pilot[None]) -> WizardScreen:
    pilot.app.post_message(events.Paste(PASSPHRASE))
    await pilot.pause()
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")  # the first case of the list
    await pilot.pause()
    wizard = pilot.app.screen
    assert isinstance(wizard, WizardScreen)
    return wizard


def keybar(screen: object) -> str:
    return str(screen.query_one("#keybar", Static).render())  # type: ignore[attr-defined]


def palette(app: MeldcodeApp) -> list[str]:
    """The titles the command palette lists for the screen shown."""
    return [command.title for command in app.get_system_commands(app.screen)]


def lines_said(app: MeldcodeApp) -> list[str]:
    return [n.message for n in app._notifications]


def state_of(path: Path, case_id: str) -> tuple[object, ...]:
    with Store.open(path, PASSPHRASE) as store:
        case = store.get_case(case_id)
        return (
            case.summary.status,
            case.summary.flow_id,
            dict(case.answers),
            [(n.id, n.text) for n in case.notes],
            [(a.id, a.text, a.done_at) for a in case.actions],
            len(case.history),
            store.verify(),
        )


async def test_a_handed_over_case_offers_no_change(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea)
    case_id = full_case(ans.store)
    hand_over(ans.store, case_id, "Bea", tmp_path / "naar-bea", now=NOW)
    ans.store.close()
    before = state_of(ans.path, case_id)
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_first_case(pilot)
        bar = keybar(wizard)
        # No note (F7), no close or reopen (F10); reading stays: decision, export, chronology.
        assert "F7" not in bar and "F10" not in bar and "Heropenen" not in bar
        assert "F8 Besluit" in bar and "F9 Exporteren" in bar and "F12 Tijdlijn" in bar
        for key in ("f7", "f10", "ctrl+r"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is wizard
            assert lines_said(app)[-1] == LINE, key
        assert not isinstance(app.focused, Input)  # F7 did not put the cursor in a note
        # Nor does the command palette (Ctrl+P) offer to close it.
        assert t("tui.palette.close_case") not in palette(app)
        # The decision is a view of what was decided; nothing on it changes the case.
        await pilot.press("f8")
        await pilot.pause()
        decision = app.screen
        assert isinstance(decision, DecisionScreen)
        assert "F10" not in keybar(decision)
        assert t("tui.palette.close_case") not in palette(app)
        assert not decision.query("#decision-close") and not decision.query("#decision-reanswer")
        shown = str(decision.query_one("#decision-read-only", Static).render())
        assert shown == LINE
        said = len(lines_said(app))
        await pilot.press("f10")
        await pilot.pause()
        assert app.screen is decision and lines_said(app)[said:] == [LINE]
        # Its actions: listed, with nothing to add or mark done.
        await pilot.press("ctrl+t")
        await pilot.pause()
        actions = app.screen
        assert isinstance(actions, ActionsScreen)
        assert not actions.query("#action-text") and not actions.query("#action-add")
        assert [b.id for b in actions.query(Button)] == ["actions-back"]
        assert LINE in [str(s.render()) for s in actions.query(Static)]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is decision
    assert state_of(ans.path, case_id) == before


async def test_a_case_of_ones_own_keeps_its_keys(ans: Colleague) -> None:
    full_case(ans.store)
    ans.store.close()
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_first_case(pilot)
        bar = keybar(wizard)
        assert "F7 Notitie" in bar and "F8 Besluit" in bar and "F10 Casus sluiten" in bar
        assert t("tui.palette.close_case") in palette(app)
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "note-text"
        assert lines_said(app) == []
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen) and app.screen.query("#action-text")
