"""Protocol flows as data: load, validate, evaluate answers. No Textual, no SQLite.

The names below load on first use (PEP 562), so `import meldcode_tui.flow.clock` (the CLI's
start path) costs the clock alone, not the loader, the engine and the checks (issue 16).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from meldcode_tui.flow.answers import (
        AnswerError,
        normalise_answer,
        parse_answers,
        read_answers_file,
    )
    from meldcode_tui.flow.engine import Decisions, Evaluation, StepState, evaluate
    from meldcode_tui.flow.loader import load_flow, parse_flow
    from meldcode_tui.flow.model import Flow, Outcome, Question, Step, Text
    from meldcode_tui.flow.problems import FlowError, FlowProblem
    from meldcode_tui.flow.registry import get_flow, shipped_flow_paths, shipped_flows

# Each exported name and the module that defines it.
_WHERE = {
    "AnswerError": "answers",
    "normalise_answer": "answers",
    "parse_answers": "answers",
    "read_answers_file": "answers",
    "Decisions": "engine",
    "Evaluation": "engine",
    "StepState": "engine",
    "evaluate": "engine",
    "load_flow": "loader",
    "parse_flow": "loader",
    "Flow": "model",
    "Outcome": "model",
    "Question": "model",
    "Step": "model",
    "Text": "model",
    "FlowError": "problems",
    "FlowProblem": "problems",
    "get_flow": "registry",
    "shipped_flow_paths": "registry",
    "shipped_flows": "registry",
}

__all__ = [
    "AnswerError",
    "Decisions",
    "Evaluation",
    "Flow",
    "FlowError",
    "FlowProblem",
    "Outcome",
    "Question",
    "Step",
    "StepState",
    "Text",
    "evaluate",
    "get_flow",
    "load_flow",
    "normalise_answer",
    "parse_answers",
    "parse_flow",
    "read_answers_file",
    "shipped_flow_paths",
    "shipped_flows",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        # Not an export: `from meldcode_tui.flow import clock` then imports the submodule.
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
