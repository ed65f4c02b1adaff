"""`meldcode reopen`: reopen a closed case with a reason (closing itself: `meldcode close`)."""

from __future__ import annotations

from typing import Annotated

import typer

from meldcode_tui.cli.common import current_time, fail, flow_fail
from meldcode_tui.cli.options import CaseArg, PassFileOpt, RoleOpt, StoreOpt
from meldcode_tui.cli.unlock import opened
from meldcode_tui.i18n import t


def reopen(
    case_id: CaseArg,
    reason: Annotated[
        str, typer.Option("--reason", help="Why the case is reopened; stored encrypted.")
    ],
    role: RoleOpt = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Reopen a closed case; the reason is kept in the case and the audit trail notes it."""
    from meldcode_tui.casework import ReopenRefused, UnknownRole, reopen_case
    from meldcode_tui.flow import FlowError

    if not reason.strip():
        fail(t("lifecycle.reason_missing"))
    moment = current_time()
    with opened(store, passphrase_file) as (unlocked, _):
        try:
            reopen_case(unlocked, case_id, reason, now=moment, author_role=role)
        except FlowError as exc:
            flow_fail(exc)
        except (ReopenRefused, UnknownRole) as exc:
            fail(str(exc))
    typer.echo(t("lifecycle.reopened", case=case_id))
