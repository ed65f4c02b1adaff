"""Closed cases past their retention: the use-case side of `due`, `retention` and `purge`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meldcode_tui.flow import FlowError, get_flow
from meldcode_tui.retention import RetentionState, retention_state
from meldcode_tui.store import Store, StoreError
from meldcode_tui.store.records import CaseSummary


@dataclass(frozen=True)
class Expired:
    summary: CaseSummary
    state: RetentionState


def state_of(
    store: Store, summary: CaseSummary, years: int | None, today: date
) -> RetentionState | None:
    """The retention of one listed case; opens only a closed one (the rest cannot expire)."""
    try:
        flow = get_flow(summary.flow_id)
    except FlowError:
        return None
    if flow.retention is None and years is None:
        return None
    recorded = None
    if summary.status == "closed":
        # Only a closed case can expire, so only a closed one is opened (the list stays cheap).
        recorded = store.get_case(summary.id).retention_start
    return retention_state(
        flow,
        status=summary.status,
        updated_at=summary.updated_at,
        recorded_start=recorded,
        today=today,
        years=years,
    )


def expired_cases(store: Store, years: int | None, today: date) -> list[Expired]:
    """Closed cases past their retention, oldest end first (damaged cases are left alone)."""
    found: list[Expired] = []
    for summary in store.list_cases():
        if summary.status != "closed" or summary.damaged:
            continue
        try:
            state = state_of(store, summary, years, today)
        except StoreError:
            continue
        if state is not None and state.past:
            found.append(Expired(summary, state))
    return sorted(found, key=lambda e: (e.state.ends, e.summary.id))
