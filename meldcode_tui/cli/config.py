"""`meldcode config show|set|unset|path`: the settings file, and where each setting comes from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from meldcode_tui.cli.common import EXIT_USAGE, fail, print_json
from meldcode_tui.cli.options import JsonOpt
from meldcode_tui.cli.resolved import current
from meldcode_tui.config_file import KEYS, ConfigRefused, parse_value, write_setting
from meldcode_tui.i18n import t
from meldcode_tui.settings import (
    ENV_AUTHOR,
    ENV_EXPORT_FOLDER,
    ENV_IDLE,
    ENV_LANG,
    ENV_ORGANISATION,
    ENV_RETENTION_YEARS,
    ENV_ROLE,
    ENV_STORE,
    Settings,
    config_file_path,
)
from meldcode_tui.terminal_text import safe_line

config_app = typer.Typer(no_args_is_help=False, invoke_without_command=True)

# The variable that sets each key, where there is one (theme has none: the file or F4).
ENV_OF = {
    "store": ENV_STORE,
    "lang": ENV_LANG,
    "idle_minutes": ENV_IDLE,
    "organisation": ENV_ORGANISATION,
    "author": ENV_AUTHOR,
    "retention_years": ENV_RETENTION_YEARS,
    "export_folder": ENV_EXPORT_FOLDER,
    "role": ENV_ROLE,
}
KeyArg = Annotated[str, typer.Argument(help="A setting: " + ", ".join(KEYS) + ".")]


@config_app.callback()
def config_callback(ctx: typer.Context) -> None:
    """The settings file: show the settings in effect, set or remove one, print the path."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(EXIT_USAGE)


def effective_value(settings: Settings, key: str) -> object:
    """A setting's value in effect, by the settings file's name for it."""
    if key == "store":
        return str(settings.store_path)
    if key == "theme":
        return "high-contrast" if settings.high_contrast else "default"
    value = getattr(settings, key)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@config_app.command("show")
def show(as_json: JsonOpt = False) -> None:
    """Every setting in effect, and where it came from: flag, variable, file or default."""
    resolution, loaded = current()
    path = config_file_path()
    rows = []
    for key in KEYS:
        value = effective_value(resolution.settings, key)
        source = resolution.sources.get(key, "default")
        rows.append((key, value, source))
    if as_json:
        print_json(
            {
                "file": str(path),
                "file_problem": loaded.warning,
                "settings": {k: {"value": v, "source": s} for k, v, s in rows},
                "problems": {k: t("config_cli.bad_variable", name=v) for k, v in _problems()},
            }
        )
        return
    typer.echo(safe_line(t("config_cli.file", path=path)))
    if loaded.warning:
        typer.echo(safe_line(loaded.warning))
    width = max(len(k) for k in KEYS)
    for key, value, source in rows:
        shown = t("config_cli.unset") if value is None else str(value)
        where = t(f"config_cli.source.{source}", env=ENV_OF.get(key, ""))
        typer.echo(safe_line(f"{key.ljust(width)}  {shown}  ({where})"))
    for _key, name in _problems():
        typer.echo(safe_line(t("config_cli.bad_variable", name=name)), err=True)


def _problems() -> list[tuple[str, str]]:
    resolution, _ = current()
    return sorted(resolution.problems.items())


@config_app.command("set")
def set_value(
    key: KeyArg,
    value: Annotated[str, typer.Argument(help="The value, checked before it is written.")],
) -> None:
    """Write one setting to the settings file (checked first; a bad one changes nothing)."""
    path = config_file_path()
    try:
        parsed = parse_value(key, value)
        if key == "role":
            _known_role(str(parsed))
        write_setting(path, key, parsed)
    except ConfigRefused as exc:
        fail(exc.problem)
    shown = (
        str(parsed)
        if not isinstance(parsed, float) or not parsed.is_integer()
        else str(int(parsed))
    )
    typer.echo(safe_line(t("config_cli.saved", name=key, value=shown, path=path)))
    _warn_if_overridden(key)


def _known_role(role: str) -> None:
    """A typed role must be one a shipped protocol names (`mentorr` would silently fall back to
    each protocol's default role on every case); the file and MELDCODE_ROLE are not refused,
    they fall back per case (casework/roles.py PreferredRole)."""
    from meldcode_tui.casework.roles import shipped_roles

    roles = shipped_roles()
    if role not in roles:
        fail(t("config_cli.role_in_no_protocol", role=role, roles=", ".join(roles)))


@config_app.command("unset")
def unset(key: KeyArg) -> None:
    """Remove one setting from the settings file: the variable or the default decides again."""
    path = config_file_path()
    try:
        write_setting(path, key, None)
    except ConfigRefused as exc:
        fail(exc.problem)
    typer.echo(safe_line(t("config_cli.removed", name=key, path=path)))


def _warn_if_overridden(key: str) -> None:
    """The file is below a flag and a variable: say so, or the change seems not to work."""
    resolution, _ = current()
    source = resolution.sources.get(key)
    if source in ("flag", "env"):
        where = t(f"config_cli.source.{source}", env=ENV_OF.get(key, ""))
        typer.echo(safe_line(t("config_cli.overridden", name=key, where=where)), err=True)


@config_app.command("path")
def path() -> None:
    """Print the settings file's path (it need not exist yet)."""
    where: Path = config_file_path()
    typer.echo(str(where))
