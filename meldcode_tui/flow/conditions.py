"""Conditions on earlier answers: when a step, question, outcome or deadline applies."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

# Comparisons of two date answers, by calendar day: `after` is a later day, `not_before` the
# same day or later (e.g. a second report after the first; question 5 on or after the term).
DATE_OPS = ("after", "not_before")


def answer_day(value: Any) -> date | None:
    """The calendar day of a stored date or datetime answer (ISO text); None if it is neither."""
    if not isinstance(value, str):
        return None
    try:
        if "T" in value:
            return datetime.fromisoformat(value).date()
        return date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class Compare:
    """One test on one answer. An unanswered question fails every test but `answered = false`."""

    question: str
    op: str  # "equals" | "in" | "contains" | "answered" | "after" | "not_before"
    value: Any

    def holds(self, answers: Mapping[str, Any]) -> bool:
        if self.op == "answered":
            return (self.question in answers) == bool(self.value)
        if self.question not in answers:
            return False
        answer = answers[self.question]
        if self.op == "equals":
            return bool(answer == self.value)
        if self.op == "in":
            return answer in self.value
        if self.op == "contains":
            return isinstance(answer, list) and self.value in answer
        if self.op in DATE_OPS:
            # The other operand is a question too; unanswered on either side never holds.
            day, other = answer_day(answer), answer_day(answers.get(self.value))
            if day is None or other is None:
                return False
            return day > other if self.op == "after" else day >= other
        raise ValueError(f"unknown comparison {self.op!r}")

    def references(self) -> Iterator[Compare]:
        yield self
        if self.op in DATE_OPS:
            # The date compared with is read too: reference and order checks cover it.
            yield Compare(str(self.value), "answered", True)


@dataclass(frozen=True)
class All:
    parts: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return all(part.holds(answers) for part in self.parts)

    def references(self) -> Iterator[Compare]:
        for part in self.parts:
            yield from part.references()


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return any(part.holds(answers) for part in self.parts)

    def references(self) -> Iterator[Compare]:
        for part in self.parts:
            yield from part.references()


@dataclass(frozen=True)
class Not:
    part: Condition

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return not self.part.holds(answers)

    def references(self) -> Iterator[Compare]:
        yield from self.part.references()


Condition = Compare | All | AnyOf | Not

COMPARE_OPS = ("equals", "in", "contains", "answered", *DATE_OPS)


class ConditionSyntaxError(ValueError):
    """A condition table that does not have the documented shape.

    Carries a message key (under `flowcheck.condition` in locales/) and its values; the
    loader translates them into the flow check's problem.
    """

    def __init__(self, code: str, **values: str) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def parse_condition(raw: object) -> Condition:
    """Build a condition from its TOML table (see flows/README.md)."""
    if not isinstance(raw, Mapping):
        raise ConditionSyntaxError("not_table", example='{ question = "id", equals = true }')
    keys = set(raw)
    for combinator in ("all", "any"):
        if combinator in keys:
            if keys != {combinator}:
                raise ConditionSyntaxError("alone", word=combinator)
            parts = raw[combinator]
            if not isinstance(parts, list) or not parts:
                raise ConditionSyntaxError("needs_list", word=combinator)
            built = tuple(parse_condition(p) for p in parts)
            return All(built) if combinator == "all" else AnyOf(built)
    if "not" in keys:
        if keys != {"not"}:
            raise ConditionSyntaxError("alone", word="not")
        return Not(parse_condition(raw["not"]))
    if "question" not in keys:
        raise ConditionSyntaxError("needs_question", keys=", ".join(sorted(keys)))
    ops = keys & set(COMPARE_OPS)
    extra = keys - set(COMPARE_OPS) - {"question"}
    if extra:
        raise ConditionSyntaxError("unknown_keys", keys=", ".join(sorted(extra)))
    if len(ops) != 1:
        raise ConditionSyntaxError("one_op", ops=", ".join(COMPARE_OPS))
    question = raw["question"]
    if not isinstance(question, str):
        raise ConditionSyntaxError("question_not_id")
    op = ops.pop()
    value = raw[op]
    if op == "in" and not isinstance(value, list):
        raise ConditionSyntaxError("in_needs_list")
    if op == "answered" and not isinstance(value, bool):
        raise ConditionSyntaxError("answered_needs_bool")
    if op in DATE_OPS and not isinstance(value, str):
        raise ConditionSyntaxError("dates.needs_question", op=op)
    return Compare(question, op, value)
