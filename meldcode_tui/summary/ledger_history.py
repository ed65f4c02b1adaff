"""What became of each entry of a ledger answer, read from the answer history (pure).

A ledger answer is a list; its history keeps every list it replaced. This walks that history
once and says, per entry of the list as it now is, which earlier versions it had (corrected on
..., by ..., why), and which entries were withdrawn. `show`, the summary, the chronology and the
app all read corrections from here, so they cannot tell different stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the summary knows no SQLite: records are only read here
    from meldcode_tui.store.records import AnswerChange


@dataclass(frozen=True)
class EntryMark:
    """When an entry was corrected or withdrawn, by whom and why."""

    at: datetime
    author_role: str
    reason: str = ""


@dataclass(frozen=True)
class EntryVersion:
    """An entry as it was, and the correction or withdrawal that replaced it."""

    entry: dict[str, Any]
    revision: EntryMark
    # A withdrawn entry keeps the versions it had before it was withdrawn.
    earlier: tuple[EntryVersion, ...] = ()


@dataclass(frozen=True)
class LedgerHistory:
    # One tuple per entry of the current list, oldest version first.
    earlier: tuple[tuple[EntryVersion, ...], ...]
    # Withdrawn entries, in the order they were withdrawn.
    withdrawn: tuple[EntryVersion, ...]

    def corrected(self, index: int) -> EntryMark | None:
        """The latest correction of the current entry at `index` (from 0), or None."""
        if 0 <= index < len(self.earlier) and self.earlier[index]:
            return self.earlier[index][-1].revision
        return None


def _entries(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [e for e in value if isinstance(e, dict)]


def _fit(earlier: list[list[EntryVersion]], size: int) -> None:
    del earlier[size:]
    earlier.extend([] for _ in range(size - len(earlier)))


def _removed_at(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> int | None:
    """Where one entry was taken out of `before` to give `after`, if that is what happened."""
    if len(after) != len(before) - 1:
        return None
    for i in range(len(before)):
        if before[:i] + before[i + 1 :] == after:
            return i
    return None


def ledger_history(
    history: Sequence[AnswerChange], question_id: str, current: Any
) -> LedgerHistory:
    earlier: list[list[EntryVersion]] = []
    withdrawn: list[EntryVersion] = []
    for change in history:
        if change.question_id != question_id:
            continue
        before, after = _entries(change.previous), _entries(change.value)
        _fit(earlier, len(before))
        fix = change.fix
        if fix is not None and 0 <= fix.entry < len(before):
            revision = EntryMark(change.at, change.author_role, fix.reason)
            version = EntryVersion(before[fix.entry], revision)
            if fix.op == "corrected":
                earlier[fix.entry].append(version)
            else:
                withdrawn.append(EntryVersion(version.entry, revision, tuple(earlier[fix.entry])))
                earlier.pop(fix.entry)
        elif after[: len(before)] == before:
            pass  # entries added at the end: _fit below gives them no history
        elif (gone := _removed_at(before, after)) is not None:
            # Removed before withdrawals had a reason: still shown as withdrawn, not lost.
            revision = EntryMark(change.at, change.author_role)
            withdrawn.append(EntryVersion(before[gone], revision, tuple(earlier[gone])))
            earlier.pop(gone)
        else:
            earlier = []  # replaced as a whole (an answers file): no entry to follow
        _fit(earlier, len(after))
    _fit(earlier, len(_entries(current)))
    return LedgerHistory(tuple(tuple(e) for e in earlier), tuple(withdrawn))
