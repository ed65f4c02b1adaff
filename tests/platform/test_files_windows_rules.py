"""Windows' file rules, enforced on every OS, on the paths that create, back up and restore a store.

Windows refuses to flush a file opened read-only (EBADF): creating a store used to fail there on
its first run. Here os.fsync is replaced by one that refuses a read-only descriptor the same way,
so the rule is checked on Linux CI as well as on a Windows runner.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from meldcode_tui.store import Store
from meldcode_tui.store.files import NotAFile, TargetExists, write_private
from meldcode_tui.vault import INSECURE_TEST_ENV

PASSPHRASE = "paard batterij nietje correct"
ROOT = Path(__file__).resolve().parents[2]


def _is_read_only(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - the real fsync enforces it there
        return False
    import fcntl

    return fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY


@pytest.fixture
def windows_fsync(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """os.fsync as Windows has it; returns the descriptors it flushed."""
    real = os.fsync
    flushed: list[int] = []

    def fsync(fd: int) -> None:
        # Directories are flushed read-only on POSIX only; files must be writable.
        if _is_read_only(fd) and not os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(errno.EBADF, "Bad file descriptor")
        flushed.append(fd)
        real(fd)

    monkeypatch.setenv(INSECURE_TEST_ENV, "1")
    if os.name != "nt":  # on Windows the real os.fsync has the rule
        monkeypatch.setattr(os, "fsync", fsync)
    else:  # pragma: no cover - Windows only
        flushed.append(-1)
    return flushed


@pytest.mark.skipif(
    os.name != "nt" and not Path("/proc/self/fd").is_dir(), reason="needs /proc to tell folders"
)
def test_create_backup_restore_flush_only_writable_handles(
    tmp_path: Path, windows_fsync: list[int]
) -> None:
    path, backup, restored = tmp_path / "a.meldcode", tmp_path / "b.meldcode", tmp_path / "c"
    store, _ = Store.create(path, PASSPHRASE, recovery=False)
    with store:
        case_id = store.new_case("basismodel", "fictief")
        store.backup(backup)
    Store.restore(backup, restored, PASSPHRASE)
    with Store.open(restored, PASSPHRASE) as again:
        assert again.get_case(case_id).summary.id == case_id
        assert again.verify() == []
    assert windows_fsync, "the store paths flushed nothing"


def test_export_write_is_atomic_private_and_never_clobbers(
    tmp_path: Path, windows_fsync: list[int]
) -> None:
    target = tmp_path / "export.txt"
    write_private(target, b"eerste")
    with pytest.raises(TargetExists):
        write_private(target, b"tweede")
    assert target.read_bytes() == b"eerste"
    write_private(target, b"derde", overwrite=True)
    assert target.read_bytes() == b"derde"
    if os.name != "nt":  # Windows has no mode bits; the profile folder's ACL is private
        assert target.stat().st_mode & 0o077 == 0
    # No hidden temporary file is left beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.txt"]


def test_overwrite_replaces_only_an_ordinary_file(tmp_path: Path) -> None:
    """The export dialog's Overwrite goes through here: a folder or a link stays as it was."""
    folder = tmp_path / "map"
    folder.mkdir()
    real = tmp_path / "echt.txt"
    real.write_bytes(b"ander")
    link = tmp_path / "link.txt"
    try:
        link.symlink_to(real)
    except OSError:  # pragma: no cover - Windows without the right to make links
        link = folder
    for target in (folder, link):
        with pytest.raises(NotAFile):
            write_private(target, b"casustekst", overwrite=True)
    assert folder.is_dir() and real.read_bytes() == b"ander"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"map", "echt.txt", link.name})


def test_one_atomic_write_helper() -> None:
    """Renames into place and temp files live in store/files.py only: one helper to get right."""
    allowed = {
        ROOT / "meldcode_tui" / "store" / "files.py",
        # The settings file: a shared leaf that may import no layer (store/ included); it holds
        # no case text, so it needs the atomic replace but not the private mode.
        ROOT / "meldcode_tui" / "config_file.py",
        # The cache of parsed locale strings and checked flows: a leaf below i18n, which the
        # store imports; it holds only what is derived from shipped files, never case text.
        ROOT / "meldcode_tui" / "cache_folder.py",
    }
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "meldcode_tui").rglob("*.py"))
        if path not in allowed
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bos\.(replace|rename)\(|mkstemp\(|NamedTemporaryFile\(", line)
    ]
    assert offenders == []
