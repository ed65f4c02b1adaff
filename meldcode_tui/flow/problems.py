"""Precise, translated descriptions of what is wrong in a flow file, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from meldcode_tui.i18n import t


@dataclass(frozen=True)
class FlowProblem:
    file: str
    step: str | None
    question: str | None
    code: str
    values: tuple[tuple[str, str], ...] = ()

    @property
    def message(self) -> str:
        return t(f"flowcheck.{self.code}", **dict(self.values))

    @property
    def fix(self) -> str:
        return t(f"flowcheck.{self.code}_fix", **dict(self.values))

    def where(self) -> str:
        parts = [self.file]
        if self.step:
            parts.append(t("flowcheck.at_step", step=self.step))
        if self.question:
            parts.append(t("flowcheck.at_question", question=self.question))
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message} ({t('flowcheck.fix_label')}: {self.fix})"


class FlowError(Exception):
    """A flow that cannot be used; carries every problem found, never a traceback for users."""

    def __init__(self, problems: list[FlowProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class Collector:
    """Gathers problems while the loader walks a file, with the current step/question."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[FlowProblem] = []

    def add(
        self, code: str, *, step: str | None = None, question: str | None = None, **values: object
    ) -> None:
        pairs = tuple((k, str(v)) for k, v in values.items())
        self.problems.append(FlowProblem(self.file, step, question, code, pairs))
