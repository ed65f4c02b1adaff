"""F12: the chronology of the open case, by the date things happened (casework/chronology.py).

Read-only; the same items as the full export's chronology, in the app's language.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meldcode_tui.casework import OpenCase
from meldcode_tui.casework.chronology import build_chronology
from meldcode_tui.casework.contacts import list_contacts
from meldcode_tui.dates import show_date, show_moment
from meldcode_tui.flow.model import Flow
from meldcode_tui.flow.roles import role_words
from meldcode_tui.i18n import current_language, t
from meldcode_tui.summary.model import ChronologyItem
from meldcode_tui.tui.fingerprints import whole
from meldcode_tui.tui.text import literal

# Marks what kind of thing happened, so a correction or a closing stands out in the list.
STYLE = {
    "corrected": "italic",
    "withdrawn": "italic",
    "closed": "bold",
    "reopened": "bold",
    "flow_changed": "bold",
    "decision": "bold",
}


def item_text(item: ChronologyItem, flow: Flow | None = None) -> Text:
    when = show_date(item.at) if item.day_only else show_moment(item.at)
    text = Text()
    text.append(when, style="bold")
    text.append("  ")
    text.append_text(literal(item.what, style=STYLE.get(item.kind, "")))
    if item.detail:
        text.append(": ")
        text.append_text(literal(item.detail))
    extra = ", ".join(
        x
        for x in (
            item.step,
            t("chronology.by", role=role_words(flow, item.by, current_language()))
            if item.by
            else "",
        )
        if x
    )
    if extra:
        text.append("\n")
        text.append_text(literal(extra, style="dim"))
    return text


class ChronologyScreen(ModalScreen[None]):
    """Esc (or the button) goes back; the list scrolls."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", show=False),
        Binding("f12", "back", priority=True, show=False),
    ]

    def __init__(self, session: OpenCase) -> None:
        super().__init__(id="chronology")
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        # The sender of a received case by the address book as it is now (casework/sender.py).
        contacts = list_contacts(s.store)
        items = build_chronology(
            s.flow, s.case, s.reevaluate(), current_language(), contacts=contacts
        )
        with Vertical(id="chronology-dialog", classes="dialog"):
            yield Static(t("chronology.title"), classes="dialog-title")
            yield Static(t("chronology.intro"), classes="dialog-help")
            with VerticalScroll(id="chronology-list"):
                if not items:
                    yield Static(t("chronology.empty"), classes="dialog-help")
                for item in items:
                    # A colleague's fingerprint (received, handed over) stays whole on a line.
                    yield Static(
                        whole(item_text(item, s.flow)), classes=f"chronology-item kind-{item.kind}"
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("chronology.back"), id="chronology-back", variant="primary")

    def on_mount(self) -> None:
        # The list takes the arrow keys and PageUp/PageDown at once.
        self.query_one("#chronology-list", VerticalScroll).focus()

    @on(Button.Pressed, "#chronology-back")
    def action_back(self) -> None:
        self.dismiss(None)
