"""What each reader may see of a case: the pupil's record, the staff file, a parent's inspection.

Parents may read the pupil's record (AVG art. 15), colleagues often can, and in the staff route
the suspected member of staff may be one of them. These rules decide, per answer and note, what
a summary shows and what it withholds and why; the builder applies them, the renderers only
show the result (docs/EXPORT.md, "Who reads what").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from meldcode_tui.flow.engine import OFF_PATH, Evaluation
from meldcode_tui.flow.model import Flow, Question, Step

# pupil: the pupil's record (Magister, ParnasSys, Somtoday) or the full summary;
# staff: the staff file for the competent authority (school board) in the staff route;
# inspection: what a parent receives on a request to inspect (AVG art. 15).
Audience = Literal["pupil", "staff", "inspection"]
AUDIENCES: tuple[Audience, ...] = ("pupil", "staff", "inspection")

# Why something was left out; the inspection export names the legal ground of each.
Reason = Literal["interpretation", "family", "staff", "identity"]

# Free text may name anyone, the suspected member of staff included.
FREE_TEXT = frozenset({"text", "person", "ledger"})


@dataclass(frozen=True)
class Withheld:
    reason: Reason
    what: str


def staff_route_taken(flow: Flow, evaluation: Evaluation) -> bool:
    """True when a step marked `staff_route` is on the case's path (a staff member suspected)."""
    on_path = {s.step.id for s in evaluation.steps if s.status != OFF_PATH}
    return any(step.staff_route and step.id in on_path for step in flow.steps)


def answered_opinions(flow: Flow, evaluation: Evaluation, lang: str) -> list[tuple[str, str]]:
    """(question id, label) of the answered questions on the path that invite an opinion."""
    return [
        (q.id, q.text.get(lang))
        for q in flow.questions()
        if q.invites_opinion and q.id in evaluation.effective and q.id not in evaluation.off_path
    ]


class Visibility:
    """The rules for one summary: layer, audience, and the interpretations the user ticked."""

    def __init__(
        self,
        *,
        record: bool,
        audience: Audience,
        staff_case: bool,
        ticked: Collection[str],
    ) -> None:
        # An inspection shows everything about the child, interpretations included (attributed).
        self.record = record and audience != "inspection"
        self.audience = audience
        self.staff_case = staff_case
        self.ticked = set(ticked)
        self.withheld: list[Withheld] = []

    @property
    def pupil_record(self) -> bool:
        """A staff-route case read by a parent or colleague: no free text, no decisions.

        Free text may name the suspected member of staff, and the staff route's decisions
        (a police report by the school board) are about them. The inspection follows the same
        rule and lists it; the competent authority's staff file holds it all.
        """
        if not self.staff_case:
            return False
        return (self.record and self.audience == "pupil") or self.audience == "inspection"

    def decisions(self, label: str) -> bool:
        """Whether the decisions and outcome appear (not in a staff-route pupil record)."""
        if self.pupil_record:
            return self._out("staff", label)
        return True

    def _out(self, reason: Reason, what: str) -> bool:
        self.withheld.append(Withheld(reason, what))
        return False

    def family_ground(self, q: Question, label: str) -> bool:
        """False (and noted) for the grounds for not telling the family, outside the full layer."""
        if q.withhold_from_family and (self.record or self.audience != "pupil"):
            return self._out("family", label)
        return True

    def answer(self, q: Question, step: Step, label: str) -> bool:
        """Whether this answer appears; an interpretation only when ticked (record layer)."""
        if not self.family_ground(q, label):
            return False
        if step.staff_route and self.pupil_record:
            return self._out("staff", label)
        if self.pupil_record and q.type in FREE_TEXT:
            return self._out("staff", label)
        if q.invites_opinion and self.record and q.id not in self.ticked:
            return self._out("interpretation", label)
        return True

    def free_text(self, label: str) -> bool:
        """Notes, actions, motivations and the title: not in a staff-route pupil's record."""
        if self.pupil_record:
            return self._out("staff", label)
        return True

    def count(self, reason: Reason) -> int:
        return sum(1 for w in self.withheld if w.reason == reason)
