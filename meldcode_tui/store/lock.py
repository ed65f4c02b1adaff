"""An OS lock on a sidecar file, so only one process writes a store; freed if the process dies."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from meldcode_tui.store.errors import StoreInUse, StoreIOError


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")


class StoreLock:
    """Exclusive, non-blocking lock: a second holder gets StoreInUse at once."""

    def __init__(self, store_path: Path) -> None:
        self.path = lock_path(store_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            raise StoreIOError("cannot create the lock file") from None
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise StoreInUse("another process has this store open") from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)


# Windows: msvcrt.locking, from the standard library, rather than the filelock package: it is
# what filelock itself uses there, it adds no dependency, and the lock is a byte-range lock on
# our open handle, so Windows drops it when the process dies, as flock does on POSIX. The tests
# in tests/store/test_store_failures.py (second open in the same process, a second process,
# a killed holder) run on Windows in .github/workflows/windows.yml.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        # flock locks belong to the open file description: a second open() in the same
        # process conflicts too, and the kernel drops the lock when the process dies.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
