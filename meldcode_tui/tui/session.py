"""One open case as the wizard sees it: answers, notes and the engine's evaluation, kept in step."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from meldcode_tui.casework import close_case, record_progress
from meldcode_tui.flow import AnswerError, Evaluation, Flow, evaluate, get_flow, normalise_answer
from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.store.records import Case, Note

Clock = Callable[[], datetime]


@dataclass
class CaseSession:
    """Holds a decrypted case while its screen is open; every change is written at once."""

    store: Store
    case_id: str
    flow: Flow
    case: Case
    evaluation: Evaluation
    clock: Clock
    author_role: str

    @classmethod
    def open(
        cls, store: Store, case_id: str, clock: Clock, remembered: Mapping[str, str] | None = None
    ) -> CaseSession:
        """`remembered` maps a flow id to the role the user chose earlier in this app session."""
        case = store.get_case(case_id)
        flow = get_flow(case.summary.flow_id)
        role = (remembered or {}).get(flow.id, "")
        if role not in flow.roles:
            role = flow.steps[0].roles[0] if flow.steps and flow.steps[0].roles else "beroepskracht"
        evaluation = evaluate(flow, case.answers, clock())
        return cls(store, case_id, flow, case, evaluation, clock, role)

    @property
    def title(self) -> str:
        return self.case.summary.title

    @property
    def answers(self) -> dict[str, Any]:
        return self.case.answers

    def resume_step(self) -> str:
        """Where the user was; else the engine's current step; else the last step on the path."""
        steps = {s.id for s in self.flow.steps}
        if self.case.position in steps:
            return str(self.case.position)
        return self.evaluation.current_step or self.evaluation.path[-1]

    def answer(self, question_id: str, value: Any) -> bool:
        """Save one answer (None clears it). Returns False when nothing changed.

        Raises AnswerError (with a translated message) when the value does not fit, or when
        the case is damaged and refuses every change.
        """
        if self.case.damaged:
            raise AnswerError(t("tui.crash.case_damaged"))
        answers = dict(self.case.answers)
        if value is None or value == "" or value == []:
            if question_id not in answers:
                return False
            self.store.clear_answer(self.case_id, question_id, author_role=self.author_role)
            del answers[question_id]
        else:
            value = normalise_answer(self.flow, question_id, value)
            if answers.get(question_id) == value:
                return False
            self.store.set_answer(self.case_id, question_id, value, author_role=self.author_role)
            answers[question_id] = value
        # Every save is on the typing path: evaluate the answers as just written once, record
        # the progress the case list shows, then open the case once (not twice).
        evaluation = evaluate(self.flow, answers, self.clock())
        record_progress(self.store, self.case_id, evaluation)
        self._reload(evaluation)
        return True

    def add_note(
        self, kind: str, text: str, step_id: str | None, *, for_record: bool = False
    ) -> None:
        self.store.add_note(
            self.case_id,
            kind,
            text,
            step_id=step_id,
            author_role=self.author_role,
            for_record=for_record,
        )
        self._reload()

    def notes_for(self, step_id: str) -> list[Note]:
        return [n for n in self.case.notes if n.step_id == step_id]

    def set_position(self, step_id: str) -> None:
        # A damaged case refuses writes; where the user was is not worth an error.
        if self.case.position != step_id and not self.case.damaged:
            self.store.update_progress(self.case_id, position=step_id)
            self.case.position = step_id

    @property
    def closed(self) -> bool:
        return self.case.summary.status == "closed"

    def reevaluate(self) -> Evaluation:
        """Evaluate again at the clock's current time: a limit may have passed meanwhile."""
        self.evaluation = evaluate(self.flow, self.case.answers, self.clock())
        return self.evaluation

    def close(self) -> None:
        """Close the case under the flow's rules; ClosureRefused says what is still missing."""
        close_case(self.store, self.case_id, now=self.clock())
        self._reload()

    def _reload(self, evaluation: Evaluation | None = None) -> None:
        """Reopen the case; `evaluation` is reused when it was made from the same answers."""
        position = self.case.position
        self.case = self.store.get_case(self.case_id)
        self.case.position = position
        self.evaluation = evaluation or evaluate(self.flow, self.case.answers, self.clock())
