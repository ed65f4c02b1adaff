"""Deliver 4: SIGKILL during passwd, shred, backup and restore; afterwards all is well.

After every kill: the store opens (with the old or the new passphrase, for passwd), `verify`
passes, every case is either whole or (shred) gone, a backup is either absent or complete and
verified, and no hidden copy is left once the store is next opened or backed up.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from security_helpers import PASSPHRASE

from meldcode_tui.store import Store, WrongPassphrase

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]
KILLS = 6
NEW_PASSPHRASE = "nog vier andere woorden"

_CHILD = textwrap.dedent(
    """
    import os
    import sys
    from pathlib import Path
    from meldcode_tui.store import Store
    op, path, passphrase, other = sys.argv[1:5]
    print("ready", flush=True)
    for i in range(1000):
        if op == "passwd":
            old, new = (passphrase, other) if i % 2 == 0 else (other, passphrase)
            with Store.open(path, old) as store:
                store.change_passphrase(new)
        elif op == "shred":
            with Store.open(path, passphrase) as store:
                cases = store.list_cases()
                if not cases:
                    break
                store.shred(cases[0].id)
        elif op == "backup":
            target = Path(other) / f"b{os.getpid()}-{i}.meldcode"
            with Store.open(path, passphrase) as store:
                store.backup(target)
        elif op == "restore":
            Store.restore(other, path, passphrase, overwrite=True)
        print(i, flush=True)
    """
)


def _kill_during(op: str, path: Path, other: str, rng: random.Random) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, op, str(path), PASSPHRASE, other],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "MELDCODE_INSECURE_TEST_KDF": "1"},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.05, 0.6))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()


def _open_either(path: Path) -> Store:
    try:
        return Store.open(path, PASSPHRASE)
    except WrongPassphrase:
        return Store.open(path, NEW_PASSPHRASE)


def _hidden(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def _filled(path: Path, cases: int) -> list[str]:
    store, _ = Store.create(path, PASSPHRASE, recovery=True)
    ids = []
    with store:
        for n in range(cases):
            case = store.new_case("basismodel", f"casus {n}")
            store.add_note(case, "feit", f"feit {n} " * 50)
            store.set_answer(case, "client_type", "kind")
            ids.append(case)
    return ids


@pytest.mark.parametrize("op", ["passwd", "shred", "backup", "restore"])
def test_sigkill_leaves_a_sound_store_and_no_hidden_copy(tmp_path: Path, op: str) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    path = tmp_path / "store" / "s.meldcode"
    ids = _filled(path, 40 if op == "shred" else 5)
    other = ""
    if op == "passwd":
        other = NEW_PASSPHRASE
    elif op == "backup":
        (tmp_path / "usb").mkdir()
        other = str(tmp_path / "usb")
    elif op == "restore":
        other = str(tmp_path / "good.backup")
        with Store.open(path, PASSPHRASE) as store:
            store.backup(other)
    for kill in range(KILLS):
        _kill_during(op, path, other, rng)
        with _open_either(path) as store:
            assert store.verify() == [], (seed, kill)
            for case in ids:
                try:
                    found = store.get_case(case)
                except Exception:  # shredded: must be gone entirely
                    assert op == "shred", (seed, kill)
                    continue
                assert found.damaged == [] and len(found.notes) == 1, (seed, kill)
        assert _hidden(path.parent) == [], (seed, kill)
    if op == "backup":
        with _open_either(path) as store:
            store.backup(Path(other) / "last.meldcode")
        assert _hidden(Path(other)) == [], seed
        for backup in Path(other).iterdir():
            with Store.open(backup, PASSPHRASE) as copy:
                assert copy.verify() == [], (seed, backup.name)


@pytest.mark.parametrize("pages", [0, 3])
def test_a_full_disk_is_its_own_message_and_loses_nothing(tmp_path: Path, pages: int) -> None:
    """SQLITE_FULL, made real by capping the file's size, as a full USB stick would."""
    from meldcode_tui.i18n import t
    from meldcode_tui.store import StoreIOError

    path = tmp_path / "s.meldcode"
    (case,) = _filled(path, 1)
    with Store.open(path, PASSPHRASE) as store:
        used = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count={used + pages}")
        with pytest.raises(StoreIOError) as caught:
            store.add_note(case, "feit", "x" * 200_000)
        assert "schijf vol" in t(f"store.error.{caught.value.code}", path=path)
    with Store.open(path, PASSPHRASE) as store:
        assert store.verify() == []
        assert len(store.get_case(case).notes) == 1
