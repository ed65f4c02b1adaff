"""A protocol role id in words, also for a role the case's current protocol does not have.

A case moved to another protocol (`change-flow`) keeps what was recorded under the old one,
with its role ids (`alle_medewerkers`): those ids must never reach a screen or an export raw.
"""

from __future__ import annotations

from meldcode_tui.flow.model import Flow, Text
from meldcode_tui.flow.problems import FlowError
from meldcode_tui.flow.registry import shipped_flows


def role_label(flow: Flow | None, role: str) -> Text | None:
    """The label of `role`: the case's protocol first, then any shipped protocol."""
    if flow is not None and role in flow.roles:
        return flow.roles[role]
    try:
        others = shipped_flows()
    except FlowError:  # a broken shipped flow is reported elsewhere; words are still owed
        return None
    for other in others.values():
        if role in other.roles:
            return other.roles[role]
    return None


def role_words(flow: Flow | None, role: str, lang: str) -> str:
    """The role's label in `lang`, or the id with spaces when no protocol knows it."""
    label = role_label(flow, role)
    return label.get(lang) if label is not None else role.replace("_", " ")
