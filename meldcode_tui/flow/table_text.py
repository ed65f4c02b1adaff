"""The decision table as text for a reviewer: legends first, then one line per combination.

Rows that differ only in an answer that changes nothing are merged, with `*` for that answer,
so a reviewer reads the rules rather than every combination; `--json` keeps every row.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from meldcode_tui.flow.decision_table import AFTER, NO, DecisionTable, Row
from meldcode_tui.flow.model import Question
from meldcode_tui.i18n import t

WIDTH = 100
ANY = "*"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _yes_no(value: bool | None) -> str:
    if value is None:
        return t("flowtable.undecided")
    return t("common.yes") if value else t("common.no")


class _Cells:
    """How one row reads: the answers in words, and what follows from them."""

    def __init__(self, table: DecisionTable) -> None:
        self.table = table
        flow = table.flow
        self.norm_no = {m.id: str(i) for i, m in enumerate(flow.meldnormen, start=1)}
        self.rule_no = {r.id: str(i) for i, r in enumerate(flow.closure, start=1)}
        self.letter = {o.id: _letter(i) for i, o in enumerate(flow.outcomes)}

    def answers(self, row: Row) -> list[str]:
        """One cell per column; a checklist has one cell per option a condition tests."""
        cells: list[str] = []
        for q in self.table.columns:
            if q.type == "multi":
                groups = self.table.ticks(q)
                if groups:
                    cells += [self.ticked(q, row, g.options[0]) for g in groups]
                else:
                    cells.append(self.answer(q, row))  # only whether it is answered counts
            else:
                cells.append(self.answer(q, row))
        return cells

    def ticked(self, question: Question, row: Row, option: str) -> str:
        if question.id not in row.answers:
            return t("flowtable.not_asked")
        value = row.answers[question.id]
        return t("flowtable.open") if value is None else _yes_no(option in value)

    def answer(self, question: Question, row: Row) -> str:
        if question.id not in row.answers:
            return t("flowtable.not_asked")
        value = row.answers[question.id]
        if value is None:
            return t("flowtable.open")
        if isinstance(value, bool):
            return _yes_no(value)
        if question.type == "choice":
            others = self.table.other_options(question)
            return t("flowtable.other") if value in others else str(value)
        literals = self.table.reach.named_values(question)
        return str(value) if value in literals else t("flowtable.answered")

    def close(self, row: Row) -> str:
        parts = []
        if row.refused or row.undecided:
            # "?" first: a decision left open keeps the case open whatever the rules say.
            marks = [t("flowtable.undecided")] if row.undecided else []
            marks += [self.rule_no[r] for r in row.refused]
            parts.append(t("flowtable.close_no", rules=",".join(marks)))
        if row.pending:
            parts.append(
                t("flowtable.close_after", rules=",".join(self.rule_no[r] for r in row.pending))
            )
        return "; ".join(parts) if row.may_close in (NO, AFTER) else t("flowtable.close_yes")

    def results(self, row: Row, letters: bool) -> list[str]:
        if row.outcome is None:
            outcome = t("flowtable.no_outcome")
        else:
            outcome = self.letter[row.outcome.id] if letters else row.outcome.id
        decided = [outcome, _yes_no(row.melden), _yes_no(row.hulp)]
        if not self.table.flow.meldnormen:
            return [*decided, self.close(row)]
        norms = ",".join(self.norm_no[m] for m in row.meldnormen if m in self.norm_no) or "-"
        return [*decided, norms, self.close(row)]


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else f"A{i}"


def _merge(rows: list[tuple[list[str], list[str]]]) -> list[tuple[list[str], list[str]]]:
    """Merge rows that differ in one answer only and agree on every result: that answer is `*`.

    All rows that share every other cell are the complete set of values that answer can take
    there (the table lists every combination), so a merge never hides a difference.
    """
    changed = True
    while changed:
        changed = False
        width = len(rows[0][0]) if rows else 0
        for col in reversed(range(width)):
            groups: dict[tuple[str, ...], list[int]] = {}
            for i, (cells, _) in enumerate(rows):
                key = tuple(cells[:col] + cells[col + 1 :])
                groups.setdefault(key, []).append(i)
            merged: list[tuple[list[str], list[str]]] = []
            done: set[int] = set()
            for i, (cells, results) in enumerate(rows):
                if i in done:
                    continue
                members = groups[tuple(cells[:col] + cells[col + 1 :])]
                done.update(members)
                if len(members) > 1 and all(rows[m][1] == results for m in members):
                    merged.append(([*cells[:col], ANY, *cells[col + 1 :]], results))
                    changed = True
                else:
                    merged += [rows[m] for m in members]
            rows = merged
    return rows


def _line(answers: Sequence[str], results: Sequence[str], widths: Sequence[int]) -> str:
    """Answers one space apart, then the results two spaces apart: a compact, aligned row."""
    n = len(answers)
    left = " ".join(c.ljust(w) for c, w in zip(answers, widths[:n], strict=True))
    right = "  ".join(c.ljust(w) for c, w in zip(results, widths[n:], strict=True))
    return f"{left}  {right}".rstrip() if answers else right.rstrip()


def _total(widths: Sequence[int], answers: int) -> int:
    results = len(widths) - answers
    return sum(widths) + max(answers - 1, 0) + 2 * results


def _wrap(text: str, width: int, indent: int = 0, first: int = 0) -> list[str]:
    """Prose in lines of `width`; continuation lines indented under the text."""
    lines = textwrap.wrap(
        " ".join(text.split()),
        width,
        initial_indent=" " * first,
        subsequent_indent=" " * indent,
        break_on_hyphens=False,
    )
    return lines or [""]


def _entry(number: object, name: str, text: str, width: int) -> list[str]:
    return _wrap(f"{number!s:>2}  {name}: {text}", width, indent=6, first=2)


def _legend(table: DecisionTable, lang: str, width: int, letters: bool) -> list[str]:
    flow = table.flow
    out = _wrap(t("flowtable.questions"), width)
    for i, q in enumerate(table.columns, start=1):
        out += _entry(i, q.id, q.text.get(lang), width)
        others = table.other_options(q)
        if others:
            out += _wrap(t("flowtable.other_options", options=", ".join(others)), width, 6, 6)
        groups = table.ticks(q)
        if groups:
            out += _wrap(t("flowtable.ticks"), width, 6, 6)
            for k, g in enumerate(groups):
                key = "flowtable.ticks_all" if g.every else "flowtable.ticks_any"
                named = t(key, options=", ".join(g.options)) if len(g.options) > 1 else g.options[0]
                out += _wrap(f"{i}{chr(ord('a') + k)} = {named}", width, 10, 8)
    out += _wrap(t("flowtable.outcomes"), width)
    for i, o in enumerate(flow.outcomes):
        status = t(f"cases.status.{o.status}")
        key = _letter(i) if letters else ""
        out += _entry(key, f"{o.id} ({status})", o.title.get(lang), width)
        for name, label in o.decision_labels.items():
            own = t("flowtable.own_label", decision=name, label=label.get(lang))
            out += _wrap(own, width, 6, 6)
    melden = flow.decision_label("melden", lang) or t("flowtable.melden_default")
    hulp = flow.decision_label("hulp", lang) or t("flowtable.hulp_default")
    out += _wrap(t("flowtable.decision_melden", label=melden), width, 6, 2)
    out += _wrap(t("flowtable.decision_hulp", label=hulp), width, 6, 2)
    if flow.meldnormen:
        out += _wrap(t("flowtable.meldnormen"), width)
        for i, m in enumerate(flow.meldnormen, start=1):
            out += _entry(i, m.id, m.text.get(lang), width)
    if flow.closure:
        out += _wrap(t("flowtable.closure"), width)
        for i, r in enumerate(flow.closure, start=1):
            out += _entry(i, r.id, r.message.get(lang), width)
    else:
        out += _wrap(t("flowtable.no_closure"), width)
    if any(o.melden is None or o.hulp is None for o in flow.outcomes):
        out += _wrap(t("closure.undecided.table"), width)
    return out


_Lines = list[tuple[list[str], list[str]]]


class _Section:
    """Rows that share the answer to one choice (a route), or all rows."""

    def __init__(self, title: str | None, numbers: list[str], rows: _Lines) -> None:
        # Questions never asked in this section only take room: leave them out here.
        keep = [
            i for i in range(len(numbers)) if any(a[i] != t("flowtable.not_asked") for a, _ in rows)
        ]
        self.title = title
        self.heads = [numbers[i] for i in keep]
        self.rows = _merge([([a[i] for i in keep], r) for a, r in rows])

    def widths(self, result_heads: list[str]) -> list[int]:
        everything = [self.heads + result_heads] + [a + r for a, r in self.rows]
        return [max(len(line[i]) for line in everything) for i in range(len(everything[0]))]


def _numbers(table: DecisionTable) -> list[str]:
    """Column heads: the question's number; a checklist's options as 2a, 2b, ..."""
    heads: list[str] = []
    for i, q in enumerate(table.columns, start=1):
        if q.type == "multi":
            count = len(table.ticks(q))
            heads += [f"{i}{chr(ord('a') + k)}" for k in range(count)] if count else [str(i)]
        else:
            heads.append(str(i))
    return heads


def _sections(rows: _Lines, numbers: list[str], key: int | None, name: str) -> list[_Section]:
    """One section, or one per answer in cell `key` (a choice: the route a case takes)."""
    if key is None:
        return [_Section(None, numbers, rows)]
    groups: dict[str, _Lines] = {}
    for answers, results in rows:
        rest = answers[:key] + answers[key + 1 :]
        groups.setdefault(answers[key], []).append((rest, results))
    heads = numbers[:key] + numbers[key + 1 :]
    return [
        _Section(f"{numbers[key]} {name} = {value}", heads, group)
        for value, group in groups.items()
    ]


def _choice_cells(table: DecisionTable, numbers: list[str]) -> list[tuple[int, Question]]:
    """Where each choice question's cell is among the cells of a row."""
    return [
        (numbers.index(str(i)), q)
        for i, q in enumerate(table.columns, start=1)
        if q.type == "choice"
    ]


