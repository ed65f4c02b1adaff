"""What the case-store commands share: options, passphrases, opening the store, registration."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from meldcode_tui.casework import ENV_PASSPHRASE, resolve_store_path
from meldcode_tui.cli_common import EXIT_USAGE, fail
from meldcode_tui.i18n import t
from meldcode_tui.store import KdfRefused, Store, StoreDamaged, StoreError, StoreInUse
from meldcode_tui.store.records import CaseSummary, DamagedRecord
from meldcode_tui.terminal_text import safe_line

StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", help="Store file. Default: MELDCODE_STORE, else the user data folder."),
]
PassFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        help="Read the passphrase from this file (first line). Also MELDCODE_PASSPHRASE.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
RoleOpt = Annotated[str, typer.Option("--role", help="Your role, recorded with each change.")]
CaseArg = Annotated[str, typer.Argument(help="Case id, see `meldcode list`.")]


def _store_fail(exc: StoreError, path: Path, code: int = EXIT_USAGE) -> NoReturn:
    fail(t(f"store.error.{exc.code}", path=path), code)


def _read_secret_file(path: Path) -> str:
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


def _secret(
    file: Path | None,
    env: str,
    label: str,
    *,
    confirm: bool = False,
    needed_key: str = "store.passphrase_needed",
) -> str:
    """From a file, else the environment, else a hidden prompt."""
    if file is not None:
        return _read_secret_file(file)
    from_env = os.environ.get(env)
    if from_env is not None:
        if not from_env:
            fail(t("store.passphrase_empty", source=env))
        return from_env
    return _prompt(label, confirm=confirm, needed_key=needed_key)


def _passphrase(file: Path | None) -> str:
    return _secret(file, ENV_PASSPHRASE, t("store.passphrase_prompt"))


def _existing_store(store_opt: Path | None) -> Path:
    """The store path; says "no store" before asking for a passphrase that could not help."""
    path = resolve_store_path(store_opt)
    if not path.is_file():
        fail(t("store.error.not_found", path=path))
    return path


@contextlib.contextmanager
def _opened(
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
    path = _existing_store(store_opt)
    passphrase = _passphrase(pass_file)
    try:
        try:
            store = Store.open(path, passphrase)
        except StoreInUse:
            # The app holds the store: a command that only reads may still read it.
            if not reader:
                raise
            store = Store.open_reader(path, passphrase)
    except (StoreDamaged, KdfRefused) as exc:
        _store_fail(exc, path, damaged_code)
    except StoreError as exc:
        _store_fail(exc, path)
    try:
        yield store, path
    except StoreDamaged as exc:
        _store_fail(exc, path, damaged_code)
    except StoreError as exc:
        _store_fail(exc, path)
    finally:
        store.close()


def _title(summary: CaseSummary) -> str:
    if summary.damaged and not summary.title:
        return t("cases.damaged_title")
    return summary.title or t("cases.no_title")


def _damaged_line(d: DamagedRecord) -> str:
    return safe_line(
        t(
            "store.damaged_line",
            table=d.table,
            row=d.row_id,
            case=d.case_id or t("store.no_case"),
            field=d.field,
            reason=t(f"store.damage.{d.reason}"),
        )
    )


def register(app: typer.Typer) -> None:
    """Add the case-store commands to the main `meldcode` app, in the order `--help` lists them."""
    # Imported here: both command modules import this one.
    from meldcode_tui import cli_case_commands as cases
    from meldcode_tui import cli_salvage
    from meldcode_tui import cli_store_commands as admin

    app.command("init")(admin.init)
    app.command("new")(cases.new)
    app.command("list")(cases.list_cases)
    app.command("show")(cases.show)
    app.command("answer")(cases.answer)
    app.command("note")(cases.note)
    app.command("passwd")(admin.passwd)
    app.command("shred")(admin.shred)
    app.command("backup")(admin.backup)
    app.command("restore")(admin.restore)
    app.command("verify")(admin.verify)
    app.command("salvage")(cli_salvage.salvage)
