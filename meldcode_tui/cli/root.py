"""The `meldcode` root: global options, the command groups, and one-line errors for all of them.

Only light modules are imported here: `meldcode --help` and `meldcode flows ...` must not load
the store, the crypto or the summary renderers (a test asserts it); each command imports what
it needs when it runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from meldcode_tui import __version__
from meldcode_tui.cli import (
    admin,
    cases,
    due,
    export,
    flow_change,
    lifecycle,
    retention,
    salvage,
    show,
)
from meldcode_tui.cli.actions import actions_app
from meldcode_tui.cli.common import EXIT_USAGE, apply_language
from meldcode_tui.cli.flows import flows_app
from meldcode_tui.cli.options import PassFileOpt
from meldcode_tui.i18n import UnknownLanguage, current_language, resolve_lang, set_language, t
from meldcode_tui.settings import (
    ENV_IDLE,
    ENV_LANG,
    ENV_STORE,
    Settings,
    debug_requested,
    language_asked,
    resolve_settings,
)
from meldcode_tui.terminal_text import safe_line

app = typer.Typer(
    name="meldcode",
    help="Meldcode huiselijk geweld en kindermishandeling: offline wizard with encrypted notes.",
    pretty_exceptions_enable=False,
    add_completion=True,
    invoke_without_command=True,
    epilog="Also read: MELDCODE_PASSPHRASE (the passphrase, no prompt), MELDCODE_NEW_PASSPHRASE "
    "and MELDCODE_RECOVERY_KEY (for passwd), MELDCODE_NOW (pretend it is this moment, for "
    "deadlines), MELDCODE_DEBUG (show tracebacks; they may hold case data).",
)
app.add_typer(flows_app, name="flows")
app.add_typer(actions_app, name="action")


@dataclass(frozen=True)
class RootFlags:
    """The root's options as typed; `settings()` turns them into Settings when the app opens."""

    store: Path | None
    idle_lock: float | None
    passphrase_file: Path | None

    def settings(self) -> Settings:
        # Imported here: reading a secret file is only needed when the wizard opens.
        from meldcode_tui.cli.unlock import read_secret_file

        # An unreadable or empty file is one clear line and exit 2, before the screen opens.
        passphrase = read_secret_file(self.passphrase_file) if self.passphrase_file else None
        return resolve_settings(
            store=self.store,
            lang=current_language(),
            idle_minutes=self.idle_lock,
            passphrase=passphrase,
        )


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
            envvar=ENV_IDLE,
            show_envvar=True,
            help="Lock the wizard after this many idle minutes (default 5; 0 = never).",
        ),
    ] = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Without a command, open the wizard."""
    apply_language(lang)
    if store:  # subcommands read MELDCODE_STORE; their own --store still wins (finding 9)
        _store_for_subcommands(ctx, store)
    flags = RootFlags(store=store, idle_lock=idle_lock, passphrase_file=passphrase_file)
    ctx.obj = flags
    if ctx.invoked_subcommand is None:
        from meldcode_tui.cli.tui import run_tui

        run_tui(flags.settings())


def _store_for_subcommands(ctx: typer.Context, store: Path) -> None:
    """Set MELDCODE_STORE for this command only: put back as it was when the command ends."""
    previous = os.environ.get(ENV_STORE)
    os.environ[ENV_STORE] = str(store)

    def restore() -> None:
        if previous is None:
            os.environ.pop(ENV_STORE, None)
        else:
            os.environ[ENV_STORE] = previous

    ctx.call_on_close(restore)


@app.command("demo")
def demo(ctx: typer.Context) -> None:
    """Open the wizard on a throw-away store with fictitious cases; no set-up."""
    from meldcode_tui.cli.tui import run_tui

    flags: RootFlags = ctx.obj
    run_tui(flags.settings().with_changes(demo=True))


# The order `meldcode --help` lists them in.
app.command("init")(admin.init)
app.command("new")(cases.new)
app.command("list")(show.list_cases)
app.command("show")(show.show)
app.command("answer")(cases.answer)
app.command("note")(cases.note)
app.command("passwd")(admin.passwd)
app.command("shred")(admin.shred)
app.command("backup")(admin.backup)
app.command("retention")(retention.retention)
app.command("purge")(retention.purge)
app.command("restore")(admin.restore)
app.command("verify")(admin.verify)
app.command("salvage")(salvage.salvage)
app.command("export")(export.export)
app.command("due")(due.due)
app.command("close")(due.close)
app.command("reopen")(lifecycle.reopen)
app.command("change-flow")(flow_change.change_flow)


def _early_language(argv: list[str]) -> None:
    """Pick the language before parsing, so a usage error is already in it.

    A bad value is left for the root callback to report (in both languages).
    """
    with contextlib.suppress(UnknownLanguage):
        set_language(resolve_lang(language_asked(argv)))


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


def _message(exc: Exception) -> str:
    format_message = getattr(exc, "format_message", None)
    return str(format_message()) if callable(format_message) else str(exc)


def _usage_error(exc: Exception) -> NoReturn:
    """Click's usage errors as one line (what, where, how to fix) instead of a box."""
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "meldcode"
    typer.echo(safe_line(t("cli.usage_error", message=_message(exc), where=where)), err=True)
    sys.exit(EXIT_USAGE)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: no traceback reaches the user unless MELDCODE_DEBUG is set."""
    args = sys.argv[1:] if argv is None else argv
    _early_language(args)
    command = typer.main.get_command(app)
    try:
        code = command.main(args=args, prog_name="meldcode", standalone_mode=False)
    except ClickException as exc:
        # Click's errors (through Typer): usage mistakes carry exit code 2.
        exit_code = int(getattr(exc, "exit_code", 1))
        if exit_code == EXIT_USAGE:
            _usage_error(exc)
        typer.echo(safe_line(t("cli.error_prefix") + _message(exc)), err=True)
        sys.exit(exit_code)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("", err=True)
        sys.exit(130)
    except Exception as exc:
        if debug_requested():
            raise
        # The exception's message may hold user data: show only its kind.
        typer.echo(t("cli.internal_error", kind=type(exc).__name__), err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else 0)
