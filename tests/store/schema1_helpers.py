"""What a case reads as, in plain JSON: compared before and after a store is upgraded.

Imported by make_schema1_store.py too, which runs on a schema-1 checkout: keep it to what
both versions' records have (dataclasses.asdict of the Case).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMA1_STORE = FIXTURES / "schema1.meldcode"
SCHEMA1_EXPECTED = FIXTURES / "schema1.json"


def describe(case: Any) -> Any:
    """Every field of a case as read (answers, history, notes, actions, marks), JSON-shaped."""
    return json.loads(json.dumps(dataclasses.asdict(case), default=str, sort_keys=True))
