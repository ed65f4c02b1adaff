"""Read a flow file (TOML) into the model, collecting every problem with where and how to fix.

The public entry points are `load_flow` (a file) and `parse_flow` (parsed TOML). The tables are
read by `flow/parse_steps.py` (steps, questions, ledger fields) and `flow/parse_outcomes.py`
(outcomes, decisions, meldnormen, deadlines, closure), all through the primitives of
`flow/reader.py`; the whole flow is then checked by `flow/checks.py`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from meldcode_tui.flow import checks, parse_outcomes, parse_steps
from meldcode_tui.flow.files import read_flow_file
from meldcode_tui.flow.model import RETENTION_STARTS, Flow, Retention, Source, Text
from meldcode_tui.flow.problems import Collector, FlowError
from meldcode_tui.flow.reader import ID_PATTERN, Reader
from meldcode_tui.i18n import t

__all__ = ["FLOW_KEYS", "flow_from_bytes", "load_flow", "parse_flow"]

FLOW_KEYS = {
    "id",
    "version",
    "title",
    "description",
    "sources",
    "roles",
    "steps",
    "outcomes",
    "meldnormen",
    "deadlines",
    "closure",
    "decisions",
    "retention",
}


def _sources(r: Reader, raw: object) -> tuple[Source, ...]:
    built: list[Source] = []
    for item in r.tables(raw, "sources"):
        r.unknown_keys(item, {"id", "title", "file", "url"}, "sources")
        sid = r.ident(item.get("id"), "sources.id")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            r.c.add("missing_field", field="sources.title")
            continue
        if sid:
            built.append(Source(sid, title, item.get("file"), item.get("url")))
    return tuple(built)


def _roles(r: Reader, raw: object) -> dict[str, Text]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        r.c.add("needs_table", field="roles")
        return {}
    roles: dict[str, Text] = {}
    for role_id, label in raw.items():
        if not ID_PATTERN.match(role_id):
            r.c.add("bad_id", field="roles", value=repr(role_id))
            continue
        text = r.text(label, f"roles.{role_id}")
        if text:
            roles[role_id] = text
    return roles


def _retention(r: Reader, raw: object) -> Retention | None:
    """`[retention] years = 2, from = "pupil_left", sources = [...]` (flows/README.md)."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        r.c.add("needs_table", field="retention")
        return None
    r.unknown_keys(raw, {"years", "from", "sources"}, "retention")
    years = raw.get("years")
    start = raw.get("from")
    ok = True
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 100:
        r.c.add("retention.bad_years", value=repr(years))
        ok = False
    if start not in RETENTION_STARTS:
        r.c.add("retention.bad_from", value=repr(start), known=", ".join(RETENTION_STARTS))
        ok = False
    sources = r.id_list(raw.get("sources"), "retention.sources")
    if not ok:
        return None
    assert isinstance(years, int) and isinstance(start, str)
    return Retention(years, start, sources)


def parse_flow(
    raw: Mapping[str, Any], file: str, path: Path | None = None, *, search_paths: bool = True
) -> Flow:
    """Build and check a flow from its parsed TOML; raise FlowError listing every problem.

    `search_paths=False` leaves out the path search (flow/reachability.py) and only that: for
    bytes that already passed it with this code (flow/verdicts.py).
    """
    c = Collector(file)
    r = Reader(c)
    r.unknown_keys(raw, FLOW_KEYS, "flow")
    fid = r.ident(raw.get("id"), "id")
    version = raw.get("version")
    if not isinstance(version, str) or not version.strip():
        c.add("missing_field", field="version")
    title = r.text(raw.get("title"), "title")
    description = r.text(raw.get("description"), "description")
    steps_raw = r.tables(raw.get("steps"), "steps")
    if not steps_raw:
        c.add("no_steps")
    steps = [s for s in (parse_steps.read_step(r, item) for item in steps_raw) if s]
    outcomes = [
        o
        for o in (
            parse_outcomes.read_outcome(r, item)
            for item in r.tables(raw.get("outcomes"), "outcomes")
        )
        if o
    ]
    deadlines = [
        d
        for d in (
            parse_outcomes.read_deadline(r, item)
            for item in r.tables(raw.get("deadlines"), "deadlines")
        )
        if d
    ]
    closure = [
        rule
        for rule in (
            parse_outcomes.read_closure(r, item) for item in r.tables(raw.get("closure"), "closure")
        )
        if rule
    ]
    decision_labels = parse_outcomes.read_decision_labels(r, raw.get("decisions"))
    flow = Flow(
        id=fid or "",
        version=version if isinstance(version, str) else "",
        title=title or Text("", ""),
        description=description or Text("", ""),
        sources=_sources(r, raw.get("sources")),
        roles=_roles(r, raw.get("roles")),
        steps=tuple(steps),
        outcomes=tuple(outcomes),
        meldnormen=parse_outcomes.read_meldnormen(r, raw.get("meldnormen")),
        deadlines=tuple(deadlines),
        closure=tuple(closure),
        decision_labels=decision_labels,
        retention=_retention(r, raw.get("retention")),
        path=path,
    )
    if flow.retention is not None:
        known = {src.id for src in flow.sources}
        for src in flow.retention.sources:
            if src not in known:
                c.add("unknown_source", source=src)
    if not c.problems:
        checks.check_flow(flow, c, search_paths=search_paths)
    if c.problems:
        raise FlowError(c.problems)
    return flow


def flow_from_bytes(data: bytes, path: Path, *, search_paths: bool = True) -> Flow:
    """A flow from the bytes of its file; raise FlowError when it is unusable."""
    c = Collector(str(path))
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        c.add("toml_syntax", detail=str(exc))
        raise FlowError(c.problems) from None
    except UnicodeDecodeError:
        c.add("not_utf8")
        raise FlowError(c.problems) from None
    except (RecursionError, ValueError):
        # Nesting beyond the recursion limit, or an integer beyond Python's digit limit.
        c.add("toml_syntax", detail=t("security.too_deep"))
        raise FlowError(c.problems) from None
    return parse_flow(raw, str(path), path, search_paths=search_paths)


def load_flow(path: Path) -> Flow:
    """Load one flow file and check it in full; raise FlowError when it is unusable."""
    return flow_from_bytes(read_flow_file(path), path)