def render(table: DecisionTable, lang: str, width: int = WIDTH) -> list[str]:
    """The table as lines of at most `width` characters where the content allows."""
    flow = table.flow
    cells = _Cells(table)
    keys = ["outcome", "melden", "hulp", "meldnormen", "close"]
    if not flow.meldnormen:
        keys.remove("meldnormen")
    result_heads = [t(f"flowtable.col_{k}") for k in keys]
    numbers = _numbers(table)
    choices = _choice_cells(table, numbers)

    answers = [cells.answers(row) for row in table.rows]

    def build(letters: bool, key: int | None) -> list[_Section]:
        rows = [
            (a, cells.results(row, letters)) for a, row in zip(answers, table.rows, strict=True)
        ]
        name = next((q.id for i, q in choices if i == key), "")
        return _sections(rows, numbers, key, name)

    def lettered(sections: list[_Section]) -> list[_Section]:
        # Ids and letters name the same outcomes, so the merged lines stay the same.
        for section in sections:
            section.rows = [([*a], [cells.letter.get(r[0], r[0]), *r[1:]]) for a, r in section.rows]
        return sections

    def too_wide(sections: list[_Section]) -> bool:
        return any(_total(s.widths(result_heads), len(s.heads)) > width for s in sections)

    # A route chosen first reads best as sections; otherwise only when the lines are too wide.
    key = 0 if choices and choices[0][0] == 0 else None
    letters = False
    sections = build(letters, key)
    if too_wide(sections):
        # Outcome ids are long; letters explained in the legend keep a row on one line.
        letters = True
        sections = lettered(sections)
    if too_wide(sections) and key is None and choices:
        # The choice with the longest answers takes the most room: give it a section each.
        key = max(choices, key=lambda c: max(len(r[c[0]]) for r in answers))[0]
        sections = build(letters, key)
    title = t(
        "flowtable.title",
        title=flow.title.get(lang),
        id=flow.id,
        version=flow.version,
        combinations=len(table.rows),
        rows=sum(len(s.rows) for s in sections),
    )
    out = [*_wrap(title, width), "", *_legend(table, lang, width, letters)]
    for section in sections:
        widths = section.widths(result_heads)
        out.append("")
        if section.title:
            out.append(section.title)
        out.append(_line(section.heads, result_heads, widths))
        out += [_line(a, r, widths) for a, r in section.rows]
    return out
