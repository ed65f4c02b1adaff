"""Unlock, the case list and its filter, measured in the real app (Textual's headless driver).

"Shown" means: a frame with the table's rows has gone to the terminal (`App._display`), not
merely that the data was read. A store of over 1,000 cases shows its first page first and
reads the rest after that frame (tui/screens/cases.py); the filter keys are timed once that
is done too.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data import PASSPHRASE, shipped_kdf

from meldcode_tui.settings import Settings
from meldcode_tui.store import Store
from meldcode_tui.vault import keyring

SIZE = (100, 32)
# Typed into the filter key by key: "0" matches every case (the rows on screen stay), "00"
# some 1,200 (another hundred rows, the whole table redrawn), "004" 120, "0042" 11.
FILTER_TEXT = "0042"


@dataclass
class UnlockTimes:
    kdf: list[float] = field(default_factory=list)
    # From the end of the key derivation until the store is open (still in the unlock thread).
    open_after_kdf: list[float] = field(default_factory=list)
    # From the end of the key derivation until a frame with the table's rows has gone out.
    after_kdf: list[float] = field(default_factory=list)
    # From the app's `unlocked(store)` until that frame: the case list's own part.
    list_shown: list[float] = field(default_factory=list)
    # Per position in FILTER_TEXT, one time per run.
    filter_keys: list[list[float]] = field(default_factory=list)
    rows: int = 0
    # Runs in which the list mounted behind the lock screen was ready when Enter was pressed.
    prepared: int = 0


@contextmanager
def timed_kdf(into: list[tuple[float, float]]) -> Iterator[None]:
    """Start and end of each key derivation inside Store.open (the unlock thread's)."""
    real = keyring.derive_key

    def derive(*args: Any, **kwargs: Any) -> bytes:
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            into.append((start, time.perf_counter()))

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
    done = asyncio.Event()
    screen.call_after_refresh(done.set)
    await done.wait()


async def _one_run(path: Path, times: UnlockTimes) -> None:
    """The unlock as a user does it: the passphrase in the unlock screen, Enter, and then the
    key derivation and the open in the screen's thread, the list on the loop."""
    from textual.widgets import Input

    from meldcode_tui.store import Store
    from meldcode_tui.tui.app import make_app
    from meldcode_tui.tui.screens.cases import CaseListScreen
    from meldcode_tui.tui.widgets.case_table import CaseTable

    kdf: list[tuple[float, float]] = []
    opened: list[float] = []
    handed: list[float] = []
    app = make_app(Settings(store_path=path, idle_minutes=0))
    painted: list[float] = []
    display = app._display

    def display_and_note(screen: Any, update: Any) -> None:
        display(screen, update)
        if painted or update is None or not isinstance(screen, CaseListScreen):
            return
        tables = screen.query("#case-table").results(CaseTable)
        if any(t.row_count > 0 for t in tables):
            painted.append(time.perf_counter())

    app._display = display_and_note  # type: ignore[method-assign]
    unlocked = app.unlocked

    def unlocked_and_note(store: Store) -> None:
        opened_store.append(store)
        handed.append(time.perf_counter())
        unlocked(store)

    opened_store: list[Store] = []
    app.unlocked = unlocked_and_note  # type: ignore[method-assign]
    real_open = Store.open
    # Store.open is a classmethod of a base class: the patch on Store is removed after.
    own = Store.__dict__.get("open")

    def open_and_note(*args: Any, **kwargs: Any) -> Store:
        try:
            return real_open(*args, **kwargs)
        finally:
            opened.append(time.perf_counter())

    Store.open = open_and_note  # type: ignore[method-assign, assignment]
    try:
        with shipped_kdf(), timed_kdf(kdf):
            async with app.run_test(size=SIZE) as pilot:
                # A passphrase takes a few seconds to type; the warm-up behind the unlock
                # screen (imports, flows, the case list mounted) is done well within that.
                await _until(lambda: app._preloading is not None)
                app._preloading.join(timeout=60)  # type: ignore[union-attr]
                with contextlib.suppress(RuntimeError):
                    await _until(lambda: app._waiting_list is not None, timeout=5)
                    await _until(lambda: bool(getattr(app._waiting_list, "ready", False)))
                if app._waiting_list is not None and app._waiting_list.ready:
                    times.prepared += 1
                app.screen.query_one("#unlock-passphrase", Input).value = PASSPHRASE
                await pilot.press("enter")
                await _until(lambda: bool(painted), timeout=120)
                kdf_end = kdf[0][1]
                times.kdf.append(kdf[0][1] - kdf[0][0])
                times.open_after_kdf.append(opened[0] - kdf_end)
                times.after_kdf.append(painted[0] - kdf_end)
                times.list_shown.append(painted[0] - handed[0])
                store = opened_store[0]
                screen = app.screen
                everything = len(store.list_cases())
                await _until(lambda: len(screen.summaries) == everything)  # type: ignore
                await _drawn(screen)
                times.rows = screen.query_one("#case-table", CaseTable).row_count

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
                    # As a typed key does: Input.Changed follows.
                    field_.insert_text_at_cursor(char)
                    await filled.wait()
                    await _drawn(screen)
                    per_key.append(time.perf_counter() - start)
                times.filter_keys.append(per_key)
                app.store = None
                store.close()
    finally:
        if own is None:
            del Store.open
        else:
            Store.open = own  # type: ignore[method-assign]


def unlock_and_list(path: Path, runs: int) -> UnlockTimes:
    times = UnlockTimes()
    for _ in range(runs):
        asyncio.run(_one_run(path, times))
    return times


async def _type_into(app: Any, area: Any, keys: int) -> list[float]:
    """Each key as the terminal driver delivers it; timed until the field has it, drawn.

    Not Pilot.press: that also waits for every widget on the screen to go idle, which costs
    more the more widgets there are (the notes of a large case) and is not what a user waits on.
    """
    from textual import events

    latencies: list[float] = []
    for i in range(keys):
        char = "abcdefghij"[i % 10]
        before = area.text
        start = time.perf_counter()
        app.post_message(events.Key(char, char))
        await _until(lambda before=before: area.text != before)
        drawn = asyncio.Event()
        app.screen.call_after_refresh(drawn.set)
        await drawn.wait()
        latencies.append(time.perf_counter() - start)
    return latencies


async def _typing(store: Store, case_id: str, question: str, keys: int) -> list[float]:
    from textual.widgets import TextArea

    from meldcode_tui.tui.app import make_app

    app = make_app(Settings(store_path=store.path, idle_minutes=0))
    async with app.run_test(size=SIZE) as pilot:
        app.unlocked(store)
        await pilot.pause()
        await app.open_case(case_id)
        await pilot.pause()
        area = app.screen.query_one(f"#q-{question}", TextArea)
        area.focus()
        await pilot.pause()
        latencies = await _type_into(app, area, keys)
        app.store = None  # the caller closes the store
    return latencies


async def _typing_reference(keys: int) -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class OneField(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(id="field")

    app = OneField()
    async with app.run_test(size=SIZE) as pilot:
        area = app.query_one("#field", TextArea)
        area.focus()
        await pilot.pause()
        return await _type_into(app, area, keys)


def keystrokes(
    store: Store, case_id: str, question: str, keys: int
) -> tuple[list[float], list[float]]:
    """Seconds from a key typed into a text question of the open case to the screen drawn,
    and the same in a minimal Textual app with one text area (the reference)."""
    step = next(
        s.id for s in _flow_of(store, case_id).steps if any(q.id == question for q in s.questions)
    )
    store.update_progress(case_id, position=step)
    reference = asyncio.run(_typing_reference(keys))
    return asyncio.run(_typing(store, case_id, question, keys)), reference


def _flow_of(store: Store, case_id: str) -> Any:
    from meldcode_tui.flow import get_flow

    return get_flow(store.get_case(case_id).summary.flow_id)
