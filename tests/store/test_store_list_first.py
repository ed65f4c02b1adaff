"""`Store.list_first`: the first page of the case list without opening every case (issue 16)."""

from __future__ import annotations

from datetime import timedelta

from store_helpers import FakeClock

from meldcode_tui.store import Store


def test_the_newest_and_the_longest_overdue_as_the_whole_list_has_them(
    store: Store, clock: FakeClock
) -> None:
    ids = [store.new_case("basismodel", f"Fictief {n}") for n in range(8)]
    # Two past their limit (the older one longest), one closed past it, one not yet due.
    store.update_progress(ids[1], next_deadline=clock.now - timedelta(days=3))
    store.update_progress(ids[0], next_deadline=clock.now - timedelta(days=1))
    store.update_progress(ids[2], status="closed", next_deadline=clock.now - timedelta(days=9))
    store.update_progress(ids[3], next_deadline=clock.now + timedelta(days=9))
    now = clock.now
    whole = store.list_cases()
    first = store.list_first(now, 2)
    assert first.total == 8
    assert first.late == 2
    # The newest two and both overdue ones, opened as the whole list opens them, in its order.
    newest = [s.id for s in whole[:2]]
    assert {s.id for s in first.summaries} == {*newest, ids[0], ids[1]}
    assert first.summaries == [s for s in whole if s in first.summaries]


def test_an_empty_store_has_an_empty_first_page(store: Store, clock: FakeClock) -> None:
    first = store.list_first(clock.now, 100)
    assert (first.summaries, first.total, first.late) == ([], 0, 0)


def test_more_overdue_than_the_page_counts_them_all_and_opens_the_longest_overdue(
    store: Store, clock: FakeClock
) -> None:
    ids = [store.new_case("basismodel", f"Fictief {n}") for n in range(6)]
    # Four past their limit, by 1, 2, 3 and 4 days; the newest case (ids[5]) is on time.
    for days, case_id in zip((4, 3, 2, 1), ids[:4], strict=True):
        store.update_progress(case_id, next_deadline=clock.now - timedelta(days=days))
    store.update_progress(ids[5], next_deadline=clock.now + timedelta(days=1))
    first = store.list_first(clock.now, 2)
    assert first.late == 4
    newest = [s.id for s in store.list_cases()[:2]]
    # The two newest, and the two longest overdue (4 and 3 days), not the others.
    assert {s.id for s in first.summaries} == {*newest, ids[0], ids[1]}
