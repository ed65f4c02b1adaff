"""The full layer's history sections: the chronology (built by casework/chronology.py) and
the corrections, each with the names pseudonymised as everywhere else; and the answers a
protocol change left without a question (kept, off the path)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from meldcode_tui.flow.earlier import earlier_question
from meldcode_tui.flow.engine import Evaluation
from meldcode_tui.flow.model import Flow, Question
from meldcode_tui.summary.corrections import corrections
from meldcode_tui.summary.model import AnswerItem, ChronologyItem, CorrectionItem
from meldcode_tui.summary.visibility import Visibility

if TYPE_CHECKING:
    from meldcode_tui.store.records import Case

Text = Callable[[str], str]


def full_history(
    flow: Flow,
    case: Case,
    lang: str,
    vis: Visibility,
    pseudo: Text,
    author: Text,
    chronology: Sequence[ChronologyItem],
) -> tuple[tuple[ChronologyItem, ...], tuple[CorrectionItem, ...]]:
    """Both sections for the full layer; none for a parent's inspection, which lists what it
    withholds instead (a date or a reason in the chronology could tell what was withheld)."""
    if vis.audience == "inspection" or not vis.free_text("chronology"):
        return (), ()

    def hidden(question_id: str) -> set[str]:
        q = flow.question(question_id)
        if q is None:
            return set()
        return {f.id for f in q.fields if not vis.family_ground(f, f.text.get(lang))}

    items = tuple(
        replace(item, detail=pseudo(item.detail), by=author(item.by) if item.by else "")
        for item in chronology
    )
    return items, corrections(flow, case, lang, pseudo, author, hidden)


def off_flow_answers(
    flow: Flow,
    case: Case,
    evaluation: Evaluation,
    pseudo: Text,
    describe: Callable[[Question, Any], AnswerItem] | None = None,
) -> tuple[AnswerItem, ...]:
    """Answers under an id this protocol has no question for (the case changed protocol):
    read with the earlier protocol's question where it is known (its words, its options, dates
    as dates), else as stored."""
    out = []
    for qid in evaluation.off_path:
        if flow.question(qid) is not None or qid not in case.answers:
            continue
        value: Any = case.answers[qid]
        earlier = earlier_question(flow, qid) if describe is not None else None
        if earlier is not None and describe is not None:
            out.append(describe(earlier, value))
            continue
        out.append(AnswerItem(qid, qid, "unknown", value, pseudo(_plain(value))))
    return tuple(out)


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)
