"""The case list: every case with where it stands; filter as you type, new, open, shred."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from meldcode_tui.casework import shred_case, start_case
from meldcode_tui.casework.roles import remembered_role
from meldcode_tui.flow import get_flow
from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.store.reads import FirstCases
from meldcode_tui.store.records import CaseSummary
from meldcode_tui.tui.app_words import app_line
from meldcode_tui.tui.case_marks import legend
from meldcode_tui.tui.case_rows import CaseRows
from meldcode_tui.tui.screens.handover_actions import HandoverActions
from meldcode_tui.tui.screens.results import NewCase
from meldcode_tui.tui.services import services
from meldcode_tui.tui.text import visible
from meldcode_tui.tui.widgets.case_table import CaseTable
from meldcode_tui.tui.widgets.keybar import KeyBar

TITLE_WIDTH = 20
# Rows in the table at most (the most recently changed first): the marks of the rows shown
# open every closed case among them for its retention clock; the filter finds the others, and
# a line under the table says how many there are.
MAX_ROWS = 100
# Up to this many cases the list is read whole at once (about 25 ms). A larger store shows its
# first page from the cases on it (Store.list_first) and reads the rest right after that
# is drawn: with 10,000 cases, opening every one first kept the list off screen for 250 ms.
READ_ALL_UP_TO = 1_000


class CaseListScreen(HandoverActions):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Hand-over (issue 17): the actions live in handover_actions.py.
        Binding("ctrl+g", "hand_over", priority=True, show=False),
        Binding("ctrl+r", "receive", priority=True, show=False),
        Binding("ctrl+n", "new_case", priority=True, show=False),
        Binding("ctrl+o", "open_case", priority=True, show=False),
        Binding("ctrl+d", "shred_case", priority=True, show=False),
        Binding("f9", "export", priority=True, show=False),
        Binding("ctrl+t", "deadlines", priority=True, show=False),
        Binding("down", "to_table", show=False),
    ]

    _new_search = False

    def __init__(self, store: Store | None, clock: Callable[[], datetime]) -> None:
        """`store` None: a list made while the passphrase is typed, shown after `attach`.

        Mounting this screen (compose, styles) is most of what the user waited for after the
        key derivation (issue 16); the app mounts one off the stack behind the lock screen
        (MeldcodeApp._prepare_case_list) and attaches the opened store to it. Until then it
        holds no case, and it is never on the screen stack.
        """
        # No id: a list being mounted behind the lock and one still being removed after a
        # lock are both the app's children for a moment, and Textual refuses two with one id.
        super().__init__()
        if store is not None:
            self.store = store
        self.attached = store is not None
        # Composed and mounted: attach() can fill the table.
        self.ready = False
        self.clock = clock
        self.summaries: list[CaseSummary] = []
        self._by_id: dict[str, CaseSummary] = {}
        self._rows: CaseRows | None = None
        # Pushing the screen resumes it right after on_mount has filled the table.
        self._filled_on_mount = False

    def compose(self) -> ComposeResult:
        title = Text(t("tui.cases.title"), style="bold")
        if services(self.app).demo:
            title.append("  " + t("tui.demo_banner"), style="reverse")
        yield Static(title, id="cases-title")
        # Not selected on focus: a letter typed on the table goes to the end of a new search.
        field = Input(placeholder=t("tui.cases.filter"), id="filter", select_on_focus=False)
        field.cursor_blink = False
        yield field
        yield CaseTable(min_first=TITLE_WIDTH, id="case-table")
        yield Static("", id="cases-empty")
        # How many cases are past a limit, and the key to the list of what is due.
        yield Static("", id="cases-overdue")
        with Horizontal(id="case-buttons"):
            yield Button(t("tui.cases.new"), id="case-new", variant="primary")
            yield Button(t("tui.cases.open"), id="case-open")
            yield Button(t("tui.cases.shred"), id="case-shred", variant="error")
        yield KeyBar(
            [
                ("^N", "screen.new_case", "tui.keys.new_case"),
                ("Enter", "screen.open_case", "tui.keys.open_case"),
                ("^T", "screen.deadlines", "keybar.deadlines"),
                ("F9", "screen.export", "tui.keys.export"),
                ("^D", "screen.shred_case", "tui.keys.shred"),
                # F1 before the hand-over keys: in Dutch at 80 columns both lines then fit.
                ("F1", "app.help", "tui.keys.help"),
                ("^G", "screen.hand_over", "tui.keys_handover.hand_over"),
                ("^R", "screen.receive", "tui.keys_handover.receive"),
                ("F2", "app.veilig_thuis", "tui.keys.veilig_thuis"),
                ("^L", "app.lock", "keybar.lock"),
                ("^Q", "app.quit", "tui.keys.quit"),
            ]
        )

    def on_mount(self) -> None:
        self.ready = True
        if self.attached:
            self._load()

    def attach(self, store: Store) -> None:
        """The opened store, for a list mounted before it (see __init__); then push it."""
        self.store = store
        self.attached = True
        self._load()

    def _load(self) -> None:
        if self.store.count_cases() <= READ_ALL_UP_TO:
            self.reload()
        else:
            first = self.store.list_first(self.clock(), MAX_ROWS)
            self._show(first.summaries, first)
            # After the first frame with the table's rows has gone to the screen.
            self.call_after_refresh(self.call_after_refresh, self._read_the_rest)
        self._filled_on_mount = True
        if self.store.kdf_warning is not None:
            # The test-only light key settings (vault/kdf.py): as loud here as in the commands.
            path = visible(str(self.store.path))
            message = app_line(f"trust.kdf_{self.store.kdf_warning}", path=path)
            self.app.notify(message, severity="warning", timeout=60, markup=False)
        self.query_one("#filter", Input).focus()

    def on_screen_suspend(self) -> None:
        self._filled_on_mount = False

    def on_screen_resume(self) -> None:
        if not self.attached:
            return
        if self._filled_on_mount:
            self._filled_on_mount = False
            return
        # While locking, the screens above are popped after the store has been closed.
        if not self.store.closed:
            self.reload()

    def reload(self) -> None:
        self._show(self.store.list_cases())

    def _show(self, summaries: list[CaseSummary], first: FirstCases | None = None) -> None:
        self.summaries = summaries
        self._by_id = {s.id: s for s in summaries}
        self._rows = CaseRows(self.store, summaries, self.clock(), first)
        self._fill()

    def _read_the_rest(self) -> None:
        # Locked (store closed) or already read whole (a key typed first) in the meantime.
        if self._rows is not None and self._rows.first is not None and not self.store.closed:
            self.reload()

    def _fill(self) -> None:
        assert self._rows is not None, "reload() reads the cases first"
        table = self.query_one("#case-table", CaseTable)
        needle = self.query_one("#filter", Input).value.strip().casefold()
        found, matched = self._rows.match(needle, self.clock(), MAX_ROWS)
        # Damaged and past-retention marks before the title (tui/case_marks.py), for the rows
        # shown only: a closed case is opened to read its retention clock.
        marks = self._rows.marks(found)
        rows = [self._rows.row(s) for s in found]
        keys = ("title", "protocol", "step", "melden", "hulp", "deadline", "changed")
        table.show([t(f"tui.cases.col.{key}") for key in keys], rows)
        shown = len(rows)
        if not self.summaries:
            under = t("tui.cases.empty")
        elif not shown:
            under = t("tui.cases.no_match")
        elif matched > shown:
            under = t("caselist.more", shown=shown, count=matched)
        else:
            under = ""
        if marks:
            under = "\n".join(filter(None, [under, legend(marks.values())]))
        late = self._rows.late
        overdue = t("deadlines.cases_overdue", count=late) if late else ""
        # Updating a line re-lays the whole screen out, and most keys leave both as they were.
        empty = self.query_one("#cases-empty", Static)
        if str(empty.content) != under:
            empty.update(under)
        empty.display = not shown or matched > shown or bool(marks)
        line = self.query_one("#cases-overdue", Static)
        if str(line.content) != overdue:
            line.update(Text(overdue, style="bold") if late else "")
        line.display = bool(late)

    def _selected(self) -> CaseSummary | None:
        key = self.query_one("#case-table", CaseTable).cursor_key
        return None if key is None else self._by_id.get(key)

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        if self._rows is not None and self._rows.first is not None:
            self.reload()  # a key typed before the rest was read: the filter needs every case
        else:
            self._fill()

    @on(Input.Submitted, "#filter")
    def _submit_filter(self) -> None:
        self.action_open_case()

    def on_key(self, event: events.Key) -> None:
        """A letter typed where nothing takes letters (the table, a button: back from a case,
        the focus is where it was) searches, as the field above the table invites."""
        fields = self.query("#filter").results(Input)  # none while relabelled (recompose)
        field = next(iter(fields), None)
        if (
            field is None
            or self.focused is field
            or not event.is_printable
            or event.character in (None, " ")
        ):
            return
        event.stop()
        event.prevent_default()
        if not self._new_search:
            # The first letter starts a new search; the next ones, typed before the focus has
            # moved to the field, go on with it.
            self._new_search = True
            field.value = ""
            field.focus()
        field.insert_text_at_cursor(event.character)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id != "filter":
            self._new_search = False

    def action_to_table(self) -> None:
        self.query_one("#case-table", CaseTable).focus()

    @on(CaseTable.Selected, "#case-table")
    def _row_selected(self, message: CaseTable.Selected) -> None:
        if message.key in self._by_id:
            self.app.call_later(services(self.app).open_case, message.key)

    @on(Button.Pressed, "#case-open")
    def action_open_case(self) -> None:
        summary = self._selected()
        if summary is not None:
            self.app.call_later(services(self.app).open_case, summary.id)

    @on(Button.Pressed, "#case-new")
    def action_new_case(self) -> None:
        from meldcode_tui.tui.screens.new_case import NewCaseScreen

        self.app.push_screen(NewCaseScreen(), self._created)

    def _created(self, result: NewCase | None) -> None:
        if result is None:
            return
        flow_id, title = result.flow_id, result.title
        # Who creates it: the role chosen for this flow earlier, else the settings' role,
        # else the flow's first.
        running = services(self.app)
        role = remembered_role(get_flow(flow_id), running.author_roles, running.settings.role)
        case_id, _ = start_case(self.store, flow_id, title, author_role=role, now=self.clock())
        self.app.call_later(services(self.app).open_case, case_id)

    @on(Button.Pressed, "#case-shred")
    def action_shred_case(self) -> None:
        from meldcode_tui.tui.screens.confirm import confirm_shred

        summary = self._selected()
        if summary is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                shred_case(self.store, summary.id)
                self.notify(t("tui.cases.shredded", title=visible(summary.title)), markup=False)
                self.reload()

        self.app.push_screen(confirm_shred(summary.title), done)

    def action_export(self) -> None:
        """F9: the export dialog for the selected case."""
        summary = self._selected()
        if summary is not None:
            services(self.app).open_export(summary.id)

    def action_deadlines(self) -> None:
        """Ctrl+T: every open case's deadlines, overdue first (what `meldcode due` lists)."""
        from meldcode_tui.tui.screens.deadlines import DeadlinesScreen

        self.app.push_screen(DeadlinesScreen(self.store, self.clock))

    async def relabel(self) -> None:
        await self.recompose()
        if self.attached:
            self.reload()
            self.query_one("#filter", Input).focus()
