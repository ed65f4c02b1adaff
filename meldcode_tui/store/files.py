"""File-level helpers: durable renames, side files, and reading a store's clear header."""

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


def create_private(path: Path) -> None:
    """Create an empty file only the owner can read (SQLite gives its side files the same mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    # Makes a rename durable on POSIX; directories cannot be opened this way on Windows.
    if os.name == "nt":  # pragma: no cover
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
