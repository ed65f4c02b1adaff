"""Who is writing: the roles a flow names, the default one, and refusing one it does not know."""

from __future__ import annotations

from collections.abc import Mapping

from meldcode_tui.flow import Flow
from meldcode_tui.i18n import t


class PreferredRole(str):
    """The settings' `role` (file or MELDCODE_ROLE), not typed for this command: where the
    case's flow does not name it, the flow's default applies instead of a refusal."""

    __slots__ = ()


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
    if isinstance(role, PreferredRole):
        return str(role) if role in flow.roles else default_role(flow)
    if flow.roles and role not in flow.roles:
        raise UnknownRole(
            t("casework.role_unknown", role=role, flow=flow.id, roles=", ".join(flow.roles))
        )
    return role


def remembered_role(
    flow: Flow, remembered: Mapping[str, str] | None, preferred: str | None = None
) -> str:
    """The role the user chose earlier for this flow (in this app session), else `preferred`
    (the settings file's `role`) when this flow names it, else the flow's default."""
    role = (remembered or {}).get(flow.id, "")
    if role in flow.roles:
        return role
    if preferred and preferred in flow.roles:
        return preferred
    return default_role(flow)


def shipped_roles() -> list[str]:
    """Every role id a shipped flow names, sorted: what a preferred role can be."""
    from meldcode_tui.flow.registry import shipped_flows

    return sorted({role for flow in shipped_flows().values() for role in flow.roles})
