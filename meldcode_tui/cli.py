"""The `meldcode` command. Non-TUI commands never import Textual (a test asserts it)."""

from __future__ import annotations

import os
import sys
from typing import Annotated, NoReturn

import typer

from meldcode_tui import __version__
from meldcode_tui.cli_cases import PassFileOpt
from meldcode_tui.cli_common import EXIT_USAGE, apply_language
from meldcode_tui.cli_flows import flows_app
from meldcode_tui.i18n import t


def _click_error(name: str) -> type[Exception]:
    """One of Click's error classes, found through Typer's public BadParameter.

    Typer re-exports only BadParameter; its bases are Click's UsageError and ClickException
    (Click's own before Typer 0.29, Typer's bundled copy since): no private import either way.
    """
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name and issubclass(cls, Exception):
            return cls
    raise ImportError(f"typer.BadParameter has no base {name}")  # pragma: no cover


UsageError = _click_error("UsageError")
ClickException = _click_error("ClickException")

app = typer.Typer(
    name="meldcode",
    help="Meldcode huiselijk geweld en kindermishandeling: offline wizard with encrypted notes.",
    pretty_exceptions_enable=False,
    add_completion=True,
    invoke_without_command=True,
)
app.add_typer(flows_app, name="flows")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"meldcode-tui {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language: nl (default) or en. Also MELDCODE_LANG."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    store: Annotated[
        str | None,
        typer.Option("--store", help="Store file for the wizard. Also MELDCODE_STORE."),
    ] = None,
    idle_lock: Annotated[
        float | None,
        typer.Option(
            "--idle-lock",
            min=0,
            help="Lock the wizard after this many idle minutes (default 5; 0 = never). "
            "Also MELDCODE_IDLE_LOCK.",
        ),
    ] = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Without a command, open the wizard."""
    apply_language(lang)
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang
    ctx.obj["store"] = store
    ctx.obj["idle_lock"] = idle_lock
    ctx.obj["passphrase_file"] = passphrase_file
    if ctx.invoked_subcommand is None:
        from meldcode_tui.cli_tui import run_tui

        run_tui(ctx, demo=False)


@app.command("demo")
def demo(ctx: typer.Context) -> None:
    """Open the wizard on a throw-away store with fictitious cases; no set-up."""
    from meldcode_tui.cli_tui import run_tui

    run_tui(ctx, demo=True)


def _register_commands() -> None:
    """Commands that live in their own modules register themselves here."""
    from meldcode_tui import cli_cases, cli_due, cli_export

    cli_cases.register(app)
    cli_export.register(app)
    cli_due.register(app)


_register_commands()


def _message(exc: Exception) -> str:
    format_message = getattr(exc, "format_message", None)
    return str(format_message()) if callable(format_message) else str(exc)


def _usage_error(exc: Exception) -> NoReturn:
    """Click's usage errors as one line (what, where, how to fix) instead of a box."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError":
        # A group called without its command: its help is the answer, exit 2. Typer's rich
        # help prints itself while the error is made and leaves the message empty.
        if _message(exc).strip():
            typer.echo(_message(exc), err=True)
        sys.exit(EXIT_USAGE)
    where = ctx.command_path if ctx is not None else "meldcode"
    typer.echo(t("cli.usage_error", message=_message(exc), where=where), err=True)
    sys.exit(EXIT_USAGE)


def main() -> None:
    """Console entry point: no traceback reaches the user unless MELDCODE_DEBUG is set."""
    command = typer.main.get_command(app)
    try:
        code = command.main(prog_name="meldcode", standalone_mode=False)
    except UsageError as exc:
        _usage_error(exc)
    except ClickException as exc:
        typer.echo(t("cli.error_prefix") + _message(exc), err=True)
        sys.exit(int(getattr(exc, "exit_code", 1)))
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("MELDCODE_DEBUG"):
            raise
        # The exception's message may hold user data: show only its kind.
        typer.echo(t("cli.internal_error", kind=type(exc).__name__), err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
