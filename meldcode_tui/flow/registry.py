"""The flows shipped with the app, found by id."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from meldcode_tui.flow.loader import load_flow
from meldcode_tui.flow.model import Flow
from meldcode_tui.flow.problems import Collector, FlowError
from meldcode_tui.resources import data_dir


def shipped_flow_paths() -> list[Path]:
    return sorted(data_dir("flows").glob("*.toml"))


@cache
def shipped_flows() -> dict[str, Flow]:
    """Every shipped flow by id; a broken shipped flow raises FlowError."""
    flows: dict[str, Flow] = {}
    for path in shipped_flow_paths():
        flow = load_flow(path)
        flows[flow.id] = flow
    return flows


def get_flow(flow_id: str) -> Flow:
    flows = shipped_flows()
    if flow_id not in flows:
        c = Collector(flow_id)
        c.add("unknown_flow", flow=flow_id, known=", ".join(sorted(flows)))
        raise FlowError(c.problems)
    return flows[flow_id]
