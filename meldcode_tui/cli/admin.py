"""`meldcode init/passwd/shred/backup/restore/verify`: set up, re-key, back up, check the store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from meldcode_tui.cli.common import (
    EXIT_CHECK_FAILED,
    case_title,
    damaged_line,
    fail,
    local_minute,
)
from meldcode_tui.cli.options import CaseArg, PassFileOpt, StoreOpt
from meldcode_tui.cli.unlock import existing_store, opened, passphrase, secret, store_fail
from meldcode_tui.i18n import plural, t
from meldcode_tui.settings import (
    ENV_NEW_PASSPHRASE,
    ENV_PASSPHRASE,
    ENV_RECOVERY_KEY,
    resolve_store_path,
)
from meldcode_tui.terminal_text import safe_line


def _new_passphrase(file: Path | None, env: str, label: str) -> str:
    from meldcode_tui.casework.setup import (
        MIN_PASSPHRASE,
        PassphraseTooShort,
        PassphraseTooWeak,
        check_new_passphrase,
    )
    from meldcode_tui.vault import INSECURE_TEST_ENV
    from meldcode_tui.vault.kdf import insecure_test_kdf

    value = secret(file, env, label, confirm=True)
    try:
        rating = check_new_passphrase(value)
    except PassphraseTooShort:
        fail(t("store.passphrase_too_short", min=MIN_PASSPHRASE))
    except PassphraseTooWeak as exc:
        fail(t("passphrase.too_weak", reason=t(f"passphrase.reason.{exc.reason}")))
    if insecure_test_kdf():
        typer.echo(t("security.insecure_kdf", env=INSECURE_TEST_ENV), err=True)
    typer.echo(t(f"store.strength_{rating.strength}"), err=True)
    return value


def _refuse_stray_test_kdf() -> None:
    """`init` and `passwd` write key settings: stop, before anything is opened or asked."""
    from meldcode_tui.vault import INSECURE_TEST_ENV
    from meldcode_tui.vault.kdf import stray_insecure_setting

    if stray_insecure_setting():
        fail(t("trust.insecure_kdf_refused", env=INSECURE_TEST_ENV))


def _refuse_existing(path: Path) -> None:
    """Never write over anything: a file (even empty), a folder, a link or a device."""
    if os.path.lexists(path):
        fail(t("store.error.exists", path=path))


def init(
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
    no_recovery: Annotated[
        bool, typer.Option("--no-recovery", help="Do not make a recovery key.")
    ] = False,
) -> None:
    """Create a new encrypted store (asks for the passphrase twice)."""
    from meldcode_tui.casework.setup import create_store
    from meldcode_tui.store import StoreError

    _refuse_stray_test_kdf()
    path = resolve_store_path(store)
    _refuse_existing(path)
    new_pass = _new_passphrase(passphrase_file, ENV_PASSPHRASE, t("store.passphrase_new_prompt"))
    try:
        created, recovery_key = create_store(path, new_pass, recovery=not no_recovery)
    except StoreError as exc:
        store_fail(exc, path)
    created.close()
    typer.echo(t("store.created", path=safe_line(path)))
    if recovery_key:
        typer.echo("")
        typer.echo(t("store.recovery_header"))
        typer.echo("")
        typer.echo(f"    {recovery_key}")
        typer.echo("")
        typer.echo(t("store.recovery_use"))
    else:
        typer.echo(t("store.recovery_none"))


def passwd(
    recovery: Annotated[
        bool, typer.Option("--recovery", help="Unlock with the recovery key instead.")
    ] = False,
    new_passphrase_file: Annotated[
        Path | None,
        typer.Option("--new-passphrase-file", help="Read the new passphrase from this file."),
    ] = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Change the passphrase (or set a new one with the recovery key)."""
    _refuse_stray_test_kdf()
    from meldcode_tui.store import Store, StoreError
    from meldcode_tui.vault import BadRecoveryKey as VaultBadRecoveryKey
    from meldcode_tui.vault import parse_key

    path = existing_store(store)
    if recovery:
        key = secret(
            None, ENV_RECOVERY_KEY, t("store.recovery_prompt"), needed_key="store.recovery_needed"
        )
        # A mistyped key is caught before the new passphrase is asked for.
        try:
            parse_key(key)
        except VaultBadRecoveryKey:
            fail(t("store.error.bad_recovery_key", path=path))
        new_pass = _new_passphrase(
            new_passphrase_file, ENV_NEW_PASSPHRASE, t("store.passphrase_new_prompt")
        )
        try:
            Store.reset_passphrase_with_recovery(path, key, new_pass)
        except StoreError as exc:
            store_fail(exc, path)
    else:
        with opened(store, passphrase_file) as (unlocked, _):
            new_pass = _new_passphrase(
                new_passphrase_file, ENV_NEW_PASSPHRASE, t("store.passphrase_new_prompt")
            )
            unlocked.change_passphrase(new_pass)
    typer.echo(t("store.passwd_done", path=safe_line(path)))


