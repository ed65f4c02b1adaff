"""Benchmark the wizard's answer autosave on a case with many notes (p50/p99 per answer).

Run by hand, not by the test suite:

    python bench/bench_autosave.py [--notes 500] [--saves 200] [--dir DIR]

Each save is what one pause in typing costs: normalise, evaluate the flow, write the answer with
its progress, and bring the open case up to date. Uses the test-only light KDF (the KDF is not
what is measured). Works on older checkouts too (their `tui.session.CaseSession`), so a before
and an after can be compared on the same machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["MELDCODE_INSECURE_TEST_KDF"] = "1"

from meldcode_tui.store import Store

try:
    from meldcode_tui.casework import OpenCase as Session
except ImportError:  # a checkout from before the use-case layer
    from meldcode_tui.tui.session import CaseSession as Session  # type: ignore[no-redef]

PASSPHRASE = "benchmark passphrase with four words"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def _clock() -> datetime:
    return datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="Where to put the store.")
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="meldcode-bench-", dir=args.dir))
    store, _ = Store.create(folder / "bench.meldcode", PASSPHRASE, recovery=False)
    with store:
        case_id = store.new_case("basismodel", "Benchmark casus", author_role="beroepskracht")
        for i in range(args.notes):
            store.add_note(case_id, "feit", f"Fictieve notitie {i} " * 10, step_id="signalen")
        session: Any = Session.open(store, case_id, _clock)
        latencies = []
        for i in range(args.saves):
            # A text answer as typed, a different value each pause (so each one is written).
            value = f"Fictieve feiten, versie {i}"
            t0 = time.perf_counter()
            session.answer("signalen_feiten", value)
            latencies.append(time.perf_counter() - t0)
    print(
        f"autosave ({args.saves}x, {args.notes} notes): p50 {_ms(statistics.median(latencies))}, "
        f"p99 {_ms(_percentile(latencies, 99))}, max {_ms(max(latencies))}"
    )


if __name__ == "__main__":
    main()
