"""Protocol flows as data: load, validate, evaluate answers. No Textual, no SQLite."""

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
