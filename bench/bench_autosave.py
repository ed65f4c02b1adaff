"""Benchmark the wizard's answer autosave on a large case (issue 16: p50/p99 per answer).

Run by hand, not by the test suite:

    python bench/bench_autosave.py [--notes 500] [--history 2000] [--answers 1000] [--dir DIR]

The issue's figure: from an answer entered to its encrypted row committed, over 1,000 answers,
on a case with 500 notes and 2,000 history rows, each answer followed by one on a new case (the
reference, so a busy machine moves both; `figures_store.autosave`). `--profile FILE` writes a
cProfile of the answers on the large case. Uses the test-only light KDF (not what is measured).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["MELDCODE_INSECURE_TEST_KDF"] = "1"

import data
import figures_store

from meldcode_tui.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="Where to put the store.")
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--history", type=int, default=2_000)
    parser.add_argument("--answers", type=int, default=1_000)
    parser.add_argument("--budget", type=float, default=120.0, help="Seconds at most.")
    parser.add_argument("--profile", type=Path, default=None, help="Write a cProfile here.")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="meldcode-bench-", dir=args.dir))
    try:
        store, _ = Store.create(folder / "bench.meldcode", data.PASSPHRASE, recovery=False)
        with store:
            big = data.big_case(store, "Grote fictieve casus", args.notes, args.history)
            small = store.new_case(data.FLOW, "Nieuwe fictieve casus")
            profiler = cProfile.Profile() if args.profile else None
            if profiler:
                profiler.enable()
            rows = figures_store.autosave(store, big, small, args.answers, args.budget)
            if profiler:
                profiler.disable()
                profiler.dump_stats(str(args.profile))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"autosave, {args.notes} notes and {args.history} history rows to start with:")
    for row in rows:
        scale = 1000 if row.unit == "ms" else 1
        ref = "" if row.reference is None else f"  (new case {row.reference * scale:.2f})"
        target = "" if row.target is None else f"  target <= {row.target * scale:.1f}"
        print(f"  {row.figure}: {row.value * scale:.2f} {row.unit}{ref}{target}  {row.note}")


if __name__ == "__main__":
    main()
