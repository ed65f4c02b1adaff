"""Every benchmark of meldcode-tui in one run, printed as one table (issue 16).

    python bench/run.py [--quick] [--full] [--keep DIR]

Makes its own fictitious stores in a temp folder (removed at the end), with the shipped
Argon2id parameters, as a user's store has them. Timings are medians over several runs; a
figure with a reference (a minimal Typer app, a minimal Textual app, a new small case) is
measured alternating with it in the same run, so a busy machine slows both. --quick runs
fewer rounds (for trying the script, not for the README); --full adds the 50,000-case verify,
whose 40,000 extra cases take about five minutes to make.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import data
import figures_start
import figures_store
import figures_tui
from timing import Row, median, percentile, table

HERE = Path(__file__).resolve().parent
SCALE_CASES = 10_000
NOTES_PER_CASE = 10  # 100,000 notes at 10,000 cases
VERIFY_AT = (1_000, 10_000, 50_000)
KEYS = 40  # typed into a text question of the large case
# The 50,000-case stage runs only with --full: making the 40,000 more cases takes about five
# minutes on 2 cores (19:37 UTC run: 306 s), which would take the run past its five minutes.


def compile_package() -> None:
    """Write the package's bytecode, as installing a wheel does (pip compiles on install).

    An editable checkout run with PYTHONDONTWRITEBYTECODE=1 (this machine sets it) compiles
    every meldcode module from source on every start, while the reference apps' libraries
    were compiled when pip installed them: that measured the checkout, not the installed app.
    """
    import compileall

    import meldcode_tui

    compileall.compile_dir(Path(meldcode_tui.__file__).parent, quiet=1)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        load = " load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    except OSError:
        load = ""
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()};{load}"
    )


def memory(path: Path) -> Row:
    if os.name == "nt":
        return Row("Peak RSS", 0, "MiB", note="not measured on Windows", skipped=True)
    out = subprocess.run(
        [sys.executable, str(HERE / "rss_probe.py"), str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    peak, current, rows = float(out[0]), float(out[1]), int(out[2])
    return Row(
        "Peak RSS, 10,000-case store open",
        peak,
        "MiB",
        150,
        note=f"case list of {rows} shown; {current:.0f} MiB after; includes Argon2id's 64 MiB",
    )


def scale_rows(times: figures_tui.UnlockTimes, runs: int) -> list[Row]:
    per_key = [
        median(run[i] for run in times.filter_keys) for i in range(len(times.filter_keys[0]))
    ]
    prepared = f"list mounted behind the lock in {times.prepared} of {runs}"
    return [
        Row(
            "Unlock after KDF, 10,000 cases (open + list shown)",
            median(times.after_kdf),
            "ms",
            0.100,
            note=f"median of {runs}; Enter in the unlock screen; {prepared}",
        ),
        Row("  beside it: KDF (Argon2id, shipped parameters)", median(times.kdf), "ms"),
        Row("  of which: open after KDF", median(times.open_after_kdf), "ms"),
        Row(
            f"Case list shown, 10,000 cases ({times.rows} rows), 100,000 notes",
            median(times.list_shown),
            "ms",
            0.300,
        ),
        Row(
            "Filter as you type, worst key (10,000 cases)",
            max(per_key),
            "ms",
            0.050,
            note=f"median per key {median(per_key) * 1000:.1f} ms; "
            f"{len(per_key)} keys x {runs} runs",
        ),
    ]


def keystroke_rows(times: tuple[list[float], list[float]]) -> list[Row]:
    keys, ref = times
    note = (
        f"{len(keys)} keys into a text question of the 500-note case; reference: a Textual app "
        "with one text area; the issue sets no number"
    )
    return [
        Row(
            "Keystroke in the wizard p50: key to drawn",
            median(keys),
            "ms",
            None,
            median(ref),
            note=note,
        ),
        Row("Keystroke in the wizard p99", percentile(keys, 99), "ms", None, percentile(ref, 99)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Fewer rounds.")
    parser.add_argument("--keep", type=Path, help="Make the stores here and keep them.")
    parser.add_argument(
        "--full", action="store_true", help="Always verify 50,000 cases, however long it takes."
    )
    args = parser.parse_args()
    # A polite kill still removes the temp folder (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    runs = 3 if args.quick else 7
    started = time.perf_counter()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="meldcode-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDCODE_")}
    env["MELDCODE_STORE"] = str(folder / "unused.meldcode")
    rows: list[Row] = []

    def step(what: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {what}", file=sys.stderr, flush=True)

    try:
        step("compiling the package, as installing it does")
        compile_package()
        step("CLI start")
        rows += figures_start.cli_start(env, runs)

        step("first screen")
        empty = folder / "empty.meldcode"
        data.new_store(empty).close()
        rows += figures_start.first_screen(env, empty, max(3, runs - 2))

        step("autosave: a case with 500 notes and 2,000 history rows")
        work = data.new_store(folder / "work.meldcode")
        with work:
            big = data.big_case(work, "Grote fictieve casus", notes=500, history=2_000)
            small = work.new_case(data.FLOW, "Nieuwe fictieve casus")
            rows += figures_store.autosave(work, big, small, 1_000, budget=20 if args.quick else 60)
            step("keystrokes in the wizard")
            rows += keystroke_rows(figures_tui.keystrokes(work, big, data.TEXT_QUESTIONS[0], KEYS))
            step("export")
            notes_only = data.big_case(work, "Fictieve casus met notities", notes=500, history=0)
            rows += figures_store.export(work, notes_only, runs)
            few = data.big_case(work, "Kleine fictieve casus", notes=5, history=10)
            rows += figures_store.export(work, few, runs)

        step("scale: making 10,000 cases with 100,000 notes")
        path = folder / "scale.meldcode"
        store = data.new_store(path)
        verified: list[tuple[int, float, int]] = []
        skipped_row: Row | None = None
        made = 0
        targets = VERIFY_AT[:2] if args.quick else VERIFY_AT
        for cases in targets:
            if cases > SCALE_CASES and not args.full:
                skipped = "not run: making 40,000 more cases takes about 5 minutes (--full)"
                skipped_row = Row(f"verify, {cases} cases", 0, "s", note=skipped, skipped=True)
                break
            notes = NOTES_PER_CASE if cases <= SCALE_CASES else 0
            data.add_cases(store, made, cases, notes)
            made = cases
            if cases == SCALE_CASES:
                store.close()
                rows.append(figures_store.size_per_case(path, cases))
                step("unlock, case list and filter")
                times = figures_tui.unlock_and_list(path, max(3, runs - 2))
                rows += scale_rows(times, max(3, runs - 2))
                step("memory")
                rows.append(memory(path))
                with data.shipped_kdf():
                    store = data.Store.open(path, data.PASSPHRASE)
            step(f"verify {cases} cases")
            seconds, problems = figures_store.verify(store, cases)
            verified.append((cases, seconds, problems))
        store.close()
        base_cases, base_seconds, _ = verified[0]
        for cases, seconds, problems in verified:
            growth = (seconds / base_seconds) / (cases / base_cases)
            rows.append(
                Row(
                    f"verify, {cases} cases",
                    seconds,
                    "s",
                    note=f"{seconds / cases * 1e6:.0f} µs per case, {growth:.2f}x linear; "
                    f"{problems} problems"
                    + ("; cases past 10,000 have no notes" if cases > SCALE_CASES else ""),
                )
            )
        if skipped_row is not None:
            rows.append(skipped_row)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)

    print(f"\nMachine: {machine()}")
    print(f"Run took {time.perf_counter() - started:.0f} s\n")
    print(table(rows))
    return 0 if all(r.passed is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
