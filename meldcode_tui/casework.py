"""Glue between flow engine and store: where the store is, and saving answers with progress."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from meldcode_tui.flow import Evaluation, Flow, evaluate, get_flow, parse_answers
from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.store.records import Case

ENV_STORE = "MELDCODE_STORE"
ENV_PASSPHRASE = "MELDCODE_PASSPHRASE"
STORE_FILENAME = "store.meldcode"
APP_NAME = "meldcode-tui"


def default_store_path() -> Path:
    """The platform's user data folder; it is only created when a store is created."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / STORE_FILENAME


def resolve_store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--store, else MELDCODE_STORE, else the user data folder."""
    if explicit:
        return _expand(Path(explicit))
    from_env = os.environ.get(ENV_STORE)
    if from_env:
        return _expand(Path(from_env))
    return default_store_path()


def _expand(path: Path) -> Path:
    # `~nouser/x` cannot be expanded; kept as typed, it then reads as "no store there".
    try:
        return path.expanduser()
    except RuntimeError:
        return path


def validate_answers(flow_id: str, raw: Mapping[str, Any]) -> tuple[Flow, dict[str, Any]]:
    """Check every answer against the flow before anything is written (AnswerError/FlowError)."""
    flow = get_flow(flow_id)
    return flow, parse_answers(flow, raw)


def record_progress(store: Store, case_id: str, result: Evaluation) -> Evaluation:
    """Record an evaluation of the case's current answers, so the list needs no case opened."""
    store.update_progress(
        case_id,
        status=result.status,
        current_step=result.current_step,
        melden=result.decisions.melden,
        hulp=result.decisions.hulp,
        next_deadline=result.next_deadline,
    )
    return result


def save_answers(
    store: Store,
    case_id: str,
    raw: Mapping[str, Any],
    *,
    author_role: str = "mentor",
    now: datetime | None = None,
) -> Evaluation:
    """Validate all answers first, then save those that changed, one at a time, and evaluate."""
    case = store.get_case(case_id)
    flow, answers = validate_answers(case.summary.flow_id, raw)
    for question_id, value in answers.items():
        if question_id not in case.answers or case.answers[question_id] != value:
            store.set_answer(case_id, question_id, value, author_role=author_role)
    # The stored answers are now the old ones with these on top: no need to open the case again.
    result = evaluate(flow, {**case.answers, **answers}, now=now)
    return record_progress(store, case_id, result)


def start_case(
    store: Store,
    flow_id: str,
    title: str,
    raw: Mapping[str, Any] | None = None,
    *,
    author_role: str = "mentor",
    now: datetime | None = None,
) -> tuple[str, Evaluation]:
    """Create a case (answers validated before the case exists) and record its progress."""
    flow, answers = validate_answers(flow_id, raw or {})
    case_id = store.new_case(flow_id, title, author_role=author_role)
    for question_id, value in answers.items():
        store.set_answer(case_id, question_id, value, author_role=author_role)
    return case_id, record_progress(store, case_id, evaluate(flow, answers, now=now))


def evaluate_case(case: Case, *, now: datetime | None = None) -> Evaluation:
    """Evaluate a case as stored (FlowError if its flow is no longer shipped)."""
    flow = get_flow(case.summary.flow_id)
    return evaluate(flow, case.answers, now=now)


# ----------------------------------------------------------------- closing a case
# One check shared by `meldcode close` and the wizard's close action.


class ClosureRefused(Exception):
    """The case may not be closed yet; `evaluation` says why (closure_blockers, missing)."""

    def __init__(self, evaluation: Evaluation) -> None:
        super().__init__("closure refused")
        self.evaluation = evaluation


def close_case(store: Store, case_id: str, *, now: datetime | None = None) -> Evaluation:
    """Close a case only when its flow's closure rules hold and no required question is open.

    Raises ClosureRefused (nothing written) when it may not be closed yet, FlowError when the
    case's flow is no longer shipped.
    """
    result = evaluate_case(store.get_case(case_id), now=now)
    if not result.can_close:
        raise ClosureRefused(result)
    store.update_progress(case_id, status="closed", next_deadline=None)
    return result


def closure_reason(result: Evaluation, lang: str) -> str:
    """Why closing is refused, in one line: the failing rules' messages, else the open questions."""
    if result.closure_blockers:
        return "; ".join(rule.message.get(lang) for rule in result.closure_blockers)
    return t("closure.missing", ids=", ".join(result.missing))
