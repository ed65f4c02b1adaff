"""How `meldcode show` prints corrections: earlier versions and withdrawals, never hidden."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from meldcode_tui.dates import show_date
from meldcode_tui.i18n import t

if TYPE_CHECKING:  # `meldcode --help` loads no store (tests/test_import_hygiene.py)
    from meldcode_tui.store.records import Case, EntryFix, Note, Revision
    from meldcode_tui.summary.ledger_history import EntryMark, EntryVersion, LedgerHistory


def _history(case: Case, question_id: str, current: Any) -> LedgerHistory:
    from meldcode_tui.summary.ledger_history import ledger_history

    return ledger_history(case.history, question_id, current)


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def mark(key: str, revision: Revision | EntryMark) -> str:
    """'gecorrigeerd op 7-1-2026 door mentor, reden: ...' (key: corrected_mark/withdrawn_mark)."""
    line = t(f"corrections.{key}", date=show_date(revision.at), role=revision.author_role)
    if revision.reason:
        line += ", " + t("corrections.reason", reason=revision.reason)
    return line


def revision_json(revision: Revision | EntryMark, text: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "at": _iso(revision.at),
        "role": revision.author_role,
        "reason": revision.reason,
    }
    if text:
        out["text"] = text
    return out


def note_revisions_json(note: Note) -> dict[str, Any]:
    """The note's earlier versions (oldest first) and its withdrawal, for `show --json`."""
    return {
        "earlier": [revision_json(r, r.text) for r in note.earlier],
        "withdrawn": revision_json(note.withdrawn) if note.withdrawn else None,
    }


def note_revision_lines(note: Note) -> list[str]:
    lines: list[str] = []
    if note.withdrawn is not None:
        lines.append(mark("withdrawn_mark", note.withdrawn))
    for revision in reversed(note.earlier):
        lines.append(mark("corrected_mark", revision))
        lines.append("  " + t("corrections.earlier_text", text=revision.text))
    return lines


def fix_json(fix: EntryFix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {"op": fix.op, "entry": fix.entry + 1, "reason": fix.reason}


def _version_json(v: EntryVersion) -> dict[str, Any]:
    out = {"entry": v.entry, **revision_json(v.revision)}
    if v.earlier:
        out["earlier"] = [_version_json(x) for x in v.earlier]
    return out


def ledger_questions(case: Case) -> list[str]:
    """Every question whose answer history holds a ledger list, in the order first seen."""
    seen: dict[str, None] = {}
    for change in case.history:
        for value in (change.value, change.previous):
            if isinstance(value, list) and value and all(isinstance(e, dict) for e in value):
                seen.setdefault(change.question_id, None)
    return list(seen)


def ledger_corrections_json(case: Case) -> list[dict[str, Any]]:
    """Per ledger question: each current entry's earlier versions, and the withdrawn entries."""
    out = []
    for qid in ledger_questions(case):
        found = _history(case, qid, case.answers.get(qid))
        if not found.withdrawn and not any(found.earlier):
            continue
        out.append(
            {
                "question": qid,
                "entries": [
                    {"entry": i + 1, "earlier": [_version_json(v) for v in versions]}
                    for i, versions in enumerate(found.earlier)
                    if versions
                ],
                "withdrawn": [_version_json(v) for v in found.withdrawn],
            }
        )
    return out


def ledger_lines(
    case: Case, question_id: str, entries: list[Any], text: Callable[[Any], str]
) -> list[str]:
    """A ledger answer entry by entry, numbered as --correct-entry takes them, with history."""
    found = _history(case, question_id, entries)
    lines: list[str] = []
    for i, entry in enumerate(entries):
        lines.append(t("corrections.entry_line", n=i + 1, text=text(entry)))
        for version in reversed(found.earlier[i] if i < len(found.earlier) else ()):
            lines.append("   " + mark("corrected_mark", version.revision))
            lines.append("     " + t("corrections.earlier_text", text=text(version.entry)))
    lines.extend(withdrawn_lines(case, question_id, text))
    return lines


def withdrawn_lines(case: Case, question_id: str, text: Callable[[Any], str]) -> list[str]:
    found = _history(case, question_id, case.answers.get(question_id))
    lines: list[str] = []
    for version in found.withdrawn:
        lines.append(t("corrections.withdrawn_entry", text=text(version.entry)))
        lines.append("   " + mark("withdrawn_mark", version.revision))
        for older in reversed(version.earlier):
            lines.append("   " + mark("corrected_mark", older.revision))
            lines.append("     " + t("corrections.earlier_text", text=text(older.entry)))
    return lines
