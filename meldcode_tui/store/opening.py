"""Making, opening and closing a store, and changing its passphrase (or resetting it)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Self

from meldcode_tui import vault
from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import files, leftovers, rollback, upgrade
from meldcode_tui.store.base import Clock, open_vault_errors
from meldcode_tui.store.errors import (
    SchemaAltered,
    SchemaVersionDamaged,
    StoreDamaged,
    StoreExists,
    StoreIOError,
    StoreNotFound,
    StoreReadOnly,
)
from meldcode_tui.store.files import install_new
from meldcode_tui.store.identity import MetaDamaged, StoreRecords
from meldcode_tui.store.lock import StoreLock
from meldcode_tui.store.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    connect,
    database,
    migrate,
    schema_matches,
    schema_version,
)


def files_writable(path: Path) -> bool:
    """Can this process write the store and create its journal beside it?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def check_structure(conn: sqlite3.Connection) -> None:
    """Refuse an impossible schema version or a schema we did not make, before any key work."""
    try:
        version = schema_version(conn)
        if version < 1:
            raise SchemaVersionDamaged("schema version was edited")
        if not schema_matches(conn):
            raise SchemaAltered("the schema holds objects meldcode did not make")
    except sqlite3.DatabaseError:
        raise StoreDamaged("store file is not readable") from None


