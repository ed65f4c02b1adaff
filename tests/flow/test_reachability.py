"""The flow check finds what no path can reach, on small flows whose answer is known by hand.

Each case is a tiny flow with one feature; the expected problems were worked out from the flow
format (flows/README.md), and a brute-force walk over every answer checks the search itself.
"""

from __future__ import annotations

import itertools
import tomllib
from typing import Any

import pytest

from meldcode_tui.flow import FlowError, checks, evaluate, parse_flow, reach
from meldcode_tui.flow.model import Flow, Question

HEAD = """
id = "t"
version = "1"
title = { nl = "T", en = "T" }
description = { nl = "T.", en = "T." }
[[steps]]
id = "a"
title = { nl = "A", en = "A" }
guidance = { nl = "A.", en = "A." }
[[steps.questions]]
id = "a1"
type = "yesno"
text = { nl = "a1?", en = "a1?" }
[[steps.questions]]
id = "a2"
type = "yesno"
when = { question = "a1", equals = true }
text = { nl = "a2?", en = "a2?" }
[[steps.questions]]
id = "kies"
type = "choice"
text = { nl = "kies?", en = "choose?" }
options = [
  { id = "x", nl = "x", en = "x" },
  { id = "y", nl = "y", en = "y" },
  { id = "z", nl = "z", en = "z" },
]
[[steps.questions]]
id = "lijst"
type = "multi"
required = false
text = { nl = "lijst?", en = "list?" }
options = [
  { id = "p", nl = "p", en = "p" },
  { id = "q", nl = "q", en = "q" },
  { id = "r", nl = "r", en = "r" },
]
"""


def outcome(oid: str, when: str | None = None) -> str:
    cond = f"when = {when}\n" if when else ""
    return (
        f'[[outcomes]]\nid = "{oid}"\n{cond}'
        f'title = {{ nl = "{oid}", en = "{oid}" }}\ntext = {{ nl = "t", en = "t" }}\n'
    )


def closure(rid: str, when: str) -> str:
    return f'[[closure]]\nid = "{rid}"\nwhen = {when}\nmessage = {{ nl = "m", en = "m" }}\n'


def question(qid: str, when: str, qtype: str = "yesno") -> str:
    return (
        f'[[steps.questions]]\nid = "{qid}"\ntype = "{qtype}"\nwhen = {when}\n'
        f'text = {{ nl = "{qid}?", en = "{qid}?" }}\n'
    )


A1 = '{ question = "a1", equals = true }'
A1_NO = '{ question = "a1", equals = false }'
A2 = '{ question = "a2", equals = true }'
A1_A2 = f"{{ all = [ {A1}, {A2} ] }}"
NO_A1_BUT_A2 = f"{{ all = [ {A1_NO}, {A2} ] }}"
P = '{ question = "lijst", contains = "p" }'
Q = '{ question = "lijst", contains = "q" }'
R = '{ question = "lijst", contains = "r" }'
P_AND_Q = f"{{ all = [ {P}, {Q} ] }}"
P_OR_Q = f"{{ any = [ {P}, {Q} ] }}"

CASES: dict[str, tuple[str, set[str]]] = {
    "fallback last is fine": (outcome("o1", A1) + outcome("rest"), set()),
    "fallback above another": (outcome("rest") + outcome("o1", A1), {"reach.after_fallback"}),
    "narrow below broad": (outcome("broad", A1) + outcome("narrow", A1_A2), {"reach.shadowed"}),
    "narrow above broad is fine": (outcome("narrow", A1_A2) + outcome("broad", A1), set()),
    "same condition twice": (outcome("one", A1) + outcome("two", A1), {"reach.shadowed"}),
    "complement is fine": (outcome("yes", A1) + outcome("no", A1_NO), set()),
    "a2 only after a1 yes": (outcome("never", NO_A1_BUT_A2), {"unreachable_outcome"}),
    "a2 unanswered after a1 no is fine": (
        outcome("ok", f'{{ all = [ {A1_NO}, {{ question = "a2", answered = false }} ] }}'),
        set(),
    ),
    # Not answered yet is a state too: a case in progress has an outcome.
    "outcome while a1 is open is fine": (
        outcome("open", '{ question = "a1", answered = false }') + outcome("rest"),
        set(),
    ),
    "choice option no earlier outcome takes": (
        outcome("x", '{ question = "kies", equals = "x" }')
        + outcome("yz", '{ question = "kies", in = ["y", "z"] }'),
        set(),
    ),
    "choice options all taken above": (
        outcome("xy", '{ question = "kies", in = ["x", "y"] }')
        + outcome("z", '{ question = "kies", equals = "z" }')
        + outcome("chosen", '{ question = "kies", answered = true }'),
        {"reach.shadowed"},
    ),
    "two ticks below one tick": (outcome("p", P) + outcome("pq", P_AND_Q), {"reach.shadowed"}),
    "two ticks above one tick is fine": (outcome("pq", P_AND_Q) + outcome("p", P), set()),
    # p and q are only ever tested side by side: one of them stands for both in the search.
    "p or q, then r": (
        outcome("pq", P_OR_Q) + outcome("r", R) + outcome("rest"),
        set(),
    ),
    "p and q, else the rest": (outcome("both", P_AND_Q) + outcome("rest"), set()),
    "p or q twice": (outcome("pq", P_OR_Q) + outcome("again", P_OR_Q), {"reach.shadowed"}),
    "p or q below p and q": (outcome("both", P_AND_Q) + outcome("either", P_OR_Q), set()),
    "not p or q": (
        outcome("none", f"{{ not = {P_OR_Q} }}") + outcome("pq", P_OR_Q) + outcome("rest"),
        {"reach.shadowed"},  # the fallback: "none" or "pq" holds in every case
    ),
    "question shown on no path": (question("a3", NO_A1_BUT_A2), {"unreachable_question"}),
    "question after a2 is fine": (question("a3", A1_A2), set()),
    "closure off one path": (closure("c", A2), {"reach.closure_blocks_path"}),
    "closure guarded for that path is fine": (
        closure("c", f"{{ any = [ {A1_NO}, {A2} ] }}"),
        set(),
    ),
    # a3 is asked whenever a1 is answered: only an unfinished case lacks it, not a path.
    "closure stuck only while unfinished is fine": (
        question("a3", '{ question = "a1", answered = true }')
        + closure("c", '{ question = "a3", answered = true }'),
        set(),
    ),
    "closure reads only a question never shown": (
        question("a3", NO_A1_BUT_A2) + closure("c", '{ question = "a3", answered = false }'),
        {"unreachable_question", "reach.closure_off_path"},
    ),
    "closure that never holds": (
        closure("c", f"{{ all = [ {A1}, {A1_NO} ] }}"),
        {"closure.unreachable"},
    ),
}


