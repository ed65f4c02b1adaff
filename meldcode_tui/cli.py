"""The `meldcode` command. Non-TUI commands never import Textual (a test asserts it)."""

from __future__ import annotations

import os
import sys
from typing import Annotated, NoReturn

import typer

try:  # Typer >= 0.29 carries its own copy of Click; older ones use Click itself.
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover - depends on the installed Typer
    from click.exceptions import (  # type: ignore[assignment]
        ClickException,
        NoArgsIsHelpError,
        UsageError,
    )

from meldcode_tui import __version__
from meldcode_tui.cli_cases import PassFileOpt
from meldcode_tui.cli_common import EXIT_USAGE, apply_language
from meldcode_tui.cli_flows import flows_app
from meldcode_tui.i18n import t
from meldcode_tui.terminal_text import safe_line

app = typer.Typer(
    name="meldcode",
    help="Meldcode huiselijk geweld en kindermishandeling: offline wizard with encrypted notes.",
    pretty_exceptions_enable=False,
    add_completion=False,
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
    if store:  # subcommands read MELDCODE_STORE; their own --store still wins (finding 9)
        os.environ["MELDCODE_STORE"] = store
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


def _usage_error(exc: UsageError) -> NoReturn:
    """Click's usage errors as one line (what, where, how to fix) instead of a box."""
    where = exc.ctx.command_path if exc.ctx else "meldcode"
    typer.echo(safe_line(t("cli.usage_error", message=exc.format_message(), where=where)), err=True)
    sys.exit(EXIT_USAGE)


def main() -> None:
    """Console entry point: no traceback reaches the user unless MELDCODE_DEBUG is set."""
    command = typer.main.get_command(app)
    try:
        code = command.main(prog_name="meldcode", standalone_mode=False)
    except NoArgsIsHelpError as exc:
        if exc.ctx is not None:
            typer.echo(exc.ctx.get_help(), err=True)
        sys.exit(EXIT_USAGE)
    except UsageError as exc:
        _usage_error(exc)
    except ClickException as exc:
        typer.echo(t("cli.error_prefix") + exc.format_message(), err=True)
        sys.exit(exc.exit_code)
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
