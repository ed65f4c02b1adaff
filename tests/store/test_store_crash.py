"""Done-when (c): SIGKILL during 200 answer saves loses no save that had returned.

A save on a RAM disk (tmpfs, the default temp folder on Fedora and Arch) takes microseconds, so
a kill at a random time tends to miss every save and the test would prove nothing. The writer
is therefore paced (every statement inside a save's transaction waits a little) and says when
a transaction begins; the test kills it at a random moment within a random save and counts the
kills that landed inside one, so it shows what it claims on every file system.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from store_helpers import PASSPHRASE

from meldcode_tui.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

TOTAL_SAVES = 200
# Seconds each statement inside a save's transaction waits (about ten statements per save):
# a save then lasts a few milliseconds on any disk, so the kill has room to land inside it.
PACE = 0.0003
IN_SAVE = "in-save"

_WRITER = textwrap.dedent(
    """
    import sys, time
    from meldcode_tui.store import Store
    path, passphrase, case_id, start, stop, pace = sys.argv[1:7]
    store = Store.open(path, passphrase)
    in_tx = False

    def trace(sql):
        global in_tx
        word = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if word in ("BEGIN", "SAVEPOINT") and not in_tx:
            in_tx = True
            print("IN_SAVE", flush=True)
        if in_tx:
            time.sleep(float(pace))
        if word in ("COMMIT", "END", "ROLLBACK"):
            in_tx = False

    # Test-only: the trace hook needs the raw connection.
    store._conn.set_trace_callback(trace)
    print("ready", flush=True)
    for i in range(int(start), int(stop)):
        store.set_answer(case_id, f"q{i % 37}", {"save": i, "text": "x" * (i % 300)})
        # Printed only after set_answer returned: the parent may count on this save.
        print(i, flush=True)
    print("done", flush=True)
    """
).replace("IN_SAVE", IN_SAVE)


def _run_until_killed(
    path: Path, case_id: str, start: int, stop: int, kill_in: int, delay: float
) -> tuple[list[int], bool, bool]:
    """Kill the writer `delay` seconds into its `kill_in`-th save.

    Returns the saves that returned, whether the writer finished, and whether the kill hit
    inside a save (the writer's last word was that a transaction began).
    """
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _WRITER,
            str(path),
            PASSPHRASE,
            case_id,
            str(start),
            str(stop),
            str(PACE),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "MELDCODE_INSECURE_TEST_KDF": "1"},
    )
    assert proc.stdout is not None
    lines: list[str] = []
    reached = threading.Event()

    def reader() -> None:
        assert proc.stdout is not None
        begun = 0
        for line in proc.stdout:
            lines.append(line.strip())
            begun += line.strip() == IN_SAVE
            if begun == kill_in or line.strip() == "done":
                reached.set()

    thread = threading.Thread(target=reader)
    thread.start()
    assert reached.wait(120)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    thread.join()
    proc.stdout.close()
    saved = [int(x) for x in lines if x.isdigit()]
    return saved, "done" in lines, bool(lines) and lines[-1] == IN_SAVE


def test_sigkill_loses_no_returned_save(store_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    s, _ = Store.create(store_path, PASSPHRASE, recovery=False)
    with s:
        case_id = s.new_case("basismodel", "crash")
    returned: dict[str, int] = {}
    next_save = 0
    runs = killed_in_save = 0
    while next_save < TOTAL_SAVES:
        # A random save, and a random moment within it: one paced save lasts a few ms.
        saved, finished, in_save = _run_until_killed(
            store_path, case_id, next_save, TOTAL_SAVES, rng.randint(1, 60), rng.uniform(0, 0.003)
        )
        runs += 1
        killed_in_save += in_save and not finished
        for i in saved:
            returned[f"q{i % 37}"] = i
        # The save in flight when the kill came may or may not be there; carry on after it
        # so each of the 200 saves is attempted once.
        next_save = (saved[-1] + 2) if saved else next_save + 1
        with Store.open(store_path, PASSPHRASE) as check:
            answers = check.get_case(case_id).answers
            for question, i in returned.items():
                # A later unreported save may have overwritten it; an older value never.
                assert answers[question]["save"] >= i, (seed, question, i)
            assert check.verify() == [], seed
    # The test shows what it claims only if the kills came inside saves, not between runs.
    assert runs >= 3, (seed, runs)
    assert killed_in_save >= runs - 2, (seed, runs, killed_in_save)
