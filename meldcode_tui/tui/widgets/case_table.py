"""The case list's table: rows kept as plain data, only the lines in view drawn (issue 16).

Textual's DataTable measured every cell of every row it was given and built per-row
structures, so with 10,000 cases each key typed in the filter spent most of its time there.
This table takes the rows as they are (a key and its cells), sizes its columns from their
lengths, wraps only a cell longer than its column, and draws a line when it comes into view.

The cursor row is marked in a one-column gutter ("▶" while the table has focus, "›" while
the filter has it), so it shows without colour: in the high-contrast theme, under NO_COLOR
and on a monochrome screen.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CURSOR_FOCUSED = "▶"
CURSOR_BLURRED = "›"
GUTTER = 1
# The scrollbar is one column wide; the first column leaves room for it whether it shows or
# not, so the columns do not move when a key brings the row count over the screen's height.
SCROLLBAR = 1
# Drawn lines kept at most (a few screens' worth per row look), then drawn afresh.
MAX_KEPT = 2_000


# eq=False: a row is its own key in the table's cache of drawn lines (hashed by identity).
@dataclass(frozen=True, slots=True, eq=False)
class Row:
    """One case: its key (the case id), one text per column and their widths on screen."""

    key: str
    cells: Sequence[Text]
    lengths: tuple[int, ...]

    @classmethod
    def of(cls, key: str, cells: Sequence[Text]) -> Row:
        return cls(key, cells, tuple(cell.cell_len for cell in cells))


class CaseTable(ScrollView, can_focus=True):
    """A header line and one row per case; the first column takes the width the others leave."""

    DEFAULT_CSS = """
    CaseTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        scrollbar-size-vertical: 1;
        &:focus {
            background-tint: $foreground 5%;
            & > .case-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .case-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .case-table--even-row { background: $surface-darken-1 40%; }
        & > .case-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .case-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .case-table--even-row { background: $surface-lighten-1 50%; }
        & > .case-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "case-table--header",
        "case-table--even-row",
        "case-table--cursor",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home,ctrl+home", "first", show=False),
        Binding("end,ctrl+end", "last", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False, init=False)

    class Selected(Message):
        """Enter on a row, or a click on the row under the cursor."""

        def __init__(self, table: CaseTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> CaseTable:
            return self.table

    def __init__(self, *, min_first: int, id: str | None = None) -> None:
        super().__init__(id=id)
        self.min_first = min_first
        self.labels: list[str] = []
        self.rows: list[Row] = []
        self._widths: list[int] = []
        # Per row: its first line among all the rows' lines, and the lines of each cell where
        # one wraps (None: every cell is one line).
        self._starts: list[int] = []
        self._wrapped: list[list[list[Text]] | None] = []
        self._lines = 0
        # Drawn lines with the style that fills the rest of the width, per row, line of the
        # row and look (cursor, stripe): kept while the widths stay, so a key that leaves rows
        # on screen does not draw them again; dropped when the widths, focus or theme change.
        self._strips: dict[tuple[Row | None, int, str], tuple[Strip, Style]] = {}
        self._base_style: Style | None = None
        self._drawn_for: tuple[list[str], list[int]] = ([], [])

    # The data

    def show(self, labels: Sequence[str], rows: Sequence[Row]) -> None:
        """Take these rows in (the cursor on the first, scrolled to the top) and redraw."""
        labels, rows = list(labels), list(rows)
        same = labels == self.labels and len(rows) == len(self.rows)
        if same and all(new is old for new, old in zip(rows, self.rows, strict=True)):
            # The first letters typed often leave the rows as they are: nothing to draw
            # unless the cursor or the view has moved.
            self.cursor_row = 0
            self.scroll_to(0, 0, animate=False, immediate=True)
            return
        self.labels, self.rows = labels, rows
        self._layout()
        self.set_reactive(CaseTable.cursor_row, 0)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def widths(self) -> list[int]:
        """The width of each column's text (a space follows every column but the last)."""
        return list(self._widths)

    def row_height(self, index: int) -> int:
        return self._end(index) - self._starts[index]

    @property
    def cursor_key(self) -> str | None:
        if not self.rows:
            return None
        return self.rows[self.cursor_row].key

    def move_cursor(self, row: int) -> None:
        self.cursor_row = max(0, min(row, len(self.rows) - 1))

    def _layout(self) -> None:
        """Column widths, the first column's wrapped lines and where each row starts."""
        count = len(self.labels)
        widths = [cell_len(label) for label in self.labels]
        for row in self.rows:
            widths = [max(pair) for pair in zip(widths, row.lengths, strict=True)]
        if count:
            # The title takes what the other columns leave (at least min_first) and wraps
            # there: a name cut off with "…" could be the wrong child's.
            width = self.size.width or self.app.size.width - 2
            others = sum(widths[1:]) + count - 1  # with a space after every column but the last
            room = width - GUTTER - SCROLLBAR - others
            widths[0] = max(self.min_first, min(widths[0], room))
        self._widths = widths
        console = self.app.console
        starts: list[int] = []
        wrapped: list[list[list[Text]] | None] = []
        line = 0
        for row in self.rows:
            starts.append(line)
            long = [length > width for length, width in zip(row.lengths, widths, strict=True)]
            if not any(long):
                wrapped.append(None)
                line += 1
                continue
            cells = [
                list(cell.wrap(console, widths[i])) if long[i] else [cell]
                for i, cell in enumerate(row.cells)
            ]
            wrapped.append(cells)
            line += max(len(lines) for lines in cells)
        self._starts = starts
        self._wrapped = wrapped
        self._lines = line
        if (self.labels, widths) != self._drawn_for or len(self._strips) > MAX_KEPT:
            self._forget()
            self._drawn_for = (self.labels, widths)
        total = GUTTER + sum(widths) + max(0, count - 1)
        self.virtual_size = Size(total, 1 + line)

    def _end(self, index: int) -> int:
        return self._starts[index + 1] if index + 1 < len(self._starts) else self._lines

    # Drawing

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if y == 0:
            strip, style = self._header()
        else:
            line = scroll_y + y - 1
            if line >= self._lines or not self.rows:
                return Strip.blank(width, self._base())
            index = bisect_right(self._starts, line) - 1
            strip, style = self._row_line(index, line - self._starts[index])
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    def _header(self) -> tuple[Strip, Style]:
        key = (None, 0, "header")
        drawn = self._strips.get(key)
        if drawn is None:
            style = self.get_component_rich_style("case-table--header")
            cells = [Text(label) for label in self.labels]
            drawn = self._join([Segment(" " * GUTTER)], [cells], 0, style), style
            self._strips[key] = drawn
        return drawn

    def _row_line(self, index: int, part: int) -> tuple[Strip, Style]:
        cursor = index == self.cursor_row
        if cursor:
            look = "cursor-focused" if self.has_focus else "cursor"
        else:
            look = "even" if index % 2 else "odd"
        key = (self.rows[index], part, look)
        drawn = self._strips.get(key)
        if drawn is None:
            if cursor:
                style = self.get_component_rich_style("case-table--cursor")
            elif index % 2:
                style = self.get_component_rich_style("case-table--even-row")
            else:
                style = self._base()
            mark = (CURSOR_FOCUSED if self.has_focus else CURSOR_BLURRED) if cursor else " "
            gutter = [Segment(mark if part == 0 else " ")]
            wrapped = self._wrapped[index]
            cells = [list(self.rows[index].cells)] if wrapped is None else _transpose(wrapped)
            drawn = self._join(gutter, cells, part, style), style
            self._strips[key] = drawn
        return drawn

    def _base(self) -> Style:
        # Widget.rich_style walks up the DOM on every call; it changes with what _forget follows.
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def _forget(self) -> None:
        self._strips.clear()
        self._base_style = None

    def _join(
        self, gutter: list[Segment], lines: list[list[Text]], part: int, style: Style
    ) -> Strip:
        console = self.app.console
        segments = list(gutter)
        last = len(self._widths) - 1
        for i, width in enumerate(self._widths):
            cell = lines[part][i] if part < len(lines) else Text("")
            room = width + (0 if i == last else 1)
            segments += Segment.adjust_line_length(list(cell.render(console)), room)
        total = GUTTER + sum(self._widths) + last
        return Strip(Segment.apply_style(segments, style), total)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget()

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        # The cursor's mark and colours, and the table's tint, differ with focus.
        self._forget()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.labels:
            self._layout()
            self._scroll_to_cursor()
            self.refresh()

    # The cursor

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        if not self.rows:
            return
        body = max(1, self.scrollable_content_region.height - 1)
        top, end = self._starts[self.cursor_row], self._end(self.cursor_row)
        scroll_y = int(self.scroll_offset.y)
        if top < scroll_y:
            scroll_y = top
        elif end > scroll_y + body:
            scroll_y = min(top, end - body)
        self.scroll_to(y=scroll_y, animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_down(self) -> None:
        if self.rows:
            body = max(1, self.scrollable_content_region.height - 1)
            line = min(self._starts[self.cursor_row] + body, self._lines - 1)
            self.move_cursor(bisect_right(self._starts, line) - 1)

    def action_page_up(self) -> None:
        if self.rows:
            body = max(1, self.scrollable_content_region.height - 1)
            line = max(self._starts[self.cursor_row] - body, 0)
            self.move_cursor(bisect_right(self._starts, line) - 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0 or not self.rows:
            return  # the header
        line = int(self.scroll_offset.y) + offset.y - 1
        if line >= self._lines:
            return
        event.stop()
        index = bisect_right(self._starts, line) - 1
        if index == self.cursor_row:
            self.action_select()
        else:
            self.move_cursor(index)


def _transpose(cells: list[list[Text]]) -> list[list[Text]]:
    """Per cell its lines -> per line its cells (a shorter cell gives empty lines)."""
    height = max(len(lines) for lines in cells)
    return [[lines[k] if k < len(lines) else Text("") for lines in cells] for k in range(height)]
