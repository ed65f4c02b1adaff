"""`meldcode action add/done`: agreed actions of a case (who does what by when)."""

from __future__ import annotations

from typing import Annotated

import typer

from meldcode_tui.cli.common import fail
from meldcode_tui.cli.options import CaseArg, PassFileOpt, StoreOpt
from meldcode_tui.cli.unlock import opened
from meldcode_tui.i18n import t

actions_app = typer.Typer(
    invoke_without_command=True, help="Agreed actions of a case: add one, mark one done."
)


@actions_app.callback()
def actions_callback(ctx: typer.Context) -> None:
    """Agreed actions of a case: add one, mark one done."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(2)


@actions_app.command("add")
def add(
    case_id: CaseArg,
    text: Annotated[str, typer.Argument(help="What will be done; stored encrypted.")],
    owner: Annotated[str, typer.Option("--owner", help="Who does it (a role or initials).")],
    due: Annotated[
        str | None, typer.Option("--due", help="By when: 14-3-2026 or 2026-03-14.")
    ] = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Add an action; its date joins the time limits of `meldcode due`."""
    from meldcode_tui.casework.actions import ActionRefused, add_action

    with opened(store, passphrase_file) as (unlocked, _):
        try:
            action_id = add_action(unlocked, case_id, text, owner=owner, due=due)
        except ActionRefused as exc:
            fail(str(exc))
    typer.echo(t("actions.added", id=action_id, case=case_id))


@actions_app.command("done")
def done(
    case_id: CaseArg,
    action_id: Annotated[str, typer.Argument(help="Action id, see `meldcode show CASE`.")],
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Mark an action done (the date is recorded)."""
    from meldcode_tui.casework.actions import ActionRefused, complete_action

    with opened(store, passphrase_file) as (unlocked, _):
        try:
            complete_action(unlocked, case_id, action_id)
        except ActionRefused as exc:
            fail(str(exc))
    typer.echo(t("actions.done", id=action_id, case=case_id))
