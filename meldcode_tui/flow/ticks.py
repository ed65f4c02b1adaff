"""Options of a checklist that conditions only test together, and so count as one.

Options tested only side by side in the same `any` conditions make the same difference
whether one or several of them are ticked, so one of them can stand for the group (likewise
all of them for `all`). The path search and the decision table then treat a long checklist of
referrals as a few choices, not 2^n.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from meldcode_tui.flow.conditions import All, AnyOf, Compare, Condition, Not


@dataclass(frozen=True)
class TickGroup:
    """Options of a checklist that conditions only test together (see group_ticks)."""

    options: tuple[str, ...]
    every: bool  # True: tested in `all` conditions, so all of them are ticked, or none

    def ticked(self) -> dict[str, bool]:
        """The ticks that stand for "the group counts as ticked"."""
        return {o: self.every or i == 0 for i, o in enumerate(self.options)}


def group_ticks(
    question_id: str, tested: list[str], conditions: Iterable[Condition | None]
) -> list[TickGroup]:
    """The `tested` options of a checklist in groups, in option order; every condition of the
    flow must be in `conditions`, or a group could hide a difference."""
    seen: dict[str, list[tuple[int, str]]] = {o: [] for o in tested}

    def walk(cond: Condition, parent: Condition | None) -> None:
        if isinstance(cond, Compare):
            if cond.question == question_id and cond.op == "contains" and cond.value in seen:
                # Where the test stands: the very `any`/`all` it is part of.
                kind = type(parent).__name__ if parent is not None else "-"
                seen[cond.value].append((id(parent), kind))
        elif isinstance(cond, All | AnyOf):
            for part in cond.parts:
                walk(part, cond)
        elif isinstance(cond, Not):
            walk(cond.part, cond)

    for cond in conditions:
        if cond is not None:
            walk(cond, None)
    groups: dict[tuple[tuple[int, str], ...], list[str]] = {}
    singles: list[TickGroup] = []
    for option, places in seen.items():
        kinds = {kind for _, kind in places}
        if kinds in ({"AnyOf"}, {"All"}):
            groups.setdefault(tuple(sorted(places)), []).append(option)
        else:
            singles.append(TickGroup((option,), every=False))
    built = [
        TickGroup(tuple(members), every=places[0][1] == "All") for places, members in groups.items()
    ]
    order = {o: i for i, o in enumerate(tested)}
    return sorted(built + singles, key=lambda g: order[g.options[0]])
