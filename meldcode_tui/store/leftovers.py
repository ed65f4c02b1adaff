"""Hidden copies a killed process left behind, and folders only their owner can enter.

`create`, `backup` and `restore` build a file under a hidden temporary name and rename it
when complete. A SIGKILL (or power cut) in between leaves that copy: still encrypted, but a
full copy of the store, kept past a later `shred` (the case is still in it) and `passwd` (the
old wrapped key is). They are removed when the store is next opened or backed up, under the
store's lock, so no other meldcode is still writing them.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from meldcode_tui.store import files

# The purposes files.temp_sibling is called with, for the store file and for a backup file.
STORE_PURPOSES = ("creating", "restoring")
BACKUP_PURPOSE = "backup"


def _siblings(path: Path, purposes: tuple[str, ...]) -> list[Path]:
    prefixes = tuple(f".{path.name}.{purpose}-" for purpose in purposes)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return [path.parent / n for n in names if n.startswith(prefixes)]


def remove_leftovers(path: Path, purposes: tuple[str, ...] = STORE_PURPOSES) -> int:
    """Delete the hidden temporary copies (and their side files) next to `path`."""
    removed = 0
    for leftover in _siblings(path, purposes):
        with contextlib.suppress(OSError):
            files.remove_with_side_files(leftover)
            removed += 1
    return removed


# files.temp_sibling's names: "." + the file's name + "." + purpose + "-" + 8 hex digits.
_BACKUP_TEMP = re.compile(r"^\..+\.backup-[0-9a-f]{8}$")


def remove_backup_leftovers(folder: Path) -> int:
    """Delete hidden backup copies in a folder that no running backup holds.

    Backups go to many names (one a day), so every meldcode backup copy in the folder is a
    candidate; one that another process is still writing is held (see `held`) and stays.
    """
    removed = 0
    try:
        names = [n for n in os.listdir(folder) if _BACKUP_TEMP.match(n)]
    except OSError:
        return 0
    for name in names:
        leftover = folder / name
        with contextlib.suppress(OSError), _if_free(leftover) as free:
            if free:
                files.remove_with_side_files(leftover)
                removed += 1
    return removed


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only

    @contextlib.contextmanager
    def held(path: Path) -> Iterator[None]:
        # An open handle would block the final rename on Windows; there a file SQLite is
        # writing cannot be deleted anyway, so the clean-up fails on it harmlessly.
        yield

    @contextlib.contextmanager
    def _if_free(path: Path) -> Iterator[bool]:
        yield True

else:
    import fcntl

    @contextlib.contextmanager
    def held(path: Path) -> Iterator[None]:
        """Hold a temporary copy while it is written, so a clean-up elsewhere leaves it be."""
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def _if_free(path: Path) -> Iterator[bool]:
        fd = os.open(path, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                yield False
            else:
                yield True
        finally:
            os.close(fd)


def make_private_folder(folder: Path) -> None:
    """Create the store's folder (and missing parents) as 0700: others cannot even list it.

    A folder that already exists is the user's choice and is left as it is. Windows ignores
    the mode; there the user profile's own permissions apply.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for new in reversed(missing):
        # mkdir's mode is masked by the umask, which can only take bits away from 0700.
        with contextlib.suppress(FileExistsError):
            new.mkdir(mode=0o700)
