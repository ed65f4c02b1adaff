"""`meldcode change-flow`: give a case another protocol, with a reason; nothing is erased."""

from __future__ import annotations

from typing import Annotated

import typer

from meldcode_tui.cli.common import current_time, fail, flow_fail
from meldcode_tui.cli.options import CaseArg, PassFileOpt, RoleOpt, StoreOpt
from meldcode_tui.cli.unlock import opened
from meldcode_tui.i18n import t


def change_flow(
    case_id: CaseArg,
    to: Annotated[str, typer.Option("--to", help="The new flow id (`meldcode flows list`).")],
    reason: Annotated[
        str, typer.Option("--reason", help="Why the protocol changes; stored encrypted.")
    ],
    role: RoleOpt = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Move a case to another protocol: answers it also asks carry over, the rest stay off-path."""
    from meldcode_tui.casework import CaseClosed, UnknownRole
    from meldcode_tui.casework.flow_change import FlowChangeRefused, change_flow
    from meldcode_tui.flow import FlowError, get_flow

    if not reason.strip():
        fail(t("flowchange.reason_missing"))
    try:
        get_flow(to)  # an unknown flow is refused before the store is opened
    except FlowError as exc:
        flow_fail(exc)
    with opened(store, passphrase_file) as (unlocked, _):
        try:
            done = change_flow(unlocked, case_id, to, reason, now=current_time(), author_role=role)
        except FlowError as exc:
            flow_fail(exc)
        except (CaseClosed, UnknownRole, FlowChangeRefused) as exc:
            fail(str(exc))
    typer.echo(
        t(
            "flowchange.changed",
            case=case_id,
            flow=to,
            carried=len(done.carried),
            off=len(done.off_path),
        )
    )