def shred(
    case_id: CaseArg,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Destroy a case for good: its key, its rows, and every copy in the journal."""
    from meldcode_tui.casework import shred_case
    from meldcode_tui.cli.confirm import confirmed as ask_yes

    with opened(store, passphrase_file) as (unlocked, _):
        found = [c for c in unlocked.list_cases() if c.id == case_id]
        if not found:
            unlocked.get_case(case_id)  # raises CaseNotFound with the usual message
        if not yes:
            question = t("cases.shred_confirm", id=case_id, title=case_title(found[0]))
            try:
                confirmed = ask_yes(question)
            except typer.Abort:
                fail(t("cases.shred_needs_yes", id=case_id))
            if not confirmed:
                fail(t("cases.shred_cancelled"))
        shred_case(unlocked, case_id)
    typer.echo(t("cases.shred_done", id=case_id))


def backup(
    file: Annotated[Path, typer.Argument(help="Backup file to write (must not exist).")],
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Write an encrypted single-file backup, verified before it is given its name."""
    from meldcode_tui.store import FolderMissing, StoreExists, StoreIOError

    _refuse_existing(file)
    with opened(store, passphrase_file) as (unlocked, _):
        try:
            unlocked.backup(file)
        except (StoreExists, FolderMissing, StoreIOError) as exc:
            # About the backup file, not the store it was made from.
            store_fail(exc, file)
    typer.echo(t("store.backup_done", file=safe_line(file)))


def restore(
    file: Annotated[Path, typer.Argument(help="Backup file made by `meldcode backup`.")],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace the existing store at the store path.")
    ] = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Restore a backup into the store path (verified before anything is replaced)."""
    from meldcode_tui.store import Store, StoreDamaged, StoreError, StoreNotFound, WrongPassphrase

    path = resolve_store_path(store)
    if not file.is_file():
        fail(t("store.error.not_found", path=file))
    if not overwrite:
        _refuse_existing(path)
    secret_text = passphrase(passphrase_file)
    try:
        Store.restore(file, path, secret_text, overwrite=overwrite)
    except (StoreNotFound, WrongPassphrase, StoreDamaged) as exc:
        # These are about the backup file, not the destination.
        store_fail(exc, file)
    except StoreError as exc:
        store_fail(exc, path)
    typer.echo(t("store.restore_done", path=safe_line(path)))


def verify(
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
    accept: Annotated[
        list[str] | None,
        typer.Option(
            "--accept",
            help="Keep this damaged case as it now is (records that do not open are removed), "
            "so it can be changed again. Check it with `meldcode show` first.",
        ),
    ] = None,
) -> None:
    """Open every record and check every manifest and the audit chain; exit 1 if any fail."""
    reader = not accept  # --accept writes; a plain verify may run beside the app
    with opened(store, passphrase_file, damaged_code=EXIT_CHECK_FAILED, reader=reader) as (
        unlocked,
        path,
    ):
        for case_id in accept or []:
            removed = unlocked.accept_damage(case_id)
            typer.echo(plural("plural.damage_accepted", removed, case=case_id))
        damaged = unlocked.verify()
        count = len(unlocked.list_cases())
        entries = unlocked.audit()
    if damaged:
        for d in damaged:
            typer.echo(damaged_line(d))
        typer.echo(plural("plural.verify_failed", len(damaged), path=safe_line(path)), err=True)
        raise typer.Exit(EXIT_CHECK_FAILED)
    typer.echo(plural("plural.verify_ok", count, path=safe_line(path)))
    from meldcode_tui.casework.copies import store_copies_lines

    for line in store_copies_lines(entries, local_minute):
        typer.echo(line)
