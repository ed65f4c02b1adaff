"""Low 14, 15, 16: hidden copies cleaned, private folders, no passphrase for the print service."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from security_helpers import PASSPHRASE, SECRET_NOTE, new_case, ok

from meldcode_tui.cli import export as cli_export
from meldcode_tui.store import Store
from meldcode_tui.store.files import temp_sibling


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("purpose", ["restoring", "creating"])
def test_a_killed_restore_or_create_leaves_no_copy_after_the_next_open(
    store_path: Path, tmp_path: Path, purpose: str
) -> None:
    ok("init", "--no-recovery")
    case = new_case(tmp_path, "basismodel", {})
    ok("note", case, SECRET_NOTE, "--kind", "feit")
    # What SIGKILL between copy and rename leaves: a full copy under the hidden name.
    leftover = temp_sibling(store_path, purpose)
    shutil.copyfile(store_path, leftover)
    Path(str(leftover) + "-wal").write_bytes(b"x")
    ok("shred", case, "--yes")
    assert _hidden(store_path.parent) == []


def test_a_wrong_passphrase_removes_nothing(store_path: Path) -> None:
    ok("init", "--no-recovery")
    leftover = temp_sibling(store_path, "restoring")
    shutil.copyfile(store_path, leftover)
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do; the file must stay
        Store.open(store_path, "verkeerde wachtwoordzin")
    assert leftover.exists()


def test_a_killed_backup_leaves_no_copy_after_the_next_backup(
    store_path: Path, tmp_path: Path
) -> None:
    ok("init", "--no-recovery")
    folder = tmp_path / "usb"
    folder.mkdir()
    target = folder / "backup.meldcode"
    shutil.copyfile(store_path, temp_sibling(target, "backup"))
    other = folder / ".other.backup-1234"  # not ours: left alone
    other.write_bytes(b"x")
    ok("backup", str(target))
    assert _hidden(folder) == [".other.backup-1234"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_new_store_folders_are_private_at_any_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "a" / "b" / "store.meldcode"
        store, _ = Store.create(path, PASSPHRASE, recovery=False)
        store.close()
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    Store.create(folder / "s.meldcode", PASSPHRASE, recovery=False)[0].close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


def test_the_print_service_gets_no_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    class Done:
        returncode = 0

    def fake_run(args: list[str], **kw: object) -> Done:
        seen.update(kw)
        return Done()

    monkeypatch.setenv("MELDCODE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(cli_export.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(cli_export.subprocess, "run", fake_run)
    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("Windows prints through startfile")
    cli_export.send_to_printer(tmp_path / "x.pdf")
    env = seen["env"]
    assert isinstance(env, dict) and "MELDCODE_PASSPHRASE" not in env and "PATH" in env


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file locks")
def test_a_backup_being_written_elsewhere_is_left_alone(store_path: Path, tmp_path: Path) -> None:
    from meldcode_tui.store import leftovers

    ok("init", "--no-recovery")
    folder = tmp_path / "usb"
    folder.mkdir()
    stale = temp_sibling(folder / "maandag.meldcode", "backup")
    busy = temp_sibling(folder / "dinsdag.meldcode", "backup")
    stale.write_bytes(b"x")
    busy.write_bytes(b"x")
    with leftovers.held(busy):
        ok("backup", str(folder / "woensdag.meldcode"))
        assert _hidden(folder) == [busy.name]
