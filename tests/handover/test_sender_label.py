"""A received case names its sender by the address book as it is now: "(niet in adresboek)"
only while no entry holds the sender's key; once added, the name and whether it is confirmed,
marked while it is not confirmed, in the app's chronology (F12), the full export and
`meldcode show` alike."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from handover_helpers import NOW, PASSPHRASE, Colleague, befriend, full_case
from textual import events
from textual.widgets import Static

from meldcode_tui.casework.chronology import build_chronology
from meldcode_tui.casework.contacts import add_contact, confirm_contact, list_contacts
from meldcode_tui.casework.export import ExportRequest, export_data, load_source
from meldcode_tui.casework.handover import hand_over
from meldcode_tui.casework.receiving import CaseReceived, receive
from meldcode_tui.cli.handover_show import handover_lines
from meldcode_tui.flow import evaluate, get_flow
from meldcode_tui.settings import Settings
from meldcode_tui.store import Store
from meldcode_tui.tui.app import make_app
from meldcode_tui.tui.screens.chronology import ChronologyScreen
from meldcode_tui.tui.screens.wizard import WizardScreen

LATER = NOW + timedelta(hours=1)


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    yield


def received_from_a_stranger(ans: Colleague, bea: Colleague, tmp_path: Path) -> str:
    """Ans hands a case to Bea, who has no entry for Ans and accepts after comparing."""
    befriend(ans, bea)
    bundle = tmp_path / "van-ans.meldcode"
    hand_over(ans.store, full_case(ans.store), "Bea", bundle, now=NOW)
    got = receive(bea.store, bundle, now=LATER, accept_unconfirmed=True)
    assert isinstance(got, CaseReceived)
    return got.case_id


def received_line(store: Store, case_id: str) -> str:
    case = store.get_case(case_id)
    flow = get_flow(case.summary.flow_id)
    items = build_chronology(
        flow, case, evaluate(flow, case.answers, LATER), "nl", contacts=list_contacts(store)
    )
    return next(i.what for i in items if i.kind == "received")


def test_the_sender_follows_the_address_book(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    case_id = received_from_a_stranger(ans, bea, tmp_path)
    fingerprint = ans.store.identity().public.fingerprint
    assert received_line(bea.store, case_id) == (
        f"Ontvangen van (niet in adresboek) (vingerafdruk {fingerprint})"
    )
    add_contact(bea.store, "Ans", ans.key, at=LATER.isoformat())
    assert received_line(bea.store, case_id) == (
        f"Ontvangen van Ans (sleutel NIET bevestigd) (vingerafdruk {fingerprint})"
    )
    confirm_contact(bea.store, "Ans")
    assert received_line(bea.store, case_id) == (f"Ontvangen van Ans (vingerafdruk {fingerprint})")
    # `meldcode show` and the full export say the same.
    case = bea.store.get_case(case_id)
    assert any(
        "Ontvangen van Ans op 20-11-2026" in line
        for line in handover_lines(case, list_contacts(bea.store))
    )
    source = load_source(bea.store, case_id, LATER, tmp_path)
    request = ExportRequest("md", tmp_path / "x.md", "full", pseudonymise=False, overwrite=False)
    exported = export_data(source, request, "nl").decode("utf-8")
    assert f"Ontvangen van Ans (vingerafdruk {fingerprint})" in exported
    assert "niet in adresboek" not in exported


async def test_the_app_names_a_sender_added_after_receiving(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    case_id = received_from_a_stranger(ans, bea, tmp_path)
    assert bea.store.get_case(case_id).received["from"] == ""  # type: ignore[index]
    add_contact(bea.store, "Ans", ans.key, at=LATER.isoformat())
    confirm_contact(bea.store, "Ans")
    bea.store.close()
    app = make_app(Settings(store_path=bea.path, lang="nl", idle_minutes=0), clock=lambda: LATER)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(events.Paste(PASSPHRASE))
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("f12")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChronologyScreen)
        shown = [str(s.render()) for s in screen.query(".kind-received").results(Static)]
        assert len(shown) == 1
        assert "Ontvangen van Ans (vingerafdruk" in shown[0]
        assert "niet in adresboek" not in shown[0]
