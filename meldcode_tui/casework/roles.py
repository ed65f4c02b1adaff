"""Who is writing: the roles a flow names, the default one, and refusing one it does not know."""

from __future__ import annotations

from collections.abc import Mapping

from meldcode_tui.flow import Flow
from meldcode_tui.i18n import t


class UnknownRole(ValueError):
    """A role the flow does not name; the message lists the ones it does."""


def default_role(flow: Flow) -> str:
    """The flow's first role: who starts a case under this protocol."""
    if flow.roles:
        return next(iter(flow.roles))
    # A flow without a [roles] table still needs an author on every change.
    return "beroepskracht"


def check_role(flow: Flow, role: str | None) -> str:
    """`role` when the flow names it, the default when None; else UnknownRole."""
    if role is None:
        return default_role(flow)
    if flow.roles and role not in flow.roles:
        raise UnknownRole(
            t("casework.role_unknown", role=role, flow=flow.id, roles=", ".join(flow.roles))
        )
    return role


def remembered_role(flow: Flow, remembered: Mapping[str, str] | None) -> str:
    """The role the user chose earlier for this flow (in this app session), else the default."""
    role = (remembered or {}).get(flow.id, "")
    return role if role in flow.roles else default_role(flow)
