"""The app's hand-over and receive, driven with Pilot: preview, recipient, file, result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from handover_helpers import NOW, PASSPHRASE, TITLE, Colleague, befriend, full_case
from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select, Static

from meldcode_tui.settings import Settings
from meldcode_tui.store import Store
from meldcode_tui.tui.app import MeldcodeApp, make_app
from meldcode_tui.tui.screens.cases import CaseListScreen
from meldcode_tui.tui.screens.handover import HandoverScreen
from meldcode_tui.tui.screens.handover_identity import IdentityScreen
from meldcode_tui.tui.screens.handover_receive import ReceiveScreen

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    yield


def app_on(path: Path) -> MeldcodeApp:
    return make_app(Settings(store_path=path, lang="nl", idle_minutes=0), clock=lambda: NOW)


async def unlock(pilot: Pilot[None]) -> None:
    pilot.app.post_message(events.Paste(PASSPHRASE))
    await pilot.pause()
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text_of(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_hand_over_from_the_case_list(ans: Colleague, bea: Colleague, tmp_path: Path) -> None:
    befriend(ans, bea, confirm=False)
    case_id = full_case(ans.store)
    fingerprint = bea.store.identity().public.fingerprint
    ans.store.close()
    bundle = tmp_path / "naar-bea.meldcode"
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, CaseListScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HandoverScreen)
        preview = text_of(screen, "#handover-preview")
        assert TITLE in preview and "3 antwoorden" in preview and "2 notities" in preview
        assert "4 wijzigingen" in preview
        # Without a colleague chosen nothing happens.
        await pilot.click("#handover-go")
        await pilot.pause()
        assert "Kies eerst" in text_of(screen, "#handover-error")
        screen.query_one("#handover-to", Select).value = "Bea"
        await pilot.pause()
        # Bea's key was not confirmed: the fingerprint to compare, and a button of its own.
        warning = text_of(screen, "#handover-warning")
        assert "NIET bevestigd" in warning and fingerprint in warning
        accept = screen.query_one("#handover-accept", Button)
        assert accept.display and not screen.query_one("#handover-go", Button).display
        assert str(accept.label) == "Vingerafdruk klopt: overdragen"
        screen.query_one("#handover-file", Input).value = str(bundle)
        # Enter, twice in a hurry, only asks: nothing is written.
        screen.query_one("#handover-expires", Input).focus()
        for _ in range(2):
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen and not bundle.exists()
            asked = text_of(screen, "#handover-error")
            assert fingerprint in asked and "Vingerafdruk klopt: overdragen" in asked
        assert screen.store.get_case(case_id).handed_over is None
        await pilot.press("tab")  # from the days to the button that says the fingerprint matches
        assert app.focused is accept
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
    assert bundle.exists()
    with Store.open(ans.path, PASSPHRASE) as again:
        mark = again.get_case(case_id).handed_over
        assert mark is not None and mark["to"] == "Bea" and mark["confirmed"] is False


async def test_a_name_shown_as_typed_and_a_confirmed_colleague_hands_over_by_enter(
    ans: Colleague, bea: Colleague, cor: Colleague, tmp_path: Path
) -> None:
    from meldcode_tui.casework.contacts import add_contact

    befriend(ans, bea)
    odd = "Dirk [b]de Vries[/b]"
    add_contact(ans.store, odd, cor.key, at=NOW.isoformat())  # not confirmed
    case_id = full_case(ans.store)
    ans.store.close()
    bundle = tmp_path / "naar-bea.meldcode"
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HandoverScreen)
        go, accept = (screen.query_one(f"#handover-{b}", Button) for b in ("go", "accept"))
        assert go.display and not accept.display
        screen.query_one("#handover-to", Select).value = odd
        screen.query_one("#handover-file", Input).value = str(bundle)
        await pilot.pause()
        assert odd in text_of(screen, "#handover-warning")  # no markup: the name as typed
        screen.query_one("#handover-expires", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert odd in text_of(screen, "#handover-error") and not bundle.exists()
        # Another colleague, confirmed: no question, and Enter hands over as before.
        screen.query_one("#handover-to", Select).value = "Bea"
        await pilot.pause()
        assert text_of(screen, "#handover-warning") == "" == text_of(screen, "#handover-error")
        assert go.display and not accept.display
        screen.query_one("#handover-expires", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
    assert bundle.exists()
    with Store.open(ans.path, PASSPHRASE) as again:
        mark = again.get_case(case_id).handed_over
        assert mark is not None and mark["to"] == "Bea" and mark["confirmed"] is True


async def test_hand_over_refusal_is_shown_in_the_dialog(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea)
    case_id = full_case(ans.store)
    ans.store.close()
    taken = tmp_path / "bestaat.meldcode"
    taken.write_bytes(b"fictief")
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HandoverScreen)
        screen.query_one("#handover-to", Select).value = "Bea"
        screen.query_one("#handover-file", Input).value = str(taken)
        await pilot.click("#handover-go")
        await pilot.pause()
        assert app.screen is screen and "bestaat al" in text_of(screen, "#handover-error")
        await pilot.press("escape")
        await pilot.pause()
    assert taken.read_bytes() == b"fictief"
    with Store.open(ans.path, PASSPHRASE) as again:
        assert again.get_case(case_id).handed_over is None


async def test_receive_in_the_app(
    ans: Colleague, bea: Colleague, cor: Colleague, tmp_path: Path
) -> None:
    from meldcode_tui.casework.handover import hand_over

    befriend(ans, bea)
    befriend(bea, ans)
    bundle = tmp_path / "van-ans.meldcode"
    hand_over(ans.store, full_case(ans.store), "Bea", bundle, now=NOW)
    for c in (ans, bea, cor):
        c.store.close()
    # Cor cannot receive it: one line in the dialog, nothing in Cor's store.
    app = app_on(cor.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReceiveScreen)
        screen.query_one("#receive-file", Input).value = str(bundle)
        await pilot.press("enter")
        await pilot.pause()
        assert "niet voor jou" in text_of(screen, "#receive-error")
    with Store.open(cor.path, PASSPHRASE) as store:
        assert store.list_cases() == []
    app = app_on(bea.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReceiveScreen)
        screen.query_one("#receive-file", Input).value = str(bundle)
        await pilot.press("enter")
        await pilot.pause()
        shown = text_of(screen, "#receive-result")
        assert "Van: Ans" in shown and "Ontvangstbewijs geschreven" in shown
        assert text_of(screen, "#receive-error") == ""
        await pilot.click("#receive-close")
        await pilot.pause()
        cases = app.screen
        assert isinstance(cases, CaseListScreen)
        assert [s.title for s in cases.summaries] == [TITLE]
    assert Path(str(bundle) + ".receipt").exists()


async def test_receiving_from_an_unknown_sender_asks_first(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    from meldcode_tui.casework.handover import hand_over

    befriend(ans, bea)  # Bea has no entry for Ans
    bundle = tmp_path / "van-ans.meldcode"
    hand_over(ans.store, full_case(ans.store), "Bea", bundle, now=NOW)
    fingerprint = ans.store.identity().public.fingerprint
    for c in (ans, bea):
        c.store.close()
    app = app_on(bea.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReceiveScreen)
        screen.query_one("#receive-file", Input).value = str(bundle)
        await pilot.press("enter")
        await pilot.pause()
        asked = text_of(screen, "#receive-error")
        assert fingerprint in asked and "niet bevestigd" in asked
        accept = screen.query_one("#receive-accept", Button)
        assert accept.display and not screen.query_one("#receive-go", Button).display
        assert str(accept.label) == "Vingerafdruk klopt: ontvangen"
        # A second Enter in a hurry asks again: Enter never accepts.
        await pilot.press("enter")
        await pilot.pause()
        assert not Path(str(bundle) + ".receipt").exists()
        assert screen.store.list_cases() == []
        # Another path asks again: the acceptance was for that file only.
        screen.query_one("#receive-file", Input).value = str(bundle) + "x"
        await pilot.pause()
        assert not accept.display and text_of(screen, "#receive-error") == ""
        screen.query_one("#receive-file", Input).value = str(bundle)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab")  # from the path to the button that says the fingerprint matches
        assert app.focused is accept
        await pilot.press("enter")
        await pilot.pause()
        shown = text_of(screen, "#receive-result")
        assert "Ontvangstbewijs geschreven" in shown and "niet bevestigd" in shown
    with Store.open(bea.path, PASSPHRASE) as store:
        assert [s.title for s in store.list_cases()] == [TITLE]


async def test_identity_screen_shows_the_key_and_the_book(ans: Colleague, bea: Colleague) -> None:
    befriend(ans, bea)
    public = ans.store.identity().public
    ans.store.close()
    app = app_on(ans.path)
    async with app.run_test(size=(140, 30)) as pilot:
        await unlock(pilot)
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        screen.action_identity()
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)
        assert text_of(app.screen, "#identity-line") == public.line
        assert public.fingerprint in text_of(app.screen, "#identity-fingerprint")
        assert "Bea" in text_of(app.screen, "#identity-contacts")
        assert "(bevestigd)" in text_of(app.screen, "#identity-contacts")


async def test_a_colleague_is_added_and_confirmed_in_the_app(
    ans: Colleague, bea: Colleague, cor: Colleague
) -> None:
    from meldcode_tui.casework.contacts import list_contacts

    cor_key = cor.store.identity().public
    bea_key = bea.store.identity().public
    ans.store.close()
    app = app_on(ans.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        screen.action_identity()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, IdentityScreen)
        assert app.focused is dialog.query_one("#contact-name", Input)  # typing adds at once
        confirm = dialog.query_one("#contact-confirm", Button)
        assert confirm.disabled  # nobody to confirm yet
        # A mistyped key: one line in the dialog, nothing added.
        dialog.query_one("#contact-name", Input).value = "Cor"
        dialog.query_one("#contact-key", Input).value = "mc1.niet-goed"
        dialog.query_one("#contact-key", Input).focus()
        await pilot.press("enter")  # Enter in the key field adds, as the button does
        await pilot.pause()
        assert "geen geldige publieke meldcode-sleutel" in text_of(dialog, "#identity-error")
        assert list_contacts(dialog.store) == []  # type: ignore[arg-type]
        # Pasted as it was copied from a wrapped line: in two pieces. It is kept whole.
        dialog.query_one("#contact-key", Input).value = ""
        half = len(cor_key.line) // 2
        app.post_message(events.Paste(cor_key.line[:half] + "\n" + cor_key.line[half:]))
        await pilot.pause()
        assert dialog.query_one("#contact-key", Input).value == cor_key.line
        await pilot.press("enter")
        await pilot.pause()
        said = text_of(dialog, "#identity-error")
        assert "Cor toegevoegd, nog NIET bevestigd" in said and cor_key.fingerprint in said
        assert "NIET bevestigd" in text_of(dialog, "#identity-contacts")
        # Confirmed only by its own button, for the colleague chosen (preselected: Cor).
        assert dialog.query_one("#contact-unconfirmed", Select).value == "Cor"
        # The choice shows the name as typed: a "[" in a name is no markup.
        dialog.query_one("#contact-name", Input).value = "Dirk [b]de Vries[/b]"
        dialog.query_one("#contact-key", Input).value = bea_key.line
        dialog.query_one("#contact-key", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        label = dialog.query_one("#contact-unconfirmed", Select).query_one("SelectCurrent #label")
        assert "Dirk [b]de Vries[/b]" in str(label.render())  # type: ignore[attr-defined]
        dialog.query_one("#contact-unconfirmed", Select).value = "Cor"
        await pilot.pause()
        assert not confirm.disabled
        confirm.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Sleutel van Cor bevestigd" in text_of(dialog, "#identity-error")
        assert "Cor  " in text_of(dialog, "#identity-contacts")
        assert "(bevestigd)" in text_of(dialog, "#identity-contacts")
        assert not confirm.disabled  # Dirk still waits to be confirmed
        await pilot.press("escape")
    with Store.open(ans.path, PASSPHRASE) as again:
        found = {c.name: (c.key, c.confirmed) for c in list_contacts(again)}
        assert found == {"Cor": (cor_key, True), "Dirk [b]de Vries[/b]": (bea_key, False)}


async def test_a_handed_over_case_opens_read_only(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    from meldcode_tui.casework.handover import hand_over
    from meldcode_tui.tui.screens.wizard import WizardScreen

    befriend(ans, bea)
    case_id = full_case(ans.store)
    hand_over(ans.store, case_id, "Bea", tmp_path / "b", now=NOW)
    ans.store.close()
    app = app_on(ans.path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        cases = app.screen
        assert isinstance(cases, CaseListScreen)
        assert cases.summaries[0].handed_over
        await pilot.press("enter")
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        assert "overgedragen aan Bea op 20-11-2026" in text_of(wizard, "#case-lifecycle")
        assert "[overgedragen]" in text_of(wizard, "#wizard-header")
        await pilot.press("f10")
        await pilot.pause()
        assert app.screen is wizard
    with Store.open(ans.path, PASSPHRASE) as again:
        assert again.get_case(case_id).summary.status == "open"
        assert again.verify() == []
