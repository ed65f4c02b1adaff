"""Unlock, the case list and its filter, measured in the real app (Textual's headless driver).

"Shown" means: the table has taken in its new rows (DataTable measures every cell of them when
idle, and until then the app does not answer a key) and the screen has been drawn with them
(`call_after_refresh` fires after that draw), not merely that the data was read.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data import PASSPHRASE, shipped_kdf

from meldcode_tui.store import Store
from meldcode_tui.vault import keyring

SIZE = (100, 32)
# Typed into the filter key by key: "0" and "00" still match every case (the worst case, the
# whole table redrawn), "004" about a hundred, "0042" about ten.
FILTER_TEXT = "0042"


@dataclass
class UnlockTimes:
    kdf: list[float] = field(default_factory=list)
    open_after_kdf: list[float] = field(default_factory=list)
    list_shown: list[float] = field(default_factory=list)
    # Per position in FILTER_TEXT, one time per run.
    filter_keys: list[list[float]] = field(default_factory=list)
    rows: int = 0


@contextmanager
def timed_kdf(into: list[float]) -> Iterator[None]:
    """Time the key derivation inside Store.open, so it can be reported beside the rest."""
    real = keyring.derive_key

    def derive(*args: Any, **kwargs: Any) -> bytes:
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            into.append(time.perf_counter() - start)

    keyring.derive_key = derive  # type: ignore[assignment]
    try:
        yield
    finally:
        keyring.derive_key = real  # type: ignore[assignment]


async def _until(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("the screen did not get there in time")
        await asyncio.sleep(0.001)


async def _drawn(screen: Any) -> None:
    from textual.widgets import DataTable

    table = screen.query_one("#case-table", DataTable)
    await _until(lambda: not table._new_rows)
    done = asyncio.Event()
    screen.call_after_refresh(done.set)
    await done.wait()


async def _one_run(path: Path, times: UnlockTimes) -> None:
    from textual.widgets import DataTable, Input

    from meldcode_tui.tui.app import make_app
    from meldcode_tui.tui.screens.cases import CaseListScreen

    kdf: list[float] = []
    with shipped_kdf(), timed_kdf(kdf):
        start = time.perf_counter()
        store = Store.open(path, PASSPHRASE)
        opened = time.perf_counter() - start
    times.kdf.append(sum(kdf))
    times.open_after_kdf.append(opened - sum(kdf))
    app = make_app(path, idle_seconds=0)
    async with app.run_test(size=SIZE):
        start = time.perf_counter()
        app.unlocked(store)  # what the unlock screen calls once the store is open

        def listed() -> bool:
            screen = app.screen
            if not isinstance(screen, CaseListScreen):
                return False
            tables = screen.query("#case-table").results(DataTable)
            return any(t.row_count > 0 for t in tables)

        await _until(listed)
        screen = app.screen
        await _drawn(screen)
        times.list_shown.append(time.perf_counter() - start)
        times.rows = screen.query_one("#case-table", DataTable).row_count

        filled = asyncio.Event()
        fill = screen._fill  # type: ignore[attr-defined]

        def fill_and_tell() -> None:
            fill()
            filled.set()

        screen._fill = fill_and_tell  # type: ignore[attr-defined]
        field_ = screen.query_one("#filter", Input)
        per_key = []
        for char in FILTER_TEXT:
            filled.clear()
            start = time.perf_counter()
            field_.insert_text_at_cursor(char)  # as a typed key does: Input.Changed follows
            await filled.wait()
            await _drawn(screen)
            per_key.append(time.perf_counter() - start)
        times.filter_keys.append(per_key)
        app.store = None
    store.close()


def unlock_and_list(path: Path, runs: int) -> UnlockTimes:
    times = UnlockTimes()
    for _ in range(runs):
        asyncio.run(_one_run(path, times))
    return times
