"""Adding a note (feit, interpretatie or bron): the one implementation the wizard and CLI call."""

from __future__ import annotations

from meldcode_tui.casework.roles import check_role
from meldcode_tui.flow import Flow
from meldcode_tui.store import Store
from meldcode_tui.store.records import NOTE_KINDS


class NoteRefused(ValueError):
    """A note that cannot be saved as given (unknown kind, or nothing in it)."""


def add_note(
    store: Store,
    case_id: str,
    kind: str,
    text: str,
    *,
    flow: Flow | None,
    step_id: str | None = None,
    author_role: str | None = None,
    for_record: bool = False,
) -> str:
    """Save a note under a role of the case's flow (UnknownRole otherwise); returns its id.

    `flow` is None for a case whose flow is no longer shipped: it still takes notes, under the
    role as given. The text is saved exactly as typed, never logged.
    """
    if kind not in NOTE_KINDS:
        raise NoteRefused(kind)
    if not text.strip():
        raise NoteRefused("empty")
    role = check_role(flow, author_role) if flow is not None else author_role or "beroepskracht"
    return store.add_note(
        case_id, kind, text, step_id=step_id, author_role=role, for_record=for_record
    )
