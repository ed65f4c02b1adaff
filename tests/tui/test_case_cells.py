"""The case list's cells draw exactly as the Rich texts they stand for (tui/case_rows.py)."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.renderables.styled import Styled

from meldcode_tui.tui.case_marks import mark_text
from meldcode_tui.tui.case_rows import Cell

TEXTS = [
    Text("Leerling 0042 fictief"),
    Text("! 10-3-2025", style="bold reverse red"),
    Text("–", style="dim"),
    Text("ja", style="bold"),
    Text(""),
    mark_text("damaged") + Text("Zorg 7B-04"),
    Text("Een titel die langer is dan de kolom breed is en dus wrapt"),
    Text("twee\nregels"),
    Text("tab\there"),
]


def drawn(text: Text, width: int, no_wrap: bool) -> list[list[object]]:
    # As DataTable draws a cell: padded, styled, at the column's width.
    console = Console(width=100, color_system="truecolor", force_terminal=True)
    options = console.options.update_width(width)
    if no_wrap:
        options = options.update(no_wrap=True, height=1)
    base = Style.parse("on #202020") + Style.from_meta({"row": 3, "column": 1})
    lines = console.render_lines(
        Styled(Padding(text, (0, 0)), pre_style=base, post_style=Style()), options
    )
    return [list(line) for line in lines]


@pytest.mark.parametrize("text", TEXTS, ids=[t.plain[:12] or "empty" for t in TEXTS])
@pytest.mark.parametrize("width", [1, 12, 40])
@pytest.mark.parametrize("no_wrap", [True, False])
def test_a_cell_draws_as_its_text(text: Text, width: int, no_wrap: bool) -> None:
    cell = Cell.of(text)
    assert str(cell) == str(text)
    assert drawn(cell, width, no_wrap) == drawn(text, width, no_wrap)
