"""Opening failures: wrong passphrase, damage, newer versions, KDF tampering, store in use."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_helpers import PASSPHRASE, raw_conn

from meldcode_tui.store import (
    KdfRefused,
    NotAStore,
    Store,
    StoreDamaged,
    StoreInUse,
    StoreTooNew,
    WrongPassphrase,
)
from meldcode_tui.vault import KdfParams
from meldcode_tui.vault import kdf as kdf_module
from meldcode_tui.vault.header import canonical_json


def _made(path: Path) -> str:
    s, _ = Store.create(path, PASSPHRASE, recovery=False)
    with s:
        cid = s.new_case("f", "Casus")
        s.add_note(cid, "feit", "tekst")
    return cid


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _edit_header(path: Path, edit: object, *, recheck: bool) -> None:
    conn = raw_conn(path)
    raw = conn.execute("SELECT value FROM meta WHERE key = 'vault'").fetchone()[0]
    data = json.loads(raw)
    edit(data)  # type: ignore[operator]
    if recheck:
        data.pop("check")
        data["check"] = hashlib.sha256(canonical_json(data)).hexdigest()
    conn.execute("UPDATE meta SET value = ? WHERE key = 'vault'", (canonical_json(data),))
    conn.close()


def test_wrong_passphrase_writes_nothing(store_path: Path) -> None:
    _made(store_path)
    before = _snapshot(store_path.parent)
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, "wrong passphrase")
    after = _snapshot(store_path.parent)
    assert after.get(store_path.name) == before[store_path.name]
    # SQLite may create empty side files while reading; none may hold anything.
    for name, data in after.items():
        if name not in before and name.endswith("-wal"):
            assert data == b""


def test_damaged_header_is_not_a_wrong_passphrase(store_path: Path) -> None:
    _made(store_path)
    _edit_header(
        store_path, lambda d: d.__setitem__("wrapped", d["wrapped"][:-4] + "AAA="), recheck=False
    )
    with pytest.raises(StoreDamaged) as caught:
        Store.open(store_path, PASSPHRASE)
    assert not isinstance(caught.value, WrongPassphrase)
    assert type(caught.value).code != WrongPassphrase.code


@pytest.mark.parametrize("content", [b"x" * 5000, b"SQLite format 3\x00" + b"\x00" * 100])
def test_garbage_file_is_damage(store_path: Path, content: bytes) -> None:
    store_path.write_bytes(content)
    with pytest.raises(StoreDamaged):
        Store.open(store_path, PASSPHRASE)


def test_truncated_store_is_damage(store_path: Path) -> None:
    _made(store_path)
    data = store_path.read_bytes()
    store_path.write_bytes(data[: len(data) // 3])
    with pytest.raises(StoreDamaged):
        Store.open(store_path, PASSPHRASE)


def test_other_sqlite_file_is_not_a_store(store_path: Path) -> None:
    conn = sqlite3.connect(store_path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAStore):
        Store.open(store_path, PASSPHRASE)


def test_newer_schema_refused_before_unlock(store_path: Path) -> None:
    _made(store_path)
    conn = raw_conn(store_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreTooNew):
        Store.open(store_path, "even a wrong passphrase")


def test_newer_vault_format_refused(store_path: Path) -> None:
    _made(store_path)
    _edit_header(store_path, lambda d: d.__setitem__("format", 7), recheck=True)
    with pytest.raises(StoreTooNew):
        Store.open(store_path, PASSPHRASE)


def test_kdf_params_beyond_cap_refused_fast(store_path: Path) -> None:
    _made(store_path)
    _edit_header(store_path, lambda d: d["kdf"].__setitem__("memory_kib", 1 << 30), recheck=True)
    with pytest.raises(KdfRefused):
        Store.open(store_path, PASSPHRASE)


def test_light_store_is_strengthened_without_test_setting(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not refused, which would lock the user out of their cases: rewrapped with the shipped
    # parameters at once and flagged (tests/security/test_medium_findings.py, medium 6).
    _made(store_path)
    monkeypatch.delenv(kdf_module.INSECURE_TEST_ENV)
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.kdf_params == kdf_module.DEFAULT_PARAMS
        assert store.kdf_warning == "strengthened"


def test_lowered_kdf_params_do_not_unlock(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        kdf_module, "TEST_PARAMS", KdfParams(memory_kib=1024, iterations=2, lanes=1)
    )
    _made(store_path)
    _edit_header(store_path, lambda d: d["kdf"].__setitem__("iterations", 1), recheck=True)
    # Named as edited key settings, not as a wrong passphrase (issue 15, finding 7).
    with pytest.raises(KdfRefused):
        Store.open(store_path, PASSPHRASE)


def test_weaker_params_upgraded_on_unlock(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = _made(store_path)
    stronger = KdfParams(memory_kib=1024, iterations=2, lanes=1)
    monkeypatch.setattr(kdf_module, "TEST_PARAMS", stronger)
    with Store.open(store_path, PASSPHRASE) as s:
        assert s.kdf_params == stronger
        assert s.audit()[-1].event == "kdf_upgraded"
    with Store.open(store_path, PASSPHRASE) as s:
        assert s.kdf_params == stronger
        assert s.get_case(cid).notes[0].text == "tekst"
        assert s.verify() == []


def test_second_open_in_same_process_is_in_use(store: Store, store_path: Path) -> None:
    with pytest.raises(StoreInUse):
        Store.open(store_path, PASSPHRASE)
    store.close()
    Store.open(store_path, PASSPHRASE).close()


_CHILD = textwrap.dedent(
    """
    import sys
    from meldcode_tui.store import Store, StoreError
    try:
        s = Store.open(sys.argv[1], sys.argv[2])
    except StoreError as exc:
        print(exc.code)
        sys.exit(0)
    s.new_case("f", "from child")
    s.close()
    print("opened")
    """
)


def _child(path: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), PASSPHRASE],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return proc.stdout.strip()


def test_second_process_gets_store_in_use(store: Store, store_path: Path) -> None:
    cid = store.new_case("f", "parent")
    assert _child(store_path) == "in_use"
    store.set_answer(cid, "q", 1)
    assert store.verify() == []
    store.close()
    assert _child(store_path) == "opened"
    with Store.open(store_path, PASSPHRASE) as s:
        assert len(s.list_cases()) == 2
        assert s.verify() == []


# Popen.kill is SIGKILL on POSIX and TerminateProcess on Windows: the OS frees the lock in both.
def test_lock_released_when_holder_dies(store_path: Path) -> None:
    _made(store_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time\nfrom meldcode_tui.store import Store\n"
            "s = Store.open(sys.argv[1], sys.argv[2])\nprint('ready', flush=True)\ntime.sleep(60)",
            str(store_path),
            PASSPHRASE,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreInUse):
            Store.open(store_path, PASSPHRASE)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    with Store.open(store_path, PASSPHRASE) as s:
        assert s.verify() == []
