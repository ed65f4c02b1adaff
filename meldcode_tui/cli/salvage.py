"""`meldcode salvage NEW`: copy every case that still opens out of a damaged store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from meldcode_tui.cli.common import EXIT_CHECK_FAILED, fail
from meldcode_tui.cli.options import PassFileOpt, StoreOpt
from meldcode_tui.cli.unlock import passphrase, store_fail
from meldcode_tui.i18n import plural, t
from meldcode_tui.settings import resolve_store_path
from meldcode_tui.terminal_text import safe_line


def salvage(
    new_store: Annotated[Path, typer.Argument(help="The new store to create (must not exist).")],
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Copy every case that still opens from a damaged store into a new one (exit 1: some lost)."""
    # Imported here: `--help` and `flows` never load the store or the crypto.
    from meldcode_tui.store import StoreError
    from meldcode_tui.store.salvage import salvage as salvage_store

    path = resolve_store_path(store)
    if not path.is_file():
        fail(t("store.error.not_found", path=path))
    if new_store.exists() or new_store.is_symlink():
        fail(t("store.error.exists", path=new_store))
    secret_text = passphrase(passphrase_file)
    try:
        report = salvage_store(path, new_store, secret_text)
    except StoreError as exc:
        store_fail(exc, path)
    typer.echo(
        plural(
            "plural.salvaged",
            len(report.copied),
            path=safe_line(new_store),
            partial=len(report.partial),
            lost=len(report.lost),
        )
    )
    for case_id in report.lost:
        typer.echo(t("security.salvage_lost", case=case_id), err=True)
    if report.recovery_key:
        typer.echo(t("store.recovery_header"))
        typer.echo(f"    {report.recovery_key}")
    if report.lost or report.partial:
        raise typer.Exit(EXIT_CHECK_FAILED)
