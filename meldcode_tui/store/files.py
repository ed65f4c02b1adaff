"""File helpers: the one atomic write, durable renames, side files, a store's clear header."""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from pathlib import Path

from meldcode_tui.store.errors import NotAStore, StoreDamaged, StoreTooNew
from meldcode_tui.store.schema import APPLICATION_ID, SCHEMA_VERSION, application_id, schema_version
from meldcode_tui.vault import Header, VaultDamaged, VaultTooNew

VAULT_KEY = "vault"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def temp_sibling(path: Path, purpose: str) -> Path:
    """A hidden name in the destination's folder, so the final rename stays on one disk."""
    return path.with_name(f".{path.name}.{purpose}-{secrets.token_hex(4)}")


# Windows opens files in text mode unless told otherwise; elsewhere the flag does not exist.
_BINARY = getattr(os, "O_BINARY", 0)


class TargetExists(FileExistsError):
    """The target exists and overwriting was not asked for (the message holds no user text)."""


class NotAFile(FileExistsError):
    """The target is there but is no ordinary file (a device, a folder, a link): never replaced.

    Renaming over it would swap a device node such as /dev/full, or a link someone set up, for
    a file of case text; the store's backups refuse the same (`Store.backup`)."""


def ordinary_or_absent(path: Path) -> bool:
    return not os.path.lexists(path) or (path.is_file() and not path.is_symlink())


def create_private(path: Path) -> None:
    """Create an empty file only the owner can read (SQLite gives its side files the same mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
    os.close(fd)


def fsync_file(path: Path) -> None:
    # Windows flushes only through a handle opened for writing (read-only gives EBADF);
    # POSIX accepts either, so one way serves both.
    fd = os.open(path, os.O_RDWR | _BINARY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    # Makes a rename durable on POSIX; Windows cannot open a folder as a file, and NTFS
    # journals the rename itself.
    if os.name == "nt":  # pragma: no cover - Windows only
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def durable_replace(src: Path, dest: Path) -> None:
    fsync_file(src)
    os.replace(src, dest)
    fsync_dir(dest.parent)


def install_new(src: Path, dest: Path) -> None:
    """Give a finished file its name; FileExistsError if the name exists (never replaces)."""
    fsync_file(src)
    if os.name == "nt":  # pragma: no cover - Windows' rename never replaces a file
        os.rename(src, dest)
    else:
        try:
            os.link(src, dest)
        except FileExistsError:
            raise
        except OSError:
            # No hard links on this file system (FAT, some shares): check, then rename.
            if os.path.lexists(dest):
                raise FileExistsError(dest) from None
            os.rename(src, dest)
        else:
            os.unlink(src)
    fsync_dir(dest.parent)


def write_private(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write `data` to `path`, owner-only where the OS has modes, atomically and durably.

    The bytes go to a hidden file beside the target (never to a shared temp folder, where
    cleartext could linger) and are renamed into place once complete and flushed. Without
    `overwrite`, an existing target raises TargetExists, also when it appears meanwhile. With
    it, only an ordinary file is replaced; anything else there raises NotAFile.
    """
    path = Path(path)
    folder = path.parent
    if not overwrite and os.path.lexists(path):
        raise TargetExists("target exists")
    if not ordinary_or_absent(path):
        raise NotAFile("target is not an ordinary file")
    tmp = temp_sibling(path, "writing")
    # Created 0600 before a byte is written (the mode is ignored on Windows, where the
    # user's profile folders are private by their ACLs).
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _place_new(tmp, path)
        fsync_dir(folder)
    finally:
        remove_quietly(tmp)
    return path


def _place_new(tmp: Path, path: Path) -> None:
    try:
        # A hard link fails if the name is taken: no window in which to clobber.
        os.link(tmp, path)
    except FileExistsError:
        raise TargetExists("target exists") from None
    except OSError:
        # File systems without hard links (FAT USB sticks): the check is the best we have.
        if path.exists():
            raise TargetExists("target exists") from None
        os.replace(tmp, path)


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def remove_with_side_files(path: Path) -> None:
    for p in (path, *(side_file(path, s) for s in SIDE_SUFFIXES)):
        remove_quietly(p)


def is_nonempty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def read_header(conn: sqlite3.Connection) -> Header:
    """Identify the file, check its schema version, and parse the vault header. Writes nothing."""
    try:
        app_id = application_id(conn)
        version = schema_version(conn)
        if app_id != APPLICATION_ID:
            raise NotAStore("file is not a meldcode store")
        if version > SCHEMA_VERSION:
            raise StoreTooNew("store was written by a newer version")
        found = conn.execute("SELECT value FROM meta WHERE key = ?", (VAULT_KEY,)).fetchone()
    except sqlite3.DatabaseError:
        raise StoreDamaged("store file is not readable") from None
    if found is None or not isinstance(found[0], bytes):
        raise StoreDamaged("store header is missing")
    try:
        return Header.from_bytes(found[0])
    except VaultTooNew:
        raise StoreTooNew("store header was written by a newer version") from None
    except VaultDamaged:
        raise StoreDamaged("store header is damaged") from None
