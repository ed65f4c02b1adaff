"""Benchmark the case store: answer-save latency (p50/p99) and listing 10,000 cases.

Run by hand, not by the test suite:

    python bench/bench_store.py [--dir DIR] [--cases 10000] [--saves 1000] [--light-kdf]

Uses the shipped (strong) Argon2id parameters unless --light-kdf is given; the KDF time is
reported separately because the targets are measured after it. Put --dir on the disk you care
about: a save is only done when SQLite has fsynced the WAL (synchronous=FULL).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from meldcode_tui.store import Store
from meldcode_tui.vault import INSECURE_TEST_ENV

PASSPHRASE = "benchmark passphrase with four words"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="Where to put the store.")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=1_000)
    parser.add_argument("--light-kdf", action="store_true", help="Test-only light KDF.")
    args = parser.parse_args()
    if args.light_kdf:
        os.environ[INSECURE_TEST_ENV] = "1"
    else:
        os.environ.pop(INSECURE_TEST_ENV, None)

    folder = Path(tempfile.mkdtemp(prefix="meldcode-bench-", dir=args.dir))
    path = folder / "bench.meldcode"
    print(f"store: {path}")

    start = time.perf_counter()
    store, _ = Store.create(path, PASSPHRASE, recovery=True)
    print(f"create (KDF + schema):        {_ms(time.perf_counter() - start)}")
    print(f"KDF parameters:               {store.kdf_params}")

    # Answer saves: each one is its own committed, fsynced transaction.
    case_id = store.new_case("basismodel", "Benchmark casus")
    latencies = []
    for i in range(args.saves):
        value = {"i": i, "text": "Fictieve toelichting " * (i % 10)}
        t0 = time.perf_counter()
        store.set_answer(case_id, f"vraag_{i % 40}", value)
        latencies.append(time.perf_counter() - t0)
    print(
        f"answer save ({args.saves}x):       p50 {_ms(statistics.median(latencies))}, "
        f"p99 {_ms(_percentile(latencies, 99))}, max {_ms(max(latencies))}"
    )
    for _ in range(20):
        store.add_note(case_id, "feit", "Fictieve notitie " * 20)
    t0 = time.perf_counter()
    case = store.get_case(case_id)
    print(f"get_case ({len(case.history)} history, 20 notes): {_ms(time.perf_counter() - t0)}")

    t0 = time.perf_counter()
    for i in range(args.cases - 1):
        store.new_case("basismodel", f"Fictieve casus {i}")
    made = time.perf_counter() - t0
    print(f"create {args.cases - 1} cases:          {made:.1f} s ({_ms(made / args.cases)} each)")
    store.close()

    t0 = time.perf_counter()
    store = Store.open(path, PASSPHRASE)
    print(f"open (KDF):                   {_ms(time.perf_counter() - t0)}")
    t0 = time.perf_counter()
    listed = store.list_cases()
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.list_cases()
    warm = time.perf_counter() - t0
    print(f"list {len(listed)} cases:             first {_ms(cold)}, again {_ms(warm)}")
    t0 = time.perf_counter()
    problems = store.verify()
    print(
        f"verify {len(listed)} cases:           {time.perf_counter() - t0:.2f} s, "
        f"{len(problems)} problem(s)"
    )
    store.close()
    size = path.stat().st_size
    print(f"store size:                   {size / 1024 / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
