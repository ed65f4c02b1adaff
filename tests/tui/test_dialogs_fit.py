"""Every dialog whole at 80x24, in its fullest state: nothing below the screen, no button clipped.

A dialog taller than the screen clips its last rows; at 80x24 the hand-over dialog with an
unconfirmed colleague's warning put its "Overdragen" button on the border, where a click
missed it (CI found it). Each dialog is opened here with the longest texts it shows and checked
with `fit.losses`, in Dutch and English.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fit import losses
from rich.text import Text
from test_export_fit import Ticking
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, Select
from tui_helpers import NOW, app_for

from meldcode_tui.casework.contacts import add_contact, list_contacts
from meldcode_tui.casework.handover import preview
from meldcode_tui.casework.identity import identity_card
from meldcode_tui.flow.registry import shipped_flows
from meldcode_tui.i18n import current_language
from meldcode_tui.store import Store
from meldcode_tui.tui.app import MeldcodeApp
from meldcode_tui.tui.demo import DEMO_PASSPHRASE, build_demo_store
from meldcode_tui.tui.screens.confirm import confirm_close, confirm_shred
from meldcode_tui.tui.screens.flow_change import FlowChangeScreen
from meldcode_tui.tui.screens.forgot import ForgotScreen
from meldcode_tui.tui.screens.handover import HandoverScreen
from meldcode_tui.tui.screens.handover_identity import IdentityScreen
from meldcode_tui.tui.screens.handover_receive import ReceiveScreen
from meldcode_tui.tui.screens.reopen import ReopenScreen
from meldcode_tui.tui.screens.revise import ReviseScreen
from meldcode_tui.tui.screens.settings import SettingsScreen

SMALL = (80, 24)
LONG = "Fictieve tekst die lang genoeg is om over meerdere regels te lopen. " * 3


def _store_with_colleague(tmp_path: Path) -> Path:
    path = tmp_path / "demo.meldcode"
    build_demo_store(path, Ticking())
    other, _ = Store.create(
        tmp_path / "bea.meldcode", "vier fictieve losse woorden", recovery=False
    )
    key = other.identity().public.line
    other.close()
    with Store.open(path, DEMO_PASSPHRASE) as store:
        add_contact(store, "Mw. Bea de Fictieve-Langenaam", key, at=NOW.isoformat())
    return path


def _dialogs(app: MeldcodeApp, tmp_path: Path) -> dict[str, Callable[[], Screen[object]]]:
    store = app.store
    assert store is not None
    case_id = store.list_cases()[0].id
    title = "Fictieve casus met een titel die zo lang is als iemand hem maar kan typen"
    return {
        "handover": lambda: HandoverScreen(store, preview(store, case_id), lambda: NOW, tmp_path),
        "receive": lambda: ReceiveScreen(store, lambda: NOW),
        "identity-edit": lambda: IdentityScreen(
            identity_card(store), list_contacts(store), store, lambda: NOW
        ),
        "settings": lambda: SettingsScreen(
            lang=current_language(),
            idle_minutes=5,
            organisation="Fictieve Scholengemeenschap De Lange Naam",
            path=tmp_path / "settings.toml",
            export_folder=tmp_path,
            role="mentor",
        ),
        "revise-note": lambda: ReviseScreen("Notitie corrigeren", Text(LONG), LONG),
        "withdraw-note": lambda: ReviseScreen("Notitie intrekken", Text(LONG), None),
        "flow-change": lambda: FlowChangeScreen("basismodel", shipped_flows(), current_language()),
        "reopen": ReopenScreen,
        "confirm-shred": lambda: confirm_shred(title),
        "confirm-close": lambda: confirm_close(title),
        "forgot": ForgotScreen,
    }


async def _fullest(app: MeldcodeApp, name: str, pilot: Pilot[None]) -> None:
    """Put the dialog in its tallest state: the warnings and messages it can show, shown."""
    screen = app.screen
    if name == "handover":
        # An unconfirmed colleague: the fingerprint warning, the question Enter asks (in the
        # foot), and the long label of the button that says the fingerprint matches.
        from meldcode_tui.i18n import t

        colleague = "Mw. Bea de Fictieve-Langenaam"
        screen.query_one("#handover-to", Select).value = colleague
        screen.query_one("#handover-file", Input).value = "/" + "lange-map/" * 12
        await pilot.pause()  # the choice shows the warning and the button, and clears the foot
        assert screen.query_one("#handover-accept", Button).display
        asked = t(
            "tui.handover_confirm.ask", name=colleague, fingerprint="7266 0441 9860 5062 9181 8429"
        )
        screen.query_one("#handover-error").update(asked)  # type: ignore[attr-defined]
    if name == "receive":
        # A sender to compare: the longest thing the dialog says, and the button's long label.
        from meldcode_tui.i18n import t

        fingerprint = "7266 0441 9860 5062 9181 8429"
        asked = t(
            "tui.receive.unconfirmed", name="Mw. Bea de Fictieve-Langenaam", fingerprint=fingerprint
        )
        screen.query_one("#receive-error").update(asked)  # type: ignore[attr-defined]
        screen.query_one("#receive-accept", Button).display = True
    for error in screen.query(".dialog-error"):
        if not str(error.render()).strip():  # type: ignore[attr-defined]
            error.update(LONG[:150])  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    "name",
    [
        "handover",
        "receive",
        "identity-edit",
        "settings",
        "revise-note",
        "withdraw-note",
        "flow-change",
        "reopen",
        "confirm-shred",
        "confirm-close",
        "forgot",
    ],
)
async def test_dialog_fits_80x24(tmp_path: Path, lang: str, name: str) -> None:
    path = _store_with_colleague(tmp_path)
    app = app_for(path, lang=lang, passphrase=DEMO_PASSPHRASE)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await app.push_screen(_dialogs(app, tmp_path)[name]())
        await pilot.pause()
        await _fullest(app, name, pilot)
        await pilot.pause()
        lost = losses(app)
        assert not lost, f"{name} at 80x24 ({lang}):\n" + "\n".join(lost)


async def test_the_checker_sees_a_button_below_the_dialog(tmp_path: Path) -> None:
    """The check can fail: a dialog made taller than the screen is caught."""
    path = _store_with_colleague(tmp_path)
    app = app_for(path, passphrase=DEMO_PASSPHRASE)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await app.push_screen(ReopenScreen())
        await pilot.pause()
        for widget in app.screen.query(".dialog-help"):
            widget.update("\n".join(["regel"] * 30))  # type: ignore[attr-defined]
        await pilot.pause()
        assert any("below" in line for line in losses(app))
