"""The case list's rows: ordered, made searchable and marked once per read of the store.

With 10,000 cases, sorting them overdue first, folding every title for the filter and opening
closed cases for their retention clock on every key typed took most of a key's time (issue 16).
`CaseRows` does that work once per `list_cases` and again only when the clock makes it stale:
a deadline passes (the order and the "!" change) or the day turns (a retention term ends).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.text import Text

from meldcode_tui.dates import show_date
from meldcode_tui.flow import FlowError, get_flow
from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.store.reads import FirstCases
from meldcode_tui.store.records import CaseSummary
from meldcode_tui.tui.case_marks import case_marks, mark_text
from meldcode_tui.tui.protocol_names import protocol_name
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.widgets.case_table import Row


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


class CaseRows:
    """Every listed case in the order shown, with what the filter searches; rows on demand."""

    def __init__(
        self,
        store: Store,
        summaries: list[CaseSummary],
        now: datetime,
        first: FirstCases | None = None,
    ) -> None:
        """`first`: the summaries are only the first page of the list (`Store.list_first`),
        which counts all the cases and those past a limit; the filter needs the whole list."""
        self._store = store
        self._summaries = summaries
        self.first = first
        self._prepare(now)

    def _prepare(self, now: datetime) -> None:
        self._at = now
        # Overdue first (a case still open whose limit, as the engine wrote it at the last
        # change, passed), the longest overdue on top, as `meldcode due` orders them; the rest
        # as the store lists them. One pass over 10,000 cases, noting the first limit still
        # ahead: once it passes, a case turns overdue or its "!" shows.
        late: list[CaseSummary] = []
        rest: list[CaseSummary] = []
        until: datetime | None = None
        names: dict[str, str] = {}
        for s in self._summaries:
            if s.flow_id not in names:
                names[s.flow_id] = protocol_name(s.flow_id)
            deadline = s.next_deadline
            if deadline is None:
                rest.append(s)
                continue
            if deadline >= now:
                until = deadline if until is None or deadline < until else until
            (late if s.status != "closed" and deadline < now else rest).append(s)
        late.sort(key=lambda s: s.next_deadline or now)
        self.ordered = late + rest
        self._names = names
        self._haystacks = [
            f"{s.title} {s.flow_id} {names[s.flow_id]}".casefold() for s in self.ordered
        ]
        self.late = len(late) if self.first is None else self.first.late
        self._until = until
        self._marks: dict[str, str | None] = {}
        # New rows whenever their cells may differ: the table draws a row it has not seen.
        self._rows: dict[str, Row] = {}

    def _keep_current(self, now: datetime) -> None:
        stale = (
            now < self._at
            or now.date() != self._at.date()
            or (self._until is not None and now > self._until)
        )
        if stale:
            self._prepare(now)

    def match(self, needle: str, now: datetime, limit: int) -> tuple[list[CaseSummary], int]:
        """The first `limit` cases whose title or protocol holds `needle` (casefolded), and how
        many hold it in all."""
        self._keep_current(now)
        if not needle:
            total = len(self.ordered) if self.first is None else self.first.total
            return self.ordered[:limit], total
        assert self.first is None, "the filter searches the whole list"
        hits = [i for i, hay in enumerate(self._haystacks) if needle in hay]
        return [self.ordered[i] for i in hits[:limit]], len(hits)

    def marks(self, shown: Iterable[CaseSummary]) -> dict[str, str]:
        """The marks of the cases shown (a closed case is opened once for its retention)."""
        shown = list(shown)
        missing = [s for s in shown if s.id not in self._marks]
        if missing:
            found = case_marks(self._store, missing, self._at.date())
            for s in missing:
                self._marks[s.id] = found.get(s.id)
        return {s.id: mark for s in shown if (mark := self._marks[s.id]) is not None}

    def row(self, summary: CaseSummary) -> Row:
        """The table row of one case, its mark before the title (made once per read)."""
        row = self._rows.get(summary.id)
        if row is None:
            if summary.id not in self._marks:
                self.marks([summary])
            title = literal(summary.title)
            mark = self._marks.get(summary.id)
            row = Row.of(
                summary.id,
                [
                    title if mark is None else mark_text(mark) + title,
                    literal(self._names[summary.flow_id]),
                    step_cell(summary),
                    yes_no(summary.melden),
                    yes_no(summary.hulp),
                    deadline_cell(summary, self._at),
                    Text(show_date(summary.updated_at)),
                ],
            )
            self._rows[summary.id] = row
        return row
