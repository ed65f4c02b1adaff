"""Store figures: autosave latency, verify, store size, and exporting a large case."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from data import TEXT_QUESTIONS
from timing import Row, median, percentile

from meldcode_tui.store import Store, utc_now

EXPORT_FORMATS = (("txt", 0.1), ("md", 0.1), ("json", 0.1), ("pdf", 1.0))


def autosave(store: Store, big: str, small: str, answers: int, budget: float) -> list[Row]:
    """The wizard's save path (casework OpenCase.answer), on a large case and a new small one.

    Two times per answer: until its encrypted row is committed (store.save_answer returned),
    and until the wizard has its new state (all of OpenCase.answer: the key waits that
    long). Each answer on the large case is followed by one on the small case, so the
    reference sees the same machine; the growth row is the ratio of the two. Stops early,
    saying so, when the answers would take longer than `budget` seconds.
    """
    from meldcode_tui.casework import OpenCase

    committed: list[float] = []
    real_save_answer = store.save_answer

    def save_answer(*args: Any, **kwargs: Any) -> Any:
        written = real_save_answer(*args, **kwargs)
        committed.append(time.perf_counter())
        return written

    store.save_answer = save_answer  # type: ignore[method-assign]
    sessions = {
        name: OpenCase.open(store, case_id, utc_now)
        for name, case_id in (("big", big), ("small", small))
    }
    commit: dict[str, list[float]] = {"big": [], "small": []}
    total: dict[str, list[float]] = {"big": [], "small": []}
    stop = time.perf_counter() + budget
    done = 0
    try:
        while done < answers and time.perf_counter() < stop:
            for name, session in sessions.items():
                start = time.perf_counter()
                session.answer(TEXT_QUESTIONS[done % 2], f"Getypt fictief antwoord {done}")
                total[name].append(time.perf_counter() - start)
                commit[name].append(committed[-1] - start)
            done += 1
    finally:
        del store.save_answer
    big_case = sessions["big"].case
    shape = f"{len(big_case.notes)} notes, {len(big_case.history)} history rows"
    count = f"{done} answers" + ("" if done == answers else f" (time box {budget:.0f} s)")
    return [
        Row(
            "Autosave p50: answer to row committed",
            median(commit["big"]),
            "ms",
            reference=median(commit["small"]),
            note=f"{count}; {shape}; reference: a new case",
        ),
        Row(
            "Autosave p99: answer to row committed",
            percentile(commit["big"], 99),
            "ms",
            0.010,
            reference=percentile(commit["small"], 99),
        ),
        Row(
            "Autosave growth: p50 large case / new case",
            median(commit["big"]) / median(commit["small"]),
            "x",
            note="1.0 = no growth with the size of the case",
        ),
        Row(
            "Answer in the wizard p50 (OpenCase.answer)",
            median(total["big"]),
            "ms",
            reference=median(total["small"]),
            note="check, evaluate, save with its progress",
        ),
        Row(
            "Answer in the wizard p99 (OpenCase.answer)",
            percentile(total["big"], 99),
            "ms",
            0.010,
            reference=percentile(total["small"], 99),
        ),
    ]


def export(store: Store, case_id: str, runs: int) -> list[Row]:
    """From the stored case to the bytes of the file, as `meldcode export` does it."""
    from meldcode_tui.flow import evaluate, get_flow
    from meldcode_tui.summary import build_summary, render

    now = datetime.now(UTC)

    def one(fmt: str) -> tuple[float, float]:
        start = time.perf_counter()
        case = store.get_case(case_id)
        audit = store.audit()
        read = time.perf_counter()
        flow = get_flow(case.summary.flow_id)
        evaluation = evaluate(flow, case.answers, now=now)
        summary = build_summary(flow, case, evaluation, audit, layer="full", now=now)
        render(summary, fmt)  # type: ignore[arg-type]
        end = time.perf_counter()
        return end - start, end - read

    one("pdf")  # fpdf2 and its fonts load once per process, as in the CLI
    notes = len(store.get_case(case_id).notes)
    rows = []
    for fmt, target in EXPORT_FORMATS:
        times = [one(fmt) for _ in range(runs)]
        render_alone = median([t[1] for t in times])
        rows.append(
            Row(
                f"Export {fmt}, {notes}-note case (read + render)",
                median([t[0] for t in times]),
                "ms",
                target,
                note=f"median of {runs}; render alone {render_alone * 1000:.0f} ms",
            )
        )
    return rows


def verify(store: Store, cases: int) -> tuple[float, int]:
    """Seconds for one full verify, and the number of problems (0 expected)."""
    start = time.perf_counter()
    problems = store.verify()
    return time.perf_counter() - start, len(problems)


def size_per_case(path: Path, cases: int) -> Row:
    total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return Row(
        "Store size per case (10 notes each)",
        total / cases / 1024,
        "KiB",
        note=f"{total / 2**20:.0f} MiB for {cases} cases",
    )
