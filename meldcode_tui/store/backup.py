"""Copies and their opposite: a verified backup, a verified restore, and shredding a case."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from meldcode_tui import vault
from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import files, leftovers, rollback, upgrade
from meldcode_tui.store.base import Clock, open_vault_errors
from meldcode_tui.store.errors import (
    FolderMissing,
    StoreDamaged,
    StoreExists,
    StoreIOError,
    StoreNotFound,
)
from meldcode_tui.store.files import install_new
from meldcode_tui.store.integrity import StoreIntegrity
from meldcode_tui.store.lock import StoreLock
from meldcode_tui.store.opening import check_structure
from meldcode_tui.store.records import DamagedRecord
from meldcode_tui.store.rows import CHILD_TABLES
from meldcode_tui.store.schema import connect, migrate


class StoreBackup(StoreIntegrity):
    """Backups are verified before they get their name; a shred leaves no copy in the WAL."""

    def shred(self, case_id: str) -> None:
        """Destroy a case: its key and rows go, and the WAL is emptied so no copy remains."""
        with self._op(write=True):
            with self._db.atomic():
                self._case_row(case_id)
                for table in (*CHILD_TABLES, "manifest_rows"):
                    self._conn.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))
                self._conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
                # The log keeps that a case was shredded and when; not which, nor its history.
                audit_log.forget_case(self._conn, self._audit_key, case_id)
                self._audit("case_shredded", None, self._shredded_tag(case_id))
            self._case_keys.pop(case_id, None)
            if self._memory is not None:
                # The log was renumbered: remember the new last entry at once, or a crash
                # before close would make the next open read this store as put back.
                self._memory.remember(self._conn)
            # secure_delete zeroed the freed space in the pages; TRUNCATE copies those pages
            # into the main file and empties the WAL, which still held the old page images.
            self._checkpoint()

    def backup(self, dest_path: str | os.PathLike[str]) -> None:
        """Write a single-file, still-encrypted copy, and verify it before giving it its name."""
        dest = Path(dest_path)
        if os.path.lexists(dest):
            raise StoreExists("backup destination already exists")
        if not dest.parent.is_dir():
            raise FolderMissing("the backup's folder does not exist")
        leftovers.remove_backup_leftovers(dest.parent)
        tmp = files.temp_sibling(dest, leftovers.BACKUP_PURPOSE)
        with contextlib.ExitStack() as stack:
            try:
                # Created empty and private first: VACUUM INTO fills it and keeps its mode.
                files.create_private(tmp)
                # Held while written, so a backup of another store into this folder, cleaning
                # up what killed backups left, leaves this one be.
                stack.enter_context(leftovers.held(tmp))
                with self._op():
                    self._conn.execute("VACUUM INTO ?", (str(tmp),))
                # A backup is one file: no WAL beside it.
                conn = sqlite3.connect(str(tmp))
                try:
                    conn.execute("PRAGMA journal_mode=DELETE")
                finally:
                    conn.close()
                problems = self._verify_copy(tmp)
                if problems:
                    raise StoreDamaged("the backup did not verify")
                install_new(tmp, dest)
            except FileExistsError:
                raise StoreExists("backup destination appeared meanwhile") from None
            except sqlite3.DatabaseError:
                raise StoreIOError("cannot write the backup") from None
            finally:
                files.remove_with_side_files(tmp)
        if not self._readonly:
            # When the last good copy was made: the reminder counts the days from here.
            with self._op(write=True), self._db.atomic():
                self._audit("backup_verified", None)

    def _verify_copy(self, path: Path) -> list[DamagedRecord]:
        conn = connect(path, readonly=True)
        try:
            header = files.read_header(conn)
            check_structure(conn)
            if header.to_bytes() != self._header.to_bytes():
                raise StoreDamaged("the backup's header differs from the store's")
            copy = type(self)(
                path=path,
                conn=conn,
                lock=None,
                master=self._master,
                header=header,
                clock=self._clock,
                readonly=True,
            )
            return copy.verify()
        finally:
            conn.close()

    @classmethod
    def restore(
        cls,
        backup_path: str | os.PathLike[str],
        dest_path: str | os.PathLike[str],
        passphrase: str,
        *,
        overwrite: bool = False,
        clock: Clock | None = None,
    ) -> None:
        """Verify a backup with its passphrase, then install it at dest_path."""
        src, dest = Path(backup_path), Path(dest_path)
        if not src.is_file():
            raise StoreNotFound("no backup at that path")
        master, header = cls._check_backup(src, passphrase, clock)
        if os.path.lexists(dest) and not (overwrite and dest.is_file() and not dest.is_symlink()):
            # --overwrite replaces a store file, never a device, a folder or a link.
            raise StoreExists("something already exists there")
        try:
            leftovers.make_private_folder(dest.parent)
        except OSError:
            raise StoreIOError("cannot create the store folder") from None
        lock = StoreLock(dest)
        lock.acquire()
        leftovers.remove_leftovers(dest)
        tmp = files.temp_sibling(dest, "restoring")
        try:
            if os.path.lexists(dest) and not overwrite:
                raise StoreExists("something already exists there")
            files.create_private(tmp)
            shutil.copyfile(src, tmp)
            conn = connect(tmp)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                copy = cls(
                    path=tmp, conn=conn, lock=None, master=master, header=header, clock=clock
                )
                migrate(copy._db, lambda version: upgrade.convert(copy, version))
                if copy.verify():
                    raise StoreDamaged("the restored copy did not verify")
                with copy._op(write=True), copy._db.atomic():
                    copy._audit("store_restored", None)
                # Putting an older copy back on purpose: this is now the copy last seen here.
                rollback.Memory(master, dest).remember(conn)
            finally:
                conn.close()
            # The old store's WAL would be replayed onto the restored file: remove it first.
            for suffix in ("-wal", "-shm"):
                files.remove_quietly(files.side_file(dest, suffix))
            (files.durable_replace if overwrite else install_new)(tmp, dest)
        except FileExistsError:
            raise StoreExists("something appeared there meanwhile") from None
        except sqlite3.DatabaseError:
            raise StoreIOError("cannot write the restored store") from None
        finally:
            files.remove_with_side_files(tmp)
            lock.release()

    @classmethod
    def _check_backup(
        cls, src: Path, passphrase: str, clock: Clock | None
    ) -> tuple[vault.MasterKey, vault.Header]:
        try:
            conn = connect(src, readonly=True)
        except sqlite3.DatabaseError:
            raise StoreDamaged("backup file is not readable") from None
        try:
            header = files.read_header(conn)
            check_structure(conn)
            master = open_vault_errors(lambda: vault.unlock(header, passphrase))
            copy = cls(
                path=src,
                conn=conn,
                lock=None,
                master=master,
                header=header,
                clock=clock,
                readonly=True,
            )
            try:
                if copy.verify():
                    raise StoreDamaged("the backup did not verify")
            except sqlite3.DatabaseError:
                raise StoreDamaged("backup file is not readable") from None
            return master, header
        finally:
            conn.close()
