"""One open case: answers, notes and the engine's evaluation kept in step with what is stored.

The wizard holds one while a case is on screen; the CLI opens one per command. Every change is
one store transaction, and the case in memory is updated from what that transaction wrote, so
nothing is read back and decrypted whole on the typing path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from meldcode_tui.casework.actions import add_action, complete_action
from meldcode_tui.casework.closing import (
    CaseClosed,
    HandedOverReadOnly,
    close_case,
    open_status,
    reopen_case,
)
from meldcode_tui.casework.corrections import (
    correct_note,
    entry_fix,
    fixed_entries,
    withdraw_note,
)
from meldcode_tui.casework.date_rules import check_dates
from meldcode_tui.casework.notes import add_note
from meldcode_tui.casework.roles import remembered_role
from meldcode_tui.flow import (
    AnswerError,
    Evaluation,
    Flow,
    evaluate,
    get_flow,
    normalise_answer,
)
from meldcode_tui.i18n import t
from meldcode_tui.store import Progress, Store
from meldcode_tui.store.records import Case, Note

Clock = Callable[[], datetime]


def progress_of(evaluation: Evaluation) -> Progress:
    """What the case list shows of an evaluation, so listing needs no case opened.

    The status is open or monitoring, never closed: closing is the user's decision.
    """
    return Progress(
        status=open_status(evaluation),
        current_step=evaluation.current_step,
        melden=evaluation.decisions.melden,
        hulp=evaluation.decisions.hulp,
        next_deadline=evaluation.next_deadline,
    )


def record_progress(store: Store, case_id: str, evaluation: Evaluation) -> None:
    """Record an evaluation made without an answer change (a case just started)."""
    p = progress_of(evaluation)
    store.update_progress(
        case_id,
        status=p.status,
        current_step=p.current_step,
        melden=p.melden,
        hulp=p.hulp,
        next_deadline=p.next_deadline,
    )


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


@dataclass
class OpenCase:
    """A decrypted case while it is being worked on; every change is written at once."""

    store: Store
    case_id: str
    flow: Flow
    case: Case
    evaluation: Evaluation
    clock: Clock
    author_role: str
    # The step on screen changed since it was last written (see `move`).
    position_unsaved: bool = False

    @classmethod
    def open(
        cls,
        store: Store,
        case_id: str,
        clock: Clock,
        remembered: Mapping[str, str] | None = None,
        *,
        author_role: str | None = None,
        preferred_role: str | None = None,
    ) -> OpenCase:
        """`remembered` maps a flow id to the role the user chose earlier in this app session;
        `preferred_role` is the settings file's `role`, used when the case's flow names it."""
        case = store.get_case(case_id)
        flow = get_flow(case.summary.flow_id)
        role = author_role or remembered_role(flow, remembered, preferred_role)
        evaluation = evaluate(flow, case.answers, clock())
        return cls(store, case_id, flow, case, evaluation, clock, role)

    @property
    def title(self) -> str:
        return self.case.summary.title

    @property
    def answers(self) -> dict[str, Any]:
        return self.case.answers

    @property
    def closed(self) -> bool:
        # A case handed over to a colleague is read-only like a closed one.
        return self.case.summary.status == "closed" or self.case.handed_over is not None

    def resume_step(self) -> str:
        """Where the user was; else the engine's current step; else the last step on the path."""
        steps = {s.id for s in self.flow.steps}
        if self.case.position in steps:
            return str(self.case.position)
        return self.evaluation.current_step or self.evaluation.path[-1]

    def answer(self, question_id: str, value: Any) -> bool:
        """Save one answer, or clear it (None, "" or []); False when nothing changed.

        The answer and the progress it causes are one transaction. Raises AnswerError (with a
        translated message) when the value does not fit its question or the case is damaged
        and refuses every change, CaseClosed when the case is closed (read-only until reopened).
        """
        self.ensure_open()
        if self.case.damaged:
            raise AnswerError(t("tui.crash.case_damaged"))
        answers = dict(self.case.answers)
        if _is_empty(value):
            if question_id not in answers:
                return False
            del answers[question_id]
            stored: Any = None
        else:
            stored = normalise_answer(self.flow, question_id, value)
            if answers.get(question_id) == stored:
                return False
            check_dates(self.flow, question_id, stored, self.clock())
            answers[question_id] = stored
        evaluation = evaluate(self.flow, answers, self.clock())
        written = self.store.save_answer(
            self.case_id,
            question_id,
            stored,
            author_role=self.author_role,
            progress=progress_of(evaluation),
            **self._position_change(),
        )
        self.position_unsaved = False
        if written is None:  # cleared in between by another writer: nothing to record
            answers.pop(question_id, None)
        else:
            self.case.history.append(written.change)
            self._apply(progress_of(evaluation), written.updated_at)
        self.case.answers = answers
        self.evaluation = evaluation
        return True

    def clear(self, question_id: str) -> bool:
        """Remove an answer (its history keeps the old value); False if it was not set."""
        return self.answer(question_id, None)

    def ensure_open(self) -> None:
        """CaseClosed when the case is closed: a closed case takes no change."""
        if self.case.handed_over is not None:
            raise HandedOverReadOnly(self.case_id, self.case.handed_over)
        if self.closed:
            raise CaseClosed(self.case_id)

    def add_note(
        self, kind: str, text: str, step_id: str | None, *, for_record: bool = False
    ) -> None:
        self.ensure_open()
        add_note(
            self.store,
            self.case_id,
            kind,
            text,
            flow=self.flow,
            step_id=step_id,
            author_role=self.author_role,
            for_record=for_record,
        )
        self._reload()

    def correct_note(self, note_id: str, text: str, reason: str = "") -> None:
        """A new text for a note; the earlier one stays (CorrectionRefused, CaseClosed)."""
        correct_note(
            self.store, self.case_id, note_id, text, reason=reason, author_role=self.author_role
        )
        self._reload()

    def withdraw_note(self, note_id: str, reason: str) -> None:
        """Withdraw a note with a reason; it stays in the case, out of the record."""
        withdraw_note(self.store, self.case_id, note_id, reason, author_role=self.author_role)
        self._reload()

    def correct_entry(
        self, question_id: str, index: int, entry: dict[str, Any], reason: str = ""
    ) -> None:
        """Replace ledger entry `index` (from 0); the list as it was stays in the history."""
        self._fix_entry(question_id, index, entry, "corrected", reason)

    def withdraw_entry(self, question_id: str, index: int, reason: str) -> None:
        """Withdraw ledger entry `index` (from 0) with a reason; the history keeps it."""
        self._fix_entry(question_id, index, None, "withdrawn", reason)

    def _fix_entry(
        self,
        question_id: str,
        index: int,
        entry: dict[str, Any] | None,
        op: str,
        reason: str,
    ) -> None:
        self.ensure_open()
        if self.case.damaged:
            raise AnswerError(t("tui.crash.case_damaged"))
        fix = entry_fix(op, index, reason)
        value = fixed_entries(self.flow, self.case, question_id, index, entry, self.clock())
        answers = dict(self.case.answers)
        if value is None:
            answers.pop(question_id, None)
        else:
            answers[question_id] = value
        evaluation = evaluate(self.flow, answers, self.clock())
        written = self.store.save_entry_fix(
            self.case_id,
            question_id,
            value,
            fix,
            author_role=self.author_role,
            progress=progress_of(evaluation),
        )
        if written is not None:
            self.case.history.append(written.change)
            self._apply(progress_of(evaluation), written.updated_at)
        self.case.answers = answers
        self.evaluation = evaluation

    def add_action(self, text: str, *, owner: str, due: str | None = None) -> str:
        """Record an agreed action (ActionRefused says what to change); returns its id.

        A closed case still takes actions (the follow-up after closing); a handed-over one
        none: HandedOverReadOnly, before the store would refuse it in its own words.
        """
        if self.case.handed_over is not None:
            raise HandedOverReadOnly(self.case_id, self.case.handed_over)
        action_id = add_action(self.store, self.case_id, text, owner=owner, due=due)
        self._reload()
        return action_id

    def complete_action(self, action_id: str) -> None:
        if self.case.handed_over is not None:
            raise HandedOverReadOnly(self.case_id, self.case.handed_over)
        complete_action(self.store, self.case_id, action_id)
        self._reload()

    def notes_for(self, step_id: str) -> list[Note]:
        return [n for n in self.case.notes if n.step_id == step_id]

    def move(self, step_id: str) -> None:
        """Remember the step on screen, so reopening the case resumes there.

        Not written at once: it goes with the next answer's transaction, or `save_position`
        writes it when the user leaves the case (back to the list, lock, quit).
        """
        # A damaged or handed-over case refuses writes; where the user was is not worth an error.
        writable = not self.case.damaged and self.case.handed_over is None
        if self.case.position != step_id and writable:
            self.case.position = step_id
            self.position_unsaved = True

    def save_position(self) -> None:
        """Write the step on screen if it changed since the last write."""
        if self.position_unsaved:
            self.store.update_progress(self.case_id, position=self.case.position)
            self.position_unsaved = False

    def _position_change(self) -> dict[str, str | None]:
        return {"position": self.case.position} if self.position_unsaved else {}

    def reevaluate(self) -> Evaluation:
        """Evaluate again at the clock's current time: a limit may have passed meanwhile."""
        self.evaluation = evaluate(self.flow, self.case.answers, self.clock())
        return self.evaluation

    def close(self) -> None:
        """Close the case under the flow's rules; ClosureRefused says what is still missing."""
        close_case(self.store, self.case_id, now=self.clock(), author_role=self.author_role)
        self._reload()

    def reopen(self, reason: str) -> None:
        """Reopen a closed case with a reason (ReopenRefused when it is empty)."""
        reopen_case(
            self.store, self.case_id, reason, now=self.clock(), author_role=self.author_role
        )
        self._reload()

    def _apply(self, progress: Progress, updated_at: datetime) -> None:
        s = self.case.summary
        self.case.summary = replace(
            s,
            status=progress.status,
            current_step=progress.current_step,
            melden=progress.melden,
            hulp=progress.hulp,
            next_deadline=progress.next_deadline,
            updated_at=updated_at,
        )

    def _reload(self) -> None:
        """Read the case again after a change whose rows are not kept here (notes, closing)."""
        position = self.case.position
        self.case = self.store.get_case(self.case_id)
        self.case.position = position
        self.evaluation = evaluate(self.flow, self.case.answers, self.clock())
