"""Options and arguments that several commands share, each with the variable that sets it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from meldcode_tui.settings import ENV_PASSPHRASE, ENV_STORE

StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar=ENV_STORE,
        show_envvar=True,
        help="Store file. Default: the user data folder.",
    ),
]
PassFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        help=f"Read the passphrase from this file (first line). Else {ENV_PASSPHRASE}, "
        "else a prompt.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def _settings_role(value: str | None) -> str | None:
    """No --role typed: the settings' `role`, used where the case's flow names it."""
    if value is not None:
        return value
    from meldcode_tui.casework.roles import PreferredRole
    from meldcode_tui.cli.resolved import current

    preferred = current()[0].settings.role
    return PreferredRole(preferred) if preferred else None


RoleOpt = Annotated[
    str | None,
    typer.Option(
        "--role",
        callback=_settings_role,
        help="Your role, recorded with each change; one of the flow's roles (default: its first).",
    ),
]
CaseArg = Annotated[str, typer.Argument(help="Case id, see `meldcode list`.")]
