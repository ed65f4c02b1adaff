"""Helpers for the CLI tests of the seed flows (a module of its own: `conftest` is ambiguous)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import Result

PASSPHRASE = "fictieve-test-wachtzin-voor-de-flows"

Run = Callable[..., Result]


def write_answers(folder: Path, name: str, answers: dict[str, Any]) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return path
