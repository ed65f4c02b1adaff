"""The question an answer was given to under a case's earlier protocol.

A case moved to another protocol keeps its answers: under their own id when the new protocol
has no question with that id, re-filed as `oldflow:id` when it uses the id for another one
(casework/flow_change.py). Shown or exported, such an answer is read with its own question.
"""

from __future__ import annotations

from meldcode_tui.flow.model import Flow, Question
from meldcode_tui.flow.problems import FlowError
from meldcode_tui.flow.registry import shipped_flows


def earlier_question(current: Flow, key: str) -> Question | None:
    """The question behind answer `key` that `current` does not have, or None."""
    if current.question(key) is not None:
        return None
    try:
        flows = shipped_flows()
    except FlowError:
        return None
    old_flow, _, question_id = key.rpartition(":")
    candidates = [flows[old_flow]] if old_flow in flows else list(flows.values())
    return next((q for f in candidates if (q := f.question(question_id)) is not None), None)
