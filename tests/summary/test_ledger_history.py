"""What became of each ledger entry, read from the answer history: every earlier version and
every withdrawn entry is found again, whatever order the changes came in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from meldcode_tui.store.records import AnswerChange, EntryFix
from meldcode_tui.summary.ledger_history import ledger_history

T0 = datetime(2026, 1, 7, 9, 0, tzinfo=UTC)


def _change(n: int, before: list[Any], after: list[Any], fix: EntryFix | None) -> AnswerChange:
    return AnswerChange(
        "log", after or None, before or None, "mentor", T0 + timedelta(minutes=n), not after, fix
    )


def test_a_correction_and_a_withdrawal_are_told_apart() -> None:
    a, b, b2 = {"w": "a"}, {"w": "b"}, {"w": "b2"}
    history = [
        _change(0, [], [a], None),
        _change(1, [a], [a, b], None),
        _change(2, [a, b], [a, b2], EntryFix("corrected", 1, "typo")),
        _change(3, [a, b2], [b2], EntryFix("withdrawn", 0, "dubbel")),
    ]
    found = ledger_history(history, "log", [b2])
    assert [[v.entry for v in e] for e in found.earlier] == [[b]]
    assert found.corrected(0) is not None and found.corrected(0).reason == "typo"  # type: ignore[union-attr]
    assert [(v.entry, v.revision.reason) for v in found.withdrawn] == [(a, "dubbel")]


def test_a_plain_removal_from_before_reasons_is_still_shown_as_withdrawn() -> None:
    a, b = {"w": "a"}, {"w": "b"}
    history = [_change(0, [], [a, b], None), _change(1, [a, b], [b], None)]
    found = ledger_history(history, "log", [b])
    assert [v.entry for v in found.withdrawn] == [a]
    assert found.earlier == ((),)


@given(st.lists(st.tuples(st.sampled_from(["add", "fix", "drop"]), st.integers(0, 20))))
def test_nothing_is_lost(ops: list[tuple[str, int]]) -> None:
    """Every entry that ever stood in the list is either in it now, an earlier version of one
    that is, or withdrawn: the history never lets one disappear."""
    current: list[dict[str, Any]] = []
    history: list[AnswerChange] = []
    ever: list[dict[str, Any]] = []
    for n, (op, pick) in enumerate(ops):
        before = list(current)
        fix = None
        if op == "add" or not current:
            current = [*current, {"w": f"e{n}"}]
        elif op == "fix":
            i = pick % len(current)
            current[i] = {"w": f"e{n}"}
            fix = EntryFix("corrected", i, "")
        else:
            i = pick % len(current)
            current = current[:i] + current[i + 1 :]
            fix = EntryFix("withdrawn", i, "r")
        ever += [e for e in current if e not in ever]
        history.append(_change(n, before, list(current), fix))
    found = ledger_history(history, "log", current)
    assert len(found.earlier) == len(current)
    kept = [*current, *(v.entry for e in found.earlier for v in e)]
    kept += [x.entry for v in found.withdrawn for x in (v, *v.earlier)]
    assert all(e in kept for e in ever)
    assert len(kept) == len(ever)
