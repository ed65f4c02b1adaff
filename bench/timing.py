"""Medians, percentiles, alternating runs, and one row of the results table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass
class Row:
    """One figure: its value, the reference measured beside it (if any) and the target."""

    figure: str
    value: float
    unit: str
    target: float | None = None
    reference: float | None = None
    # The target is on value / reference rather than on the value itself.
    ratio_target: bool = False
    note: str = ""
    # Not measured in this run (the note says why): no value is shown.
    skipped: bool = False

    @property
    def ratio(self) -> float | None:
        if self.reference is None or self.reference == 0:
            return None
        return self.value / self.reference

    @property
    def passed(self) -> bool | None:
        if self.target is None or self.skipped:
            return None
        measured = self.ratio if self.ratio_target else self.value
        return measured is not None and measured <= self.target


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: p99 of 1,000 values is the 990th smallest."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(runs: int, **measures: Callable[[], float]) -> dict[str, list[float]]:
    """Run each measure once per round, in turn, so a busy machine slows them all alike."""
    out: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            out[name].append(measure())
    return out


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value * 1000:.1f} ms"
    return f"{value:.1f} {unit}"


def table(rows: Sequence[Row]) -> str:
    head = ("figure", "value", "reference", "ratio", "target", "result")
    lines = []
    for r in rows:
        target = "–"
        if r.target is not None:
            target = f"≤ {r.target:.2f}x" if r.ratio_target else "≤ " + _fmt(r.target, r.unit)
        result = {True: "pass", False: "FAIL", None: ""}[r.passed]
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "–"
        lines.append(
            (
                r.figure,
                "–" if r.skipped else _fmt(r.value, r.unit),
                _fmt(r.reference, r.unit),
                ratio,
                target,
                result + (f"  {r.note}" if r.note else ""),
            )
        )
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head[:-1])]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, [*widths, 6], strict=True)) + " |"]
    out.append("|" + "|".join("-" * (w + 2) for w in [*widths, 6]) + "|")
    for line in lines:
        cells = [c.ljust(w) for c, w in zip(line[:-1], widths, strict=True)]
        out.append("| " + " | ".join([*cells, line[-1]]) + " |")
    return "\n".join(out)
