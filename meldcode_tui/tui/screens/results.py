"""What screens hand back when they close: typed results instead of tuples and in-band strings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NewCase:
    """The new-case dialog: the protocol chosen and the title (a pseudonym) typed."""

    flow_id: str
    title: str


@dataclass(frozen=True)
class GoTo:
    """Leave this screen for the wizard, at this question (to answer what is missing)."""

    question_id: str
