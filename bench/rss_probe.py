"""Peak memory with a store open and its case list shown (run as its own process by run.py).

python bench/rss_probe.py STORE  ->  prints "peak_mib current_mib rows"
"""

from __future__ import annotations

import asyncio
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import PASSPHRASE, shipped_kdf
from figures_tui import SIZE

from meldcode_tui.settings import Settings
from meldcode_tui.store import Store


def _peak_mib() -> float:
    """This process's own peak. Not ru_maxrss: Linux carries that across fork and exec, so it
    starts at the RSS of whatever launched the probe (run.py holding its stores: 233 MiB)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            kib = next(line.split()[1] for line in f if line.startswith("VmHWM:"))
        return int(kib) / 1024
    except (OSError, StopIteration):
        # Not Linux (macOS gives ru_maxrss in bytes, and no /proc).
        divisor = 2**20 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / divisor


def _current_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


async def main(path: Path) -> None:
    from meldcode_tui.tui.app import make_app
    from meldcode_tui.tui.screens.cases import CaseListScreen
    from meldcode_tui.tui.widgets.case_table import CaseTable

    with shipped_kdf():
        store = Store.open(path, PASSPHRASE)
    app = make_app(Settings(store_path=path, idle_minutes=0))
    async with app.run_test(size=SIZE) as pilot:
        app.unlocked(store)
        while not isinstance(app.screen, CaseListScreen):
            await pilot.pause()
        await pilot.pause()
        rows = app.screen.query_one("#case-table", CaseTable).row_count
        peak = _peak_mib()
        print(f"{peak:.1f} {_current_mib():.1f} {rows}")
        app.store = None
    store.close()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
