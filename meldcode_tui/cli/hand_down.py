"""What the root hands its subcommands: the global --store and --passphrase-file, the file's values.

Each subcommand keeps its own options (`meldcode list --store X`); what the root resolved
reaches them as their defaults, so one precedence holds for every command: the subcommand's
flag, the root's flag, the variable, the settings file, the default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import typer

from meldcode_tui.settings import ENV_STORE, Resolution

# Settings-file keys that are also a subcommand parameter of the same meaning (the file's
# `store` is every command's --store, its `organisation` and `author` are export's options).
_FILE_DEFAULTS = ("store", "organisation", "author")


def hand_down(
    ctx: typer.Context,
    resolution: Resolution,
    *,
    store_flag: Path | None,
    passphrase_file: Path | None,
) -> None:
    if store_flag:  # subcommands read MELDCODE_STORE; their own --store still wins (finding 9)
        _store_for_subcommands(ctx, store_flag)
    defaults: dict[str, str] = {}
    if passphrase_file:
        # Only the path travels; the file is read by the command that unlocks.
        defaults["passphrase_file"] = str(passphrase_file)
    for key in _FILE_DEFAULTS:
        if resolution.sources.get(key) == "file":
            defaults[key] = str(getattr(resolution.settings, _SETTING.get(key, key)))
    if defaults:
        _default_for_subcommands(ctx, defaults)


_SETTING = {"store": "store_path"}


def _store_for_subcommands(ctx: typer.Context, store: Path) -> None:
    """Set MELDCODE_STORE for this command only: put back as it was when the command ends.

    A variable, not a default: Click ranks a subcommand's variable above its default, and the
    root's flag must beat MELDCODE_STORE. A store path is no secret.
    """
    previous = os.environ.get(ENV_STORE)
    os.environ[ENV_STORE] = str(store)

    def restore() -> None:
        if previous is None:
            os.environ.pop(ENV_STORE, None)
        else:
            os.environ[ENV_STORE] = previous

    ctx.call_on_close(restore)


def _default_for_subcommands(ctx: typer.Context, values: Mapping[str, str]) -> None:
    """Give every subcommand that has one of these parameters its value as the default.

    Click's `default_map` is the command line's own way to give a subcommand a default: the
    subcommand's own flag and its variable still win. Nothing is put in the environment.
    """
    defaults = _defaults_for(ctx.command, values)
    ctx.default_map = _merged(ctx.default_map or {}, defaults)


def _defaults_for(group: object, values: Mapping[str, str]) -> dict[str, object]:
    """{command: {param: value}} for each command (in nested groups too) with such a param."""
    found: dict[str, object] = {}
    commands: dict[str, object] = getattr(group, "commands", {})
    for name, command in commands.items():
        if getattr(command, "commands", None):
            nested = _defaults_for(command, values)
            if nested:
                found[name] = nested
            continue
        names = {getattr(p, "name", None) for p in getattr(command, "params", ())}
        mine = {param: value for param, value in values.items() if param in names}
        if mine:
            found[name] = mine
    return found


def _merged(base: Mapping[str, object], extra: Mapping[str, object]) -> dict[str, object]:
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = _merged(old, value)
        else:
            merged[key] = value
    return merged
