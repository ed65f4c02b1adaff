"""Agreed actions of a case: who does what by when. Added and completed here, for CLI and app.

An action is the follow-up the protocol leaves to people (a talk with the parents, checking
with Veilig Thuis how a report went, the date to look again): it is shown in the app, listed
by `meldcode show`, and its due date joins the flow's time limits in `meldcode due`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from meldcode_tui.dates import end_of_day, parse_date
from meldcode_tui.i18n import t
from meldcode_tui.store import RecordNotFound, Store
from meldcode_tui.store.records import Action, Case


class ActionRefused(ValueError):
    """An action that cannot be recorded as given; the message says what to change.

    `field` is what was wrong ("text", "owner" or "due"): the app puts the cursor there.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class DueAction:
    """An open action whose date has come (or comes within the horizon asked for)."""

    action: Action
    overdue: bool


def add_action(
    store: Store, case_id: str, text: str, *, owner: str, due: str | date | None = None
) -> str:
    """Record an agreed action; `due` as typed (14-3-2026 or ISO) or a date. Returns its id."""
    what, who = text.strip(), owner.strip()
    if not what:
        raise ActionRefused(t("actions.need_text"), "text")
    if not who:
        raise ActionRefused(t("actions.need_owner"), "owner")
    day: date | None
    if isinstance(due, str) and due.strip():
        try:
            day = parse_date(due)
        except ValueError:
            raise ActionRefused(t("actions.bad_due"), "due") from None
    else:
        day = due if isinstance(due, date) else None
    # A day is due when it has passed, as with the flows' date limits.
    return store.add_action(case_id, what, owner=who, due=end_of_day(day) if day else None)


def complete_action(store: Store, case_id: str, action_id: str) -> None:
    """Mark an action done (once; doing it again changes nothing)."""
    try:
        store.complete_action(case_id, action_id)
    except RecordNotFound:
        raise ActionRefused(t("actions.not_found", id=action_id, case=case_id)) from None


def due_actions(case: Case, now: datetime, horizon: datetime) -> list[DueAction]:
    """The case's open actions that are overdue at `now` or due before `horizon`."""
    return [
        DueAction(a, a.due < now)
        for a in case.actions
        if a.done_at is None and a.due is not None and a.due <= horizon
    ]