def _flow(extra: str) -> Flow:
    # Extra questions belong to step a, so they go before the outcomes and closure rules.
    return parse_flow(tomllib.loads(HEAD + extra), "t.toml")


def _codes(extra: str) -> set[str]:
    try:
        _flow(extra)
    except FlowError as exc:
        return {p.code for p in exc.problems}
    return set()


@pytest.mark.parametrize("name", list(CASES))
def test_check_finds_exactly_what_no_path_reaches(name: str) -> None:
    extra, expected = CASES[name]
    assert _codes(extra) == expected


def test_the_problem_names_the_outcomes_and_the_path() -> None:
    with pytest.raises(FlowError) as info:
        _flow(outcome("broad", A1) + outcome("other", A1_NO) + outcome("narrow", A1_A2))
    assert "'narrow'" in str(info.value) and "(broad)" in str(info.value)
    with pytest.raises(FlowError) as info:
        _flow(closure("c", A2))
    assert "a1 = false" in str(info.value)


def _all_values(q: Question) -> list[Any]:
    if q.type == "yesno":
        return [True, False, None]
    if q.type == "choice":
        return [o.id for o in q.options] + [None]
    if q.type == "multi":
        ids = [o.id for o in q.options]
        subsets = itertools.chain.from_iterable(
            itertools.combinations(ids, n) for n in range(len(ids) + 1)
        )
        return [list(s) for s in subsets] + [None]
    return ["x", None]


def _problems(extra: str) -> list[tuple[str, dict[str, str], str | None]]:
    try:
        _flow(extra)
    except FlowError as exc:
        return [(p.code, dict(p.values), p.question) for p in exc.problems]
    return []


@pytest.mark.parametrize("name", list(CASES))
def test_search_agrees_with_every_answer_combination(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Brute force over every answer: the flagged outcomes and questions are exactly those
    the engine never chooses or shows."""
    extra = CASES[name][0]
    problems = _problems(extra)
    monkeypatch.setattr(checks, "check_paths", lambda flow, c: None)
    flow = _flow(extra)
    questions = list(flow.questions())
    chosen: set[str] = set()
    shown: set[str] = set()
    for values in itertools.product(*(_all_values(q) for q in questions)):
        answers = {q.id: v for q, v in zip(questions, values, strict=True) if v is not None}
        result = evaluate(flow, answers)
        if result.outcome is not None:
            chosen.add(result.outcome.id)
        shown.update(q.id for s in result.steps for q in s.visible)
    flagged_outcomes = {v["outcome"] for code, v, _ in problems if "outcome" in v}
    assert flagged_outcomes == {o.id for o in flow.outcomes} - chosen
    flagged_questions = {q for code, _, q in problems if code == "unreachable_question"}
    assert flagged_questions == {q.id for q in questions} - shown


def test_a_flow_too_large_to_search_is_one_clear_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reach, "DEFAULT_BUDGET", 3)
    with pytest.raises(FlowError) as info:
        _flow(outcome("o1", A1_A2) + outcome("rest"))
    (problem,) = info.value.problems
    assert problem.code == "reach.too_complex"
    assert "3 combinaties" in str(problem) and "oplossing:" in str(problem)
