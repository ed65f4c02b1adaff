"""All deadlines at a glance: every open case's time limits and agreed actions, overdue first.

The list is `casework.due.what_is_due`, the function behind `meldcode due`, so the app and the
command line can never disagree about what is due; this screen only lays it out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from meldcode_tui.casework.due import DueReport, what_is_due
from meldcode_tui.dates import show_date
from meldcode_tui.i18n import current_language, t
from meldcode_tui.store import Store
from meldcode_tui.store.records import CaseSummary
from meldcode_tui.tui.app_words import app_line
from meldcode_tui.tui.services import services
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.widgets.keybar import KeyBar

# Every limit still to come, however far: "every case's next deadline", not a week's worth.
HORIZON = timedelta(days=36500)


def case_name(summary: CaseSummary) -> str:
    """A case as the list names it; a damaged or empty title says so (as `meldcode due`)."""
    if summary.damaged and not summary.title:
        return app_line("cases.damaged_title")
    return summary.title or t("cases.no_title")


def due_report(store: Store, now: datetime) -> DueReport:
    return what_is_due(store, now, now + HORIZON, current_language(), case_name)


def item_text(item: dict[str, Any]) -> Text:
    """One deadline: mark and date, the case, what is due, and the flow's advice once late.

    Overdue reads without colour too: a "!" and the word, in reverse.
    """
    due = datetime.fromisoformat(item["due"])
    text = Text()
    if item["overdue"]:
        text.append("! " + t("deadlines.overdue") + " ", style="bold reverse red")
        text.append(" " + show_date(due), style="bold")
    else:
        text.append(show_date(due), style="bold")
    text.append("  ")
    text.append_text(literal(item["title"], style="bold"))
    text.append("\n  ")
    text.append_text(literal(item["label"]))
    if item["message"]:
        text.append("\n  ")
        text.append_text(literal(item["message"], style="italic"))
    return text


class DeadlinesScreen(Screen[None]):
    """Ctrl+T on the case list. Enter opens the case of the deadline; Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", show=False),
        Binding("ctrl+t", "back", priority=True, show=False),
    ]

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        super().__init__(id="deadlines")
        self.store = store
        self.clock = clock
        self.report = DueReport()

    def compose(self) -> ComposeResult:
        yield Static(Text(t("deadlines.title"), style="bold"), id="deadlines-title")
        yield Static(t("deadlines.explain"), id="deadlines-explain")
        yield Static("", id="deadlines-warnings")
        yield OptionList(id="deadlines-list")
        yield Static("", id="deadlines-empty")
        yield KeyBar(
            [
                ("Enter", "screen.open_case", "tui.keys.open_case"),
                ("Esc", "screen.back", "tui.keys.cases"),
                ("F2", "app.veilig_thuis", "tui.keys.veilig_thuis"),
                ("F1", "app.help", "tui.keys.help"),
                ("^L", "app.lock", "keybar.lock"),
            ]
        )

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#deadlines-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Back from a case: what was done there may have moved its deadlines.
        if not self.store.closed:
            self.reload()

    def reload(self) -> None:
        self.report = due_report(self.store, self.clock())
        listing = self.query_one("#deadlines-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        # Sorted by date as `meldcode due` sorts them: what is overdue comes first.
        listing.add_options(
            Option(item_text(item), id=f"{n}") for n, item in enumerate(self.report.items)
        )
        if self.report.items:
            listing.highlighted = min(highlighted or 0, len(self.report.items) - 1)
        warnings = self.query_one("#deadlines-warnings", Static)
        warnings.update(literal("\n".join(self.report.warnings)))
        warnings.display = bool(self.report.warnings)
        empty = self.query_one("#deadlines-empty", Static)
        empty.update(t("deadlines.none"))
        empty.display = not self.report.items
        listing.display = bool(self.report.items)

    @on(OptionList.OptionSelected, "#deadlines-list")
    def _chosen(self) -> None:
        self.action_open_case()

    def action_open_case(self) -> None:
        listing = self.query_one("#deadlines-list", OptionList)
        if listing.highlighted is None or not self.report.items:
            return
        case_id = self.report.items[listing.highlighted]["case"]
        self.app.call_later(services(self.app).open_case, case_id)

    def action_back(self) -> None:
        self.dismiss(None)

    async def relabel(self) -> None:
        await self.recompose()
        self.reload()
        self.query_one("#deadlines-list", OptionList).focus()
