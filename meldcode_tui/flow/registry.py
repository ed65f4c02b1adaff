"""The flows shipped with the app, found by id, each checked in full once per content.

A shipped file whose bytes already passed the full check with this code (flow/verdicts.py)
is loaded without the path search again: its answer cannot have changed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from meldcode_tui.cache_folder import digest
from meldcode_tui.flow.files import read_flow_file
from meldcode_tui.flow.problems import Collector, FlowError
from meldcode_tui.flow.verdicts import Listing, Verdicts
from meldcode_tui.resources import data_dir

if TYPE_CHECKING:
    from meldcode_tui.flow.model import Flow

# The loader (TOML, the model and the checks) is imported only where a file is loaded:
# `flows list` of files that passed before needs none of it.


def shipped_flow_paths() -> list[Path]:
    return sorted(data_dir("flows").glob("*.toml"))


def listing_of(flow: Flow) -> Listing:
    return Listing(
        id=flow.id,
        version=flow.version,
        title={"nl": flow.title.nl, "en": flow.title.en},
        description={"nl": flow.description.nl, "en": flow.description.en},
    )


def load_checked(paths: list[Path], verdicts: Verdicts) -> list[Flow]:
    """Load each file; the path search only for bytes that have not passed it yet."""
    from meldcode_tui.flow.loader import flow_from_bytes

    flows = []
    for path in paths:
        data = read_flow_file(path)
        key = digest(data)
        flow = flow_from_bytes(data, path, search_paths=not verdicts.passed(key))
        verdicts.remember(key, listing_of(flow))
        flows.append(flow)
    verdicts.save()
    return flows


def list_checked(paths: list[Path], verdicts: Verdicts) -> list[Listing]:
    """What `flows list` shows of each file; a file not yet passed is loaded and checked.

    Raises FlowError for the first file that does not pass, as loading it would.
    """
    listings = []
    for path in paths:
        data = read_flow_file(path)
        known = verdicts.listing(digest(data))
        if known is None:
            from meldcode_tui.flow.loader import flow_from_bytes

            known = listing_of(flow_from_bytes(data, path))
            verdicts.remember(digest(data), known)
        listings.append(known)
    verdicts.save()
    return listings


@cache
def shipped_flows() -> dict[str, Flow]:
    """Every shipped flow by id; a broken shipped flow raises FlowError."""
    return {flow.id: flow for flow in load_checked(shipped_flow_paths(), Verdicts())}


def shipped_listings() -> list[Listing]:
    """`flows list`'s rows, in file order; a broken shipped flow raises FlowError."""
    return list_checked(shipped_flow_paths(), Verdicts())


def get_flow(flow_id: str) -> Flow:
    flows = shipped_flows()
    if flow_id not in flows:
        c = Collector(flow_id)
        c.add("unknown_flow", flow=flow_id, known=", ".join(sorted(flows)))
        raise FlowError(c.problems)
    return flows[flow_id]
