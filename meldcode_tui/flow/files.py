"""Reading a flow file's bytes, with a problem (where, what, how to fix) instead of OSError."""

from __future__ import annotations

from pathlib import Path

from meldcode_tui.flow.problems import Collector, FlowError
from meldcode_tui.os_errors import os_problem


def read_flow_file(path: Path) -> bytes:
    """A flow file's bytes; FlowError (never another exception) when it cannot be read."""
    c = Collector(str(path))
    try:
        return path.read_bytes()
    except FileNotFoundError:
        c.add("file_missing")
    except OSError as exc:
        c.add("file_unreadable", detail=os_problem(exc))
    raise FlowError(c.problems)
