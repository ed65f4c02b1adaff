"""Fictitious stores for the benchmarks: many cases with notes, and one large case.

Everything here is invented (numbered pseudonyms, filler text). Writes are grouped into a few
large transactions: with one fsync per change, making 100,000 notes would take minutes, and
the benchmarks time reading and single saves, not how the test data was made.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from meldcode_tui.store import Store
from meldcode_tui.store.writes import _CaseWrite
from meldcode_tui.vault import INSECURE_TEST_ENV

PASSPHRASE = "fictieve bench wachtwoordzin"
FLOW = "basismodel"
NOTE_KINDS = ("feit", "interpretatie", "bron")
# Text questions of the basismodel flow: answering them never moves a case off its path.
TEXT_QUESTIONS = ("signalen_feiten", "consultatie_uitkomst")
BATCH = 500


@contextmanager
def shipped_kdf() -> Iterator[None]:
    """The Argon2id parameters a user's store gets (not the light test ones)."""
    saved = os.environ.pop(INSECURE_TEST_ENV, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[INSECURE_TEST_ENV] = saved


@contextmanager
def one_transaction(store: Store) -> Iterator[None]:
    """Group many writes into one commit (each write is then a savepoint inside it)."""
    with store._op(write=True), store._db.atomic():
        yield


def new_store(path: Path) -> Store:
    with shipped_kdf():
        store, _ = Store.create(path, PASSPHRASE, recovery=False)
    return store


def note_text(i: int) -> str:
    return f"Fictieve notitie {i}: waargenomen op het plein, verteld aan de mentor. " * 3


def add_notes(store: Store, case_id: str, count: int, start: int = 0) -> None:
    """`count` notes in one write of the case, as add_note would store each of them."""
    from meldcode_tui.store import codec

    w: _CaseWrite = store._begin_write(case_id)
    for i in range(start, start + count):
        row_id = codec.new_id(codec.ROW_ID_LENGTH)
        payload = {
            "kind": NOTE_KINDS[i % 3],
            "text": note_text(i),
            "step": None,
            "by": "mentor",
            "rec": i % 2 == 0,
        }
        row = {
            "id": row_id,
            "case_id": case_id,
            "created_at": store._now(),
            "body": w.keys.seal("notes", row_id, case_id, "body", payload),
        }
        store._put_child(w, "notes", row, insert=True)
    store._commit_write(w, "note_added")


def add_cases(store: Store, first: int, last: int, notes_per_case: int) -> None:
    """Cases numbered first..last-1, each with its notes."""
    for start in range(first, last, BATCH):
        with one_transaction(store):
            for n in range(start, min(start + BATCH, last)):
                case_id = store.new_case(FLOW, f"Casus {n:05d} fictief")
                if notes_per_case:
                    add_notes(store, case_id, notes_per_case)


def add_history(store: Store, case_id: str, count: int) -> None:
    """`count` answers in one write of the case, each with its history row, as set_answer does."""
    w: _CaseWrite = store._begin_write(case_id)
    now = store._now()
    for i in range(count):
        question = TEXT_QUESTIONS[i % 2]
        value = f"Fictief antwoord {i}"
        payload = {"q": question, "v": value, "by": "mentor", "at": now}
        previous = store._replace_answer(w, question, payload)
        store._add_history(w, question, value, previous, "mentor", now, cleared=False)
        # Each history row takes the next sequence number, as one commit per answer gives.
        w.manifest["n"] = int(w.manifest.get("n", 0)) + 1
    store._commit_write(w, "answer_set")


def big_case(store: Store, title: str, notes: int, history: int) -> str:
    """One case with `notes` notes and `history` answer-history rows."""
    case_id = store.new_case(FLOW, title)
    with one_transaction(store):
        for start in range(0, notes, 100):
            add_notes(store, case_id, min(100, notes - start), start)
        for start in range(0, history, 500):
            add_history(store, case_id, min(500, history - start))
    return case_id
