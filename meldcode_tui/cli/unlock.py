"""Unlocking the store for a command: passphrases from a file, the environment or a prompt."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from meldcode_tui.cli.common import EXIT_USAGE, fail
from meldcode_tui.i18n import t
from meldcode_tui.settings import ENV_PASSPHRASE, resolve_store_path, secret_from_environment
from meldcode_tui.terminal_text import safe_line

if TYPE_CHECKING:
    from meldcode_tui.store import Store, StoreError


def store_fail(exc: StoreError, path: Path, code: int = EXIT_USAGE) -> NoReturn:
    fail(t(f"store.error.{exc.code}", path=path), code)


def read_secret_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        fail(t("store.passphrase_file_unreadable", file=path))
    # Only the first line counts, as with restic and borg; a trailing newline is not part of it.
    value = text.splitlines()[0] if text else ""
    if not value:
        fail(t("store.passphrase_empty", source=path))
    return value


def _prompt(label: str, *, confirm: bool, needed_key: str = "store.passphrase_needed") -> str:
    try:
        value: str = typer.prompt(label, hide_input=True)
        if confirm:
            again: str = typer.prompt(t("store.passphrase_repeat"), hide_input=True)
            if again != value:
                fail(t("store.passphrase_mismatch"))
    except typer.Abort:
        fail(t(needed_key))
    if not value:
        fail(t("store.passphrase_empty", source=label))
    return value


def secret(
    file: Path | None,
    env: str,
    label: str,
    *,
    confirm: bool = False,
    needed_key: str = "store.passphrase_needed",
) -> str:
    """From a file, else the environment, else a hidden prompt."""
    if file is not None:
        return read_secret_file(file)
    from_env = secret_from_environment(env)
    if from_env is not None:
        if not from_env:
            fail(t("store.passphrase_empty", source=env))
        return from_env
    return _prompt(label, confirm=confirm, needed_key=needed_key)


def passphrase(file: Path | None) -> str:
    return secret(file, ENV_PASSPHRASE, t("store.passphrase_prompt"))


def existing_store(store_opt: Path | None) -> Path:
    """The store path; says "no store" before asking for a passphrase that could not help."""
    path = resolve_store_path(store_opt)
    if not path.is_file():
        fail(t("store.error.not_found", path=path))
    return path


@contextlib.contextmanager
def opened(
    store_opt: Path | None,
    pass_file: Path | None,
    *,
    damaged_code: int = EXIT_USAGE,
    reader: bool = False,
) -> Iterator[tuple[Store, Path]]:
    """The unlocked store, closed afterwards; a store error is one line with its exit code.

    `damaged_code` is the exit code when the store turns out damaged (verify: a failed check).
    `reader`: a command that only reads works beside the app, through a read-only open.
    """
    # Imported here: `--help` and `flows` never load the store or the crypto.
    from meldcode_tui.store import KdfRefused, Store, StoreDamaged, StoreError, StoreInUse

    path = existing_store(store_opt)
    secret_text = passphrase(pass_file)
    try:
        try:
            store = Store.open(path, secret_text)
        except StoreInUse:
            # The app holds the store: a command that only reads may still read it.
            if not reader:
                raise
            store = Store.open_reader(path, secret_text)
    except (StoreDamaged, KdfRefused) as exc:
        store_fail(exc, path, damaged_code)
    except StoreError as exc:
        store_fail(exc, path)
    from meldcode_tui.casework.store_warnings import open_warnings

    for line in open_warnings(store, path):
        typer.echo(safe_line(line), err=True)
    try:
        yield store, path
    except StoreDamaged as exc:
        store_fail(exc, path, damaged_code)
    except StoreError as exc:
        store_fail(exc, path)
    finally:
        store.close()
