"""A fingerprint is drawn so that it can be read aloud group by group: at 80x24 and 120x40, in
Dutch and English, every place in the app that draws one (the address book and the own key,
the hand-over dialog, the receive dialog, the chronology of a received case) shows each
fingerprint whole on one line, its groups in order.

A line break inside a group would make "3328" two numbers; one between groups splits what the
colleague reads aloud over two lines. Every widget that holds a fingerprint is checked as it
renders at its size (scrolled out of sight or not), and each screen must show the fingerprints
it is about, so a screen that lost one fails too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from handover_helpers import NOW, Colleague, befriend, full_case
from rich.text import Text
from test_handover_app import text_of, unlock
from textual import events
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static

from meldcode_tui.casework.contacts import add_contact
from meldcode_tui.casework.handover import hand_over
from meldcode_tui.settings import Settings
from meldcode_tui.tui.app import MeldcodeApp, make_app
from meldcode_tui.tui.fingerprints import FINGERPRINT, whole
from meldcode_tui.tui.screens.chronology import ChronologyScreen
from meldcode_tui.tui.screens.handover import HandoverScreen
from meldcode_tui.tui.screens.handover_identity import IdentityScreen
from meldcode_tui.tui.screens.handover_receive import ReceiveScreen
from meldcode_tui.tui.screens.wizard import WizardScreen

SIZES = [(80, 24), (120, 40)]
# Fictitious, and long: it pushes a fingerprint after it to the end of a line.
LONG_NAME = "Cornelia Wilhelmina van den Heuvel-Oosterwijk de Groot"


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    yield


def app_on(path: Path, lang: str) -> MeldcodeApp:
    return make_app(Settings(store_path=path, lang=lang, idle_minutes=0), clock=lambda: NOW)


def drawn(widget: Widget) -> list[str]:
    """The lines the widget draws at its size: what the user reads there."""
    size = widget.outer_size
    return [strip.text for strip in widget.render_lines(Region(0, 0, size.width, size.height))]


def plain(value: object) -> str:
    return value.plain if isinstance(value, Content | Text) else str(value)


def source(widget: Widget) -> str:
    """The text the widget is asked to show (a list: each of its options)."""
    if isinstance(widget, OptionList):
        return "\n".join(plain(option.prompt) for option in widget.options)
    return plain(widget.visual) if isinstance(widget, Static) else ""


def read_in_order(lines: list[str], fingerprint: str) -> str | None:
    """How the fingerprint's groups read, in order, where each group is whole on a line
    ("one line", or "over N lines"); None when a group is cut or the groups are not there."""
    groups = [re.escape(g) for g in fingerprint.split()]
    # Between groups: blanks, or a line end and the next line's blanks and frame.
    found = re.search(r"(?<!\d)" + r"[ ]*(\n[^\d\n]*)?".join(groups) + r"(?!\d)", "\n".join(lines))
    if found is None:
        return None
    breaks = found.group().count("\n")
    return "one line" if breaks == 0 else f"over {breaks + 1} lines"


def check_screen(screen: Widget, expected: set[str]) -> None:
    """Every fingerprint a shown widget holds is drawn whole on one line; `expected` are seen."""
    wrong: dict[str, str] = {}
    seen: set[str] = set()
    for widget in [screen, *screen.query("*")]:
        if not widget.display or not all(a.display for a in widget.ancestors_with_self):
            continue
        for fingerprint in FINGERPRINT.findall(source(widget)):
            how = read_in_order(drawn(widget), fingerprint)
            seen.add(fingerprint)
            if how != "one line":
                wrong[f"{widget!r} {fingerprint}"] = how or "a group cut or missing"
    assert wrong == {}
    assert expected <= seen, f"not drawn: {expected - seen}"


def test_read_in_order_finds_a_cut_group() -> None:
    fingerprint = "5901 2832 6356 4297 9021 8460"
    assert read_in_order(["Vingerafdruk: 5901 2832 6356 4297 9021 8460 "], fingerprint) == (
        "one line"
    )
    assert read_in_order(["x 5901 2832 6356 4297", "│ 9021 8460"], fingerprint) == "over 2 lines"
    assert read_in_order(["x 5901 2832 6356 42", "97 9021 8460"], fingerprint) is None
    assert read_in_order(["x 5901 2832 6356 4297 8460 9021"], fingerprint) is None


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_address_book_and_own_key(
    ans: Colleague, bea: Colleague, cor: Colleague, lang: str, size: tuple[int, int]
) -> None:
    add_contact(ans.store, LONG_NAME, bea.key, at=NOW.isoformat())
    own = ans.store.identity().public.fingerprint
    bea_fp, cor_fp = (c.store.identity().public.fingerprint for c in (bea, cor))
    ans.store.close()
    app = app_on(ans.path, lang)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        app.screen.action_identity()  # type: ignore[attr-defined]
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IdentityScreen)
        check_screen(screen, {own, bea_fp})
        # Adding a colleague says the fingerprint to compare; the picker shows it too.
        screen.query_one("#contact-name", Input).value = "Cor"
        screen.query_one("#contact-key", Input).value = cor.key
        screen.query_one("#contact-key", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert cor_fp in text_of(screen, "#identity-error")
        check_screen(screen, {own, bea_fp, cor_fp})
        picker = screen.query_one("#contact-unconfirmed", Select)
        picker.value = LONG_NAME
        await pilot.pause()
        check_screen(picker, {bea_fp})
        picker.focus()
        await pilot.press("enter")  # the list of colleagues to confirm, open
        await pilot.pause()
        check_screen(picker, {bea_fp, cor_fp})


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_hand_over_dialog(
    ans: Colleague, bea: Colleague, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    add_contact(ans.store, LONG_NAME, bea.key, at=NOW.isoformat())  # not confirmed
    fingerprint = bea.store.identity().public.fingerprint
    full_case(ans.store)
    ans.store.close()
    app = app_on(ans.path, lang)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HandoverScreen)
        await pilot.press("enter", "down", "enter")  # the colleague, by keys
        await pilot.pause()
        assert fingerprint in text_of(screen, "#handover-warning")
        check_screen(screen, {fingerprint})
        screen.query_one("#handover-file", Input).value = str(tmp_path / "b.meldcode")
        screen.query_one("#handover-expires", Input).focus()
        await pilot.press("enter")  # asks, with the fingerprint
        await pilot.pause()
        assert fingerprint in text_of(screen, "#handover-error")
        check_screen(screen, {fingerprint})


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_receive_dialog_and_chronology(
    ans: Colleague, bea: Colleague, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    befriend(ans, bea)
    add_contact(bea.store, LONG_NAME, ans.key, at=NOW.isoformat())  # not confirmed
    bundle = tmp_path / "van-ans.meldcode"
    hand_over(ans.store, full_case(ans.store), "Bea", bundle, now=NOW)
    fingerprint = ans.store.identity().public.fingerprint
    ans.store.close()
    bea.store.close()
    app = app_on(bea.path, lang)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReceiveScreen)
        pilot.app.post_message(events.Paste(str(bundle)))
        await pilot.pause()
        await pilot.press("enter")  # asks, with the fingerprint
        await pilot.pause()
        assert fingerprint in text_of(screen, "#receive-error")
        check_screen(screen, {fingerprint})
        await pilot.press("tab", "enter")  # the button that says the fingerprint matches
        await pilot.pause()
        assert fingerprint in text_of(screen, "#receive-result")
        check_screen(screen, {fingerprint})
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the received case
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, ChronologyScreen)
        check_screen(app.screen, {fingerprint})


class Narrow(App[None]):
    """A place narrower than a fingerprint (no dialog at 80x24 is)."""

    CSS = "Static { width: 16; }"

    def compose(self) -> ComposeResult:
        yield Static(whole("Vingerafdruk: 5901 2832 6356 4297 9021 8460, lees voor"))


async def test_a_line_narrower_than_a_fingerprint_breaks_only_between_groups() -> None:
    async with Narrow().run_test(size=(40, 10)) as pilot:
        lines = drawn(pilot.app.query_one(Static))
    assert read_in_order(lines, "5901 2832 6356 4297 9021 8460") == "over 2 lines", lines


def test_what_sticks_to_a_fingerprint_moves_with_it() -> None:
    laid_out = whole("Bevestigd (vingerafdruk 5901 2832 6356 4297 9021 8460).").laid_out(34)
    assert laid_out.plain.split("\n") == [
        "Bevestigd (vingerafdruk",
        "5901 2832 6356 4297 9021 8460).",
    ]
    laid_out = whole("Sleutel (5901 2832 6356 4297 9021 8460) klopt").laid_out(34)
    assert laid_out.plain.split("\n") == ["Sleutel", "(5901 2832 6356 4297 9021 8460)", "klopt"]
