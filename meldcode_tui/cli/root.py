"""The `meldcode` root: global options, the command groups, and one-line errors for all of them.

Only light modules are imported here: `meldcode --help` and `meldcode flows ...` must not load
the store, the crypto or the summary renderers (a test asserts it); each command imports what
it needs when it runs. The command modules themselves are imported only for the command that
runs or shows its help (`MeldcodeGroup.LAZY`, cli/lazy.py).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar, NoReturn, TypeVar

import typer

from meldcode_tui import __version__
from meldcode_tui.cli.common import EXIT_USAGE, apply_language
from meldcode_tui.cli.guard import guarded
from meldcode_tui.cli.hand_down import hand_down
from meldcode_tui.cli.lazy import LazyGroup, Where
from meldcode_tui.cli.localise import CONFIG_META
from meldcode_tui.cli.options import PassFileOpt
from meldcode_tui.cli.resolved import set_for_run
from meldcode_tui.cli.usage_errors import message_of, usage_line
from meldcode_tui.config_file import load_config
from meldcode_tui.i18n import set_language, t
from meldcode_tui.settings import (
    ENV_LANG,
    ENV_STORE,
    Resolution,
    Settings,
    config_file_path,
    resolve,
)
from meldcode_tui.terminal_text import safe_line

T = TypeVar("T")


class MeldcodeGroup(LazyGroup):
    """`meldcode`: `demo` is defined below; every other command is built when it is used."""

    # The order `meldcode --help` lists them in, after `demo`.
    LAZY: ClassVar[Mapping[str, Where]] = {
        "init": Where("admin", "init"),
        "new": Where("cases", "new"),
        "list": Where("show", "list_cases"),
        "show": Where("show", "show"),
        "answer": Where("cases", "answer"),
        "note": Where("cases", "note"),
        "passwd": Where("admin", "passwd"),
        "shred": Where("admin", "shred"),
        "backup": Where("admin", "backup"),
        "retention": Where("retention", "retention"),
        "purge": Where("retention", "purge"),
        "restore": Where("admin", "restore"),
        "verify": Where("admin", "verify"),
        "salvage": Where("salvage", "salvage"),
        "export": Where("export", "export"),
        "due": Where("due", "due"),
        "close": Where("due", "close"),
        "reopen": Where("lifecycle", "reopen"),
        "handover": Where("handover", "handover"),
        "receive": Where("handover", "receive"),
        "change-flow": Where("flow_change", "change_flow"),
        "flows": Where("flows", "flows_app", group=True),
        "action": Where("actions", "actions_app", group=True),
        "config": Where("config", "config_app", group=True),
        "identity": Where("handover", "identity_app", group=True),
        "contacts": Where("handover", "contacts_app", group=True),
    }


app = typer.Typer(
    name="meldcode",
    cls=MeldcodeGroup,
    help="Meldcode huiselijk geweld en kindermishandeling: offline wizard with encrypted notes.",
    pretty_exceptions_enable=False,
    add_completion=True,
    invoke_without_command=True,
    # The English fallback; what `--help` shows comes from cli_help.root in locales/.
    epilog="Also read: MELDCODE_PASSPHRASE (the passphrase, no prompt), MELDCODE_NEW_PASSPHRASE "
    "and MELDCODE_RECOVERY_KEY (for passwd), MELDCODE_CONFIG (another settings file), "
    "MELDCODE_RETENTION_YEARS (your own retention term), MELDCODE_NOW (pretend it is this "
    "moment, for deadlines), MELDCODE_DEBUG (show tracebacks; they may hold case data).",
)


@dataclass(frozen=True)
class RootFlags:
    """The root's resolution; `settings()` adds the passphrase when the app opens."""

    resolution: Resolution
    passphrase_file: Path | None

    def settings(self) -> Settings:
        # Imported here: reading a secret file is only needed when the wizard opens.
        from meldcode_tui.cli.unlock import read_secret_file

        settings = self.resolution.settings
        if self.passphrase_file is None:
            return settings
        # An unreadable or empty file is one clear line and exit 2, before the screen opens.
        return settings.with_changes(passphrase=read_secret_file(self.passphrase_file))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"meldcode-tui {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option("--lang", envvar=ENV_LANG, show_envvar=True, help="Language: nl or en."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    store: Annotated[
        Path | None,
        typer.Option("--store", envvar=ENV_STORE, show_envvar=True, help="Store file."),
    ] = None,
    idle_lock: Annotated[
        float | None,
        typer.Option(
            "--idle-lock",
            min=0,
            # Not `envvar`: settings.py reads MELDCODE_IDLE_LOCK, and an unusable value there is
            # a warning with the next source deciding, as for every variable, not Click's refusal.
            help="Lock the wizard after this many idle minutes (default 5; 0 = never; "
            "or MELDCODE_IDLE_LOCK).",
        ),
    ] = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Without a command, open the wizard."""
    apply_language(lang)  # a bad --lang / MELDCODE_LANG: one bilingual line, exit 2
    loaded = ctx.meta.get(CONFIG_META) or load_config(config_file_path())
    if loaded.warning and ctx.invoked_subcommand != "config":
        # `config` reports the file itself; every other command still runs, on the defaults.
        typer.echo(safe_line(loaded.warning), err=True)

    def typed(name: str, value: T) -> T | None:
        # Only a value typed here is a flag; one Typer took from a variable is "env".
        source = ctx.get_parameter_source(name)
        return value if source is not None and source.name == "COMMANDLINE" else None

    resolution = resolve(
        store=typed("store", store),
        lang=typed("lang", lang),
        idle_minutes=typed("idle_lock", idle_lock),
        file=loaded.settings,
    )
    set_language(resolution.settings.lang)
    set_for_run(ctx, resolution, loaded)
    hand_down(ctx, resolution, store_flag=typed("store", store), passphrase_file=passphrase_file)
    flags = RootFlags(resolution=resolution, passphrase_file=passphrase_file)
    ctx.obj = flags
    if ctx.invoked_subcommand is None:
        from meldcode_tui.cli.tui import run_tui

        run_tui(flags.settings(), resolution.problems)


@app.command("demo")
def demo(ctx: typer.Context) -> None:
    """Open the wizard on a throw-away store with fictitious cases; no set-up."""
    from meldcode_tui.cli.tui import run_tui

    flags: RootFlags = ctx.obj
    run_tui(flags.settings().with_changes(demo=True), flags.resolution.problems)


def _click_error(name: str) -> type[Exception]:
    """One of Click's error classes, found through Typer's public BadParameter.

    Typer re-exports only BadParameter; its bases are Click's UsageError and ClickException
    (Click's own before Typer 0.29, Typer's bundled copy since): no private import either way,
    and it works from the typer floor on (typer.TyperException exists only since 0.28).
    """
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name and issubclass(cls, Exception):
            return cls
    raise ImportError(f"typer.BadParameter has no base {name}")  # pragma: no cover


ClickException = _click_error("ClickException")


def _usage_error(exc: Exception) -> NoReturn:
    """Click's usage errors as one line (what, where, how to fix) instead of a box."""
    typer.echo(safe_line(usage_line(exc)), err=True)
    sys.exit(EXIT_USAGE)


def main(argv: list[str] | None = None) -> None:
    """The Typer root's entry (cli/start.py sends it every command line but the bare app's)."""
    args = sys.argv[1:] if argv is None else argv
    for position, arg in enumerate(args, 1):
        if "\x00" in arg:
            # No path or text can hold a NUL character; Typer's path check would raise on it.
            typer.echo(
                t("cli.error_prefix") + t("cli.nul_in_argument", position=position), err=True
            )
            sys.exit(EXIT_USAGE)
    command = typer.main.get_command(app)

    def run() -> int:
        try:
            code = command.main(args=args, prog_name="meldcode", standalone_mode=False)
        except ClickException as exc:
            # Click's errors (through Typer): usage mistakes carry exit code 2.
            exit_code = int(getattr(exc, "exit_code", 1))
            if exit_code == EXIT_USAGE:
                _usage_error(exc)
            typer.echo(safe_line(t("cli.error_prefix") + message_of(exc)), err=True)
            return exit_code
        except typer.Abort:
            raise KeyboardInterrupt from None
        return code if isinstance(code, int) else 0

    sys.exit(guarded(run))
