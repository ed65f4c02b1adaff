"""What is due across the open cases: the flows' time limits and the agreed actions' dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from meldcode_tui.casework.actions import due_actions
from meldcode_tui.dates import show_moment
from meldcode_tui.flow import FlowError, evaluate, get_flow
from meldcode_tui.i18n import t
from meldcode_tui.store import Store, StoreError
from meldcode_tui.store.records import Case, CaseSummary


@dataclass
class DueReport:
    """`items` by date, then case (JSON-ready); `warnings` name cases that could not be read.

    `damaged` lists the cases whose seal failed: their limits may be missing or wrong.
    """

    items: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


def what_is_due(
    store: Store, now: datetime, horizon: datetime, lang: str, title_of: Any = None
) -> DueReport:
    """Everything overdue at `now` or due before `horizon`, in open cases only.

    `title_of(summary)` names a case in the report (the CLI's wording for an empty title).
    """
    report = DueReport()
    name = title_of or (lambda s: s.title)
    # Status and deadlines come from sealed data; a damaged case is reported, not skipped.
    for summary in store.checked_cases():
        case: Case | None
        try:
            case = store.get_case(summary.id)
        except StoreError:
            case = None
        if case is None or summary.damaged or case.damaged:
            # One damaged case must not hide the deadlines of all the others, nor itself.
            report.damaged.append(summary.id)
            last = show_moment(summary.next_deadline, "-")
            report.warnings.append(t("security.due_damaged", case=summary.id, deadline=last))
            if case is None:
                continue
        elif summary.status == "closed":
            continue
        try:
            flow = get_flow(summary.flow_id)
        except FlowError:
            report.warnings.append(t("due.flow_missing", case=summary.id, flow=summary.flow_id))
            continue
        result = evaluate(flow, case.answers, now=now)
        for deadline in result.deadlines:
            if not deadline.overdue and deadline.due > horizon:
                continue
            rule = deadline.rule
            open_escalation = rule.escalate in result.missing if rule.escalate else False
            report.items.append(
                _item(summary, name(summary), rule.id, rule.label.get(lang), deadline.due)
                | {
                    "overdue": deadline.overdue,
                    "message": rule.overdue.get(lang)
                    if deadline.overdue and rule.overdue
                    else None,
                    "escalate": rule.escalate if open_escalation else None,
                }
            )
        for item in due_actions(case, now, horizon):
            a = item.action
            label = t("actions.due_label", text=a.text, owner=a.owner)
            assert a.due is not None
            report.items.append(
                _item(summary, name(summary), f"action:{a.id}", label, a.due)
                | {"overdue": item.overdue, "message": None, "escalate": None}
            )
    report.items.sort(key=lambda item: (item["due"], item["case"]))
    return report


def _item(summary: CaseSummary, title: str, key: str, label: str, due: datetime) -> dict[str, Any]:
    return {
        "case": summary.id,
        "title": title,
        "flow": summary.flow_id,
        "deadline": key,
        "label": label,
        "due": due.isoformat(),
    }
