"""What a flow decides and when: outcomes with their two decisions, meldnormen, deadlines, closure.

The tables after the steps: `[[outcomes]]`, `[decisions]` (the protocol's own names for the
two decisions), `[[meldnormen]]`, `[[deadlines]]` and `[[closure]]`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from meldcode_tui.flow.model import (
    LANGS,
    OUTCOME_STATUSES,
    ClosureRule,
    DeadlineRule,
    Meldnorm,
    Outcome,
    Text,
)
from meldcode_tui.flow.reader import Reader

DECISION_KEYS = ("melden", "hulp")
# Beside the two decisions, `path` names how the decision screen calls the way to the outcome
# (a school's staff route is not the afwegingskader).
LABEL_KEYS = (*DECISION_KEYS, "path")
OUTCOME_KEYS = {
    "id",
    "title",
    "text",
    "when",
    "melden",
    "hulp",
    "status",
    "meldnormen",
    "next_steps",
    "decisions",
}
DEADLINE_KEYS = {
    "id",
    "label",
    "date",
    "start",
    "hours",
    "when",
    "done_when",
    "overdue",
    "escalate",
    "done_at",
    "working_days",
}
CLOSURE_KEYS = {"id", "when", "message"}


def _decision(r: Reader, raw: object, field: str, outcome: str | None) -> bool | None:
    if raw is None:
        return None
    if not isinstance(raw, bool):
        r.c.add("decision_needs_bool", field=field, outcome=outcome or "?")
        return None
    return raw


def read_outcome(r: Reader, raw: Mapping[str, Any]) -> Outcome | None:
    oid = r.ident(raw.get("id"), "outcomes.id")
    where = f"outcome {oid}"
    r.unknown_keys(raw, OUTCOME_KEYS, where)
    title = r.text(raw.get("title"), f"{where}.title")
    text = r.text(raw.get("text"), f"{where}.text")
    status = raw.get("status", "open")
    if status not in OUTCOME_STATUSES:
        r.c.add(
            "bad_status", outcome=oid or "?", value=repr(status), known=", ".join(OUTCOME_STATUSES)
        )
        status = "open"
    next_steps: list[Text] = []
    for i, item in enumerate(r.tables(raw.get("next_steps"), f"{where}.next_steps")):
        built = r.text(item, f"{where}.next_steps[{i}]")
        if built:
            next_steps.append(built)
    outcome = Outcome(
        id=oid or "",
        title=title or Text("", ""),
        text=text or Text("", ""),
        when=r.condition(raw.get("when"), f"{where}.when"),
        melden=_decision(r, raw.get("melden"), "melden", oid),
        hulp=_decision(r, raw.get("hulp"), "hulp", oid),
        status=status,
        meldnormen=r.id_list(raw.get("meldnormen"), f"{where}.meldnormen"),
        next_steps=tuple(next_steps),
        decision_labels=read_decision_labels(r, raw.get("decisions")),
    )
    return outcome if oid and title and text else None


def _positive(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def read_deadline(r: Reader, raw: Mapping[str, Any]) -> DeadlineRule | None:
    did = r.ident(raw.get("id"), "deadlines.id")
    where = f"deadline {did}"
    r.unknown_keys(raw, DEADLINE_KEYS, where)
    label = r.text(raw.get("label"), f"{where}.label")
    date, start, hours = raw.get("date"), raw.get("start"), raw.get("hours")
    workdays = raw.get("working_days")
    if workdays is not None:
        # `start` plus a whole, positive number of working days, and no hours beside it.
        if start is None or date is not None or hours is not None or not _positive(workdays):
            r.c.add("workdays.shape", deadline=did or "?")
            return None
    elif (date is None) == (start is None) or (start is not None and not isinstance(hours, int)):
        r.c.add("deadline_shape", deadline=did or "?")
        return None
    if isinstance(hours, int) and hours <= 0:
        r.c.add("deadline_shape", deadline=did or "?")
        return None
    refs: dict[str, str | None] = {}
    for key in ("escalate", "done_at"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            r.c.add("bad_id", field=f"{where}.{key}", value=repr(value))
            value = None
        refs[key] = value
    rule = DeadlineRule(
        id=did or "",
        label=label or Text("", ""),
        date=date if isinstance(date, str) else None,
        start=start if isinstance(start, str) else None,
        hours=hours if isinstance(hours, int) else None,
        when=r.condition(raw.get("when"), f"{where}.when"),
        done_when=r.condition(raw.get("done_when"), f"{where}.done_when"),
        overdue=r.text(raw.get("overdue"), f"{where}.overdue", required=False),
        escalate=refs["escalate"],
        done_at=refs["done_at"],
        working_days=workdays if _positive(workdays) else None,
    )
    return rule if did and label else None


def read_closure(r: Reader, raw: Mapping[str, Any]) -> ClosureRule | None:
    cid = r.ident(raw.get("id"), "closure.id")
    where = f"closure {cid}"
    r.unknown_keys(raw, CLOSURE_KEYS, where)
    message = r.text(raw.get("message"), f"{where}.message")
    if raw.get("when") is None:
        r.c.add("closure.needs_when", rule=cid or "?")
        return None
    when = r.condition(raw.get("when"), f"{where}.when")
    if cid is None or message is None or when is None:
        return None
    return ClosureRule(cid, when, message)


def read_meldnormen(r: Reader, raw: object) -> tuple[Meldnorm, ...]:
    built: list[Meldnorm] = []
    for item in r.tables(raw, "meldnormen"):
        r.unknown_keys(item, {"id", "nl", "en", "when"}, "meldnormen")
        mid = r.ident(item.get("id"), "meldnormen.id")
        text = r.text({k: v for k, v in item.items() if k in LANGS}, f"meldnormen.{mid}")
        when = r.condition(item.get("when"), f"meldnormen.{mid}.when")
        if mid and text:
            built.append(Meldnorm(mid, text, when))
    return tuple(built)


def read_decision_labels(r: Reader, raw: object) -> dict[str, Text]:
    """Optional `[decisions]`: this protocol's own names for the two decisions."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        r.c.add("needs_table", field="decisions")
        return {}
    r.unknown_keys(raw, set(LABEL_KEYS), "decisions")
    labels: dict[str, Text] = {}
    for key in LABEL_KEYS:
        text = r.text(raw.get(key), f"decisions.{key}", required=False)
        if text:
            labels[key] = text
    return labels
