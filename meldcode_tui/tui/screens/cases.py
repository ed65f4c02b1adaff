"""The case list: every case with where it stands; filter as you type, new, open, shred."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static

from meldcode_tui.casework import shred_case, start_case
from meldcode_tui.casework.roles import remembered_role
from meldcode_tui.dates import show_date
from meldcode_tui.flow import FlowError, get_flow
from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.store.records import CaseSummary
from meldcode_tui.tui.case_marks import case_marks, legend, mark_text
from meldcode_tui.tui.protocol_names import protocol_name
from meldcode_tui.tui.screens.handover_actions import HandoverActions
from meldcode_tui.tui.screens.results import NewCase
from meldcode_tui.tui.services import services
from meldcode_tui.tui.text import literal, visible
from meldcode_tui.tui.widgets.keybar import KeyBar

TITLE_WIDTH = 20
# Rows in the table at most (the most recently changed first). Textual measures every cell of
# every row it is given, so 10,000 rows take seconds to show and again on every key typed in
# the filter; the filter finds the others, and a line under the table says how many there are.
MAX_ROWS = 100


def yes_no(value: bool | None) -> Text:
    if value is None:
        return Text("–", style="dim")
    return Text(t("common.yes") if value else t("common.no"), style="bold" if value else "")


def step_cell(summary: CaseSummary) -> Text:
    """Where the case stands: step number of total, or its status once finished."""
    if summary.handed_over:
        return Text(t("tui.handover.badge"), style="dim")
    if summary.status in ("closed", "monitoring") and summary.current_step is None:
        return Text(t(f"tui.cases.status.{summary.status}"))
    try:
        flow = get_flow(summary.flow_id)
    except FlowError:
        return literal(summary.current_step or "")
    ids = [s.id for s in flow.steps]
    if summary.current_step in ids:
        return Text(t("tui.cases.step_of", n=ids.index(summary.current_step) + 1, total=len(ids)))
    return Text(t("tui.cases.status.open"))


def deadline_cell(summary: CaseSummary, now: datetime) -> Text:
    if summary.next_deadline is None:
        return Text("")
    day = show_date(summary.next_deadline)
    if summary.next_deadline < now:
        # Overdue must stand out without relying on colour alone: reverse plus a mark.
        return Text(f"! {day}", style="bold reverse red")
    return Text(day)


def is_overdue(summary: CaseSummary, now: datetime) -> bool:
    """A case still open whose next limit (as the engine wrote it at the last change) passed."""
    return (
        summary.status != "closed"
        and summary.next_deadline is not None
        and summary.next_deadline < now
    )


def overdue_first(summaries: list[CaseSummary], now: datetime) -> list[CaseSummary]:
    """Cases past a limit on top, the longest overdue first; the rest as the store lists them.

    The same order as `meldcode due` (by date), so the most urgent case is the first row.
    """
    late = sorted(
        (s for s in summaries if is_overdue(s, now)),
        key=lambda s: s.next_deadline or now,
    )
    return late + [s for s in summaries if not is_overdue(s, now)]


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

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        super().__init__(id="cases")
        self.store = store
        self.clock = clock
        self.summaries: list[CaseSummary] = []
        self._by_id: dict[str, CaseSummary] = {}
        # Pushing the screen resumes it right after on_mount has filled the table.
        self._filled_on_mount = False

    def compose(self) -> ComposeResult:
        title = Text(t("tui.cases.title"), style="bold")
        if services(self.app).demo:
            title.append("  " + t("tui.demo_banner"), style="reverse")
        yield Static(title, id="cases-title")
        field = Input(placeholder=t("tui.cases.filter"), id="filter")
        field.cursor_blink = False
        yield field
        yield DataTable(id="case-table", cursor_type="row", zebra_stripes=True, cell_padding=0)
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
        self.reload()
        self._filled_on_mount = True
        if self.store.kdf_warning is not None:
            # The test-only light key settings (vault/kdf.py): as loud here as in the commands.
            path = visible(str(self.store.path))
            message = t(f"trust.kdf_{self.store.kdf_warning}", path=path)
            self.app.notify(message, severity="warning", timeout=60, markup=False)
        self.query_one("#filter", Input).focus()

    def on_screen_suspend(self) -> None:
        self._filled_on_mount = False

    def on_screen_resume(self) -> None:
        if self._filled_on_mount:
            self._filled_on_mount = False
            return
        # While locking, the screens above are popped after the store has been closed.
        if not self.store.closed:
            self.reload()

    def reload(self) -> None:
        self.summaries = self.store.list_cases()
        self._by_id = {s.id: s for s in self.summaries}
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#case-table", DataTable)
        table.clear(columns=True)
        needle = self.query_one("#filter", Input).value.strip().casefold()
        now = self.clock()
        rows: list[tuple[str, list[Text]]] = []
        matched = 0
        for s in overdue_first(self.summaries, now):
            protocol = protocol_name(s.flow_id)
            if needle and needle not in f"{s.title} {s.flow_id} {protocol}".casefold():
                continue
            matched += 1
            if len(rows) == MAX_ROWS:
                continue
            rows.append(
                (
                    s.id,
                    [
                        literal(s.title),
                        literal(protocol),
                        step_cell(s),
                        yes_no(s.melden),
                        yes_no(s.hulp),
                        deadline_cell(s, now),
                        Text(show_date(s.updated_at)),
                    ],
                )
            )
        # Damaged and past-retention marks before the title (tui/case_marks.py), for the rows
        # shown only: a closed case is opened to read its retention clock.
        marks = case_marks(self.store, (self._by_id[i] for i, _ in rows), now.date())
        for case_id, cells in rows:
            if case_id in marks:
                cells[0] = mark_text(marks[case_id]) + cells[0]
        # Widths from the content plus one space instead of the default two-sided padding,
        # so an 80-column terminal shows every column.
        keys = ("title", "protocol", "step", "melden", "hulp", "deadline", "changed")
        labels = [t(f"tui.cases.col.{key}") for key in keys]
        widths = [
            max([len(label), *(cells[i].cell_len for _, cells in rows)])
            for i, label in enumerate(labels)
        ]
        # The title takes what the other columns leave (at least TITLE_WIDTH) and wraps there:
        # a name cut off with "…" could be the wrong child's.
        room = (table.size.width or self.app.size.width - 2) - sum(w + 1 for w in widths[1:]) - 2
        widths[0] = max(TITLE_WIDTH, min(widths[0], room))
        for key, label, width in zip(keys, labels, widths, strict=True):
            table.add_column(label, key=key, width=width + 1)
        for case_id, cells in rows:
            # One line per case unless its title needs more.
            table.add_row(*cells, key=case_id, height=None if cells[0].cell_len > widths[0] else 1)
        shown = len(rows)
        empty = self.query_one("#cases-empty", Static)
        if not self.summaries:
            empty.update(t("tui.cases.empty"))
        elif not shown:
            empty.update(t("tui.cases.no_match"))
        elif matched > shown:
            empty.update(t("caselist.more", shown=shown, count=matched))
        else:
            empty.update("")
        if marks:
            empty.update("\n".join(filter(None, [str(empty.content), legend(marks.values())])))
        empty.display = not shown or matched > shown or bool(marks)
        late = sum(1 for s in self.summaries if is_overdue(s, now))
        overdue = self.query_one("#cases-overdue", Static)
        overdue.update(Text(t("deadlines.cases_overdue", count=late), style="bold") if late else "")
        overdue.display = bool(late)

    def _selected(self) -> CaseSummary | None:
        table = self.query_one("#case-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.summaries if s.id == key), None)

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _submit_filter(self) -> None:
        self.action_open_case()

    def action_to_table(self) -> None:
        self.query_one("#case-table", DataTable).focus()

    @on(DataTable.RowSelected, "#case-table")
    def _row_selected(self) -> None:
        self.action_open_case()

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
        self.reload()
        self.query_one("#filter", Input).focus()
