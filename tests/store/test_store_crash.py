"""Done-when (c): SIGKILL during 200 answer saves loses no save that had returned."""

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

_WRITER = textwrap.dedent(
    """
    import sys
    from meldcode_tui.store import Store
    path, passphrase, case_id, start, stop = sys.argv[1:6]
    store = Store.open(path, passphrase)
    print("ready", flush=True)
    for i in range(int(start), int(stop)):
        store.set_answer(case_id, f"q{i % 37}", {"save": i, "text": "x" * (i % 300)})
        # Printed only after set_answer returned: the parent may count on this save.
        print(i, flush=True)
    print("done", flush=True)
    """
)


def _run_until_killed(
    path: Path, case_id: str, start: int, stop: int, delay: float
) -> tuple[list[int], bool]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), PASSPHRASE, case_id, str(start), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "MELDCODE_INSECURE_TEST_KDF": "1"},
    )
    assert proc.stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            if line.strip() == "ready":
                ready.set()

    thread = threading.Thread(target=reader)
    thread.start()
    assert ready.wait(60)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    thread.join()
    proc.stdout.close()
    return [int(x) for x in lines if x.isdigit()], "done" in lines


def test_sigkill_loses_no_returned_save(store_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    s, _ = Store.create(store_path, PASSPHRASE, recovery=False)
    with s:
        case_id = s.new_case("basismodel", "crash")
    returned: dict[str, int] = {}
    next_save = 0
    killed_mid_run = 0
    while next_save < TOTAL_SAVES:
        # A save takes about a millisecond: kill within the first ~100 of the remainder.
        saved, finished = _run_until_killed(
            store_path, case_id, next_save, TOTAL_SAVES, rng.uniform(0.0, 0.1)
        )
        killed_mid_run += not finished
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
    assert killed_mid_run >= 2, seed