class StoreOpening(StoreRecords):
    """Lifecycle and keys: `create`, `open`, `close`, passphrase change and recovery."""

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        recovery: bool = True,
        clock: Clock | None = None,
    ) -> tuple[Self, str | None]:
        """Make a new store; returns it and the recovery key (shown once) if asked for."""
        path = Path(path)
        if os.path.lexists(path):
            # Even an empty file, a link or a device (/dev/null, run as root) is never replaced.
            raise StoreExists("something already exists there")
        try:
            leftovers.make_private_folder(path.parent)
        except OSError:
            raise StoreIOError("cannot create the store folder") from None
        lock = StoreLock(path)
        lock.acquire()
        leftovers.remove_leftovers(path)
        tmp = files.temp_sibling(path, "creating")
        try:
            if os.path.lexists(path):
                raise StoreExists("something already exists there")
            header, master, recovery_text = vault.create_vault(passphrase, recovery=recovery)
            # Built under a temporary name and renamed when complete, so a crash never
            # leaves a half-made store at the real path.
            files.create_private(tmp)
            conn = connect(tmp)
            store = cls(path=tmp, conn=conn, lock=None, master=master, header=header, clock=clock)
            try:
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                migrate(store._db)
                with store._db.atomic():
                    conn.execute(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        (files.VAULT_KEY, header.to_bytes()),
                    )
                    at = store._now()
                    audit_log.append(
                        conn, store._audit_key, at=at, case_id=None, event="store_created"
                    )
                    # The identity colleagues hand cases over to (see identity.py), made at
                    # the same moment: it takes no tick of the store's clock of its own.
                    store._ensure_identity(at)
                conn.execute("PRAGMA journal_mode=WAL")
            finally:
                conn.close()
            install_new(tmp, path)
        except FileExistsError:
            files.remove_with_side_files(tmp)
            lock.release()
            raise StoreExists("something appeared there meanwhile") from None
        except sqlite3.DatabaseError:
            files.remove_with_side_files(tmp)
            lock.release()
            raise StoreIOError("cannot write the new store") from None
        except BaseException:
            files.remove_with_side_files(tmp)
            lock.release()
            raise
        store._rebind(path, lock)
        return store, recovery_text

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        passphrase: str | None = None,
        *,
        recovery_key: str | None = None,
        clock: Clock | None = None,
    ) -> Self:
        """Open for reading and writing. The key is checked before anything is written."""
        if (passphrase is None) == (recovery_key is None):
            raise ValueError("give exactly one of passphrase or recovery_key")
        path = Path(path)
        if not path.is_file():
            raise StoreNotFound("no store at that path")
        if not files_writable(path):
            # SQLite then fails on its journal, which read as "the file is damaged".
            raise StoreReadOnly("the store or its folder cannot be written")
        lock = StoreLock(path)
        lock.acquire()
        conn: sqlite3.Connection | None = None
        try:
            try:
                conn = connect(path)
            except sqlite3.OperationalError:
                raise StoreIOError("store file cannot be opened") from None
            except sqlite3.DatabaseError:
                raise StoreDamaged("store file is not readable") from None
            header = files.read_header(conn)
            check_structure(conn)
            if passphrase is not None:
                secret: str = passphrase
                master = open_vault_errors(lambda: vault.unlock(header, secret))
            else:
                typed: str = recovery_key or ""
                master = open_vault_errors(lambda: vault.unlock_with_recovery(header, typed))
            store = cls(path=path, conn=conn, lock=lock, master=master, header=header, clock=clock)
            store._memory = rollback.Memory(master, path)
            store._memory.check(conn)
            store._after_unlock(passphrase)
            # Only now, with the key proven and the lock held: a wrong passphrase changes nothing.
            leftovers.remove_leftovers(path)
            return store
        except BaseException:
            if conn is not None:
                conn.close()
            lock.release()
            raise

    @classmethod
    def open_reader(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        clock: Clock | None = None,
    ) -> Self:
        """Open for reading only, beside an app that holds the store (no lock is taken).

        Nothing is ever written through it: no migration, no KDF upgrade, no clean-up, and
        every write raises. A second writer is still refused by `open`.
        """
        path = Path(path)
        if not path.is_file():
            raise StoreNotFound("no store at that path")
        try:
            conn = connect(path, beside_writer=True)
        except sqlite3.DatabaseError:
            raise StoreIOError("store file cannot be opened for reading") from None
        try:
            header = files.read_header(conn)
            check_structure(conn)
            if schema_version(conn) != SCHEMA_VERSION:
                # An older schema is migrated by the writer; a reader cannot do that.
                raise StoreIOError("store needs a migration first")
            master = open_vault_errors(lambda: vault.unlock(header, passphrase))
            return cls(
                path=path,
                conn=conn,
                lock=None,
                master=master,
                header=header,
                clock=clock,
                readonly=True,
            )
        except BaseException:
            conn.close()
            raise

    @property
    def readonly(self) -> bool:
        return self._readonly

    def _after_unlock(self, passphrase: str | None) -> None:
        """Writes allowed only once the key is proven: migrations and KDF upgrade."""
        with self._op(write=True):
            # A WAL left by a killed process may hold pages a shred was about to remove from
            # the main file: finish that now, not at some later close. (A reader beside us
            # may keep it from finishing; the next write's checkpoint will.)
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if schema_version(self._conn) < SCHEMA_VERSION:
                migrate(self._db, lambda version: upgrade.convert(self, version))
                with self._db.atomic():
                    self._audit("schema_migrated", None)
            # A store from before identities gets one on its first unlock. A tampered identity
            # record does not keep the cases from opening: `verify` names it (and it is kept
            # as found, never replaced), and a hand-over refuses until a backup is restored.
            with contextlib.suppress(MetaDamaged):
                self._ensure_identity()
            if passphrase is not None and vault.needs_upgrade(self._header):
                self._write_header(
                    vault.rewrap(self._header, self._master, passphrase), "kdf_upgraded"
                )
                if self.kdf_warning == "weak":
                    self.kdf_warning = "strengthened"

    def _rebind(self, path: Path, lock: StoreLock) -> None:
        """Point a freshly built store at its final path (after the rename)."""
        self.path = path
        self._lock = lock
        try:
            self._conn = connect(path)
        except sqlite3.DatabaseError:
            lock.release()
            raise StoreIOError("cannot reopen the new store") from None
        self._db = database(self._conn)

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            self._case_keys.clear()
            try:
                if self._memory is not None and not self._readonly:
                    with contextlib.suppress(sqlite3.DatabaseError):
                        self._memory.remember(self._conn)
                self._conn.close()
            finally:
                if self._lock is not None:
                    self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def has_recovery_key(self) -> bool:
        return self._header.has_recovery

    @property
    def kdf_params(self) -> vault.KdfParams:
        return self._header.kdf

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrap the master key under a new passphrase; the old one stops working at once."""
        with self._op(write=True):
            self._write_header(
                vault.rewrap(self._header, self._master, new_passphrase), "passphrase_changed"
            )

    @classmethod
    def reset_passphrase_with_recovery(
        cls,
        path: str | os.PathLike[str],
        recovery_key: str,
        new_passphrase: str,
        *,
        clock: Clock | None = None,
    ) -> None:
        """Unlock with the recovery key and set a new passphrase."""
        with cls.open(path, recovery_key=recovery_key, clock=clock) as store, store._op(write=True):
            header = vault.rewrap(store._header, store._master, new_passphrase)
            store._write_header(header, "passphrase_reset")
