"""Pseudonym rules, a case with 500 notes, and layers of notes outside any step."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from export_case import NOW, Opened

from meldcode_tui.flow import evaluate
from meldcode_tui.store.records import Note
from meldcode_tui.summary import FORMATS, build_summary, initials, marked_names, render
from meldcode_tui.summary.pseudonym import Pseudonymiser


def test_initials() -> None:
    assert initials("Emma de Boer") == "E.d.B."
    assert initials("Anne-Marie Ïsmaël") == "A.-M.Ï."
    assert initials("Noëlle") == "N."


def test_marked_names_longest_first_and_deduplicated() -> None:
    names = marked_names(["[[Jan]] zag [[Jan  de Vries]]", "en [[Jan de Vries]] opnieuw", "[[]]"])
    assert names == ["Jan de Vries", "Jan"]


def test_pseudonymiser_whole_words_only() -> None:
    p = Pseudonymiser(["Roos Jansen", "Jan"], enabled=True)
    text = "[[Roos Jansen]] gaf Jan een roos; Janssen en Roos Jansen kwamen ook."
    assert p(text) == "R.J. gaf J. een roos; Janssen en R.J. kwamen ook."
    off = Pseudonymiser(["Roos Jansen"], enabled=False)
    assert off("[[Roos Jansen]] en Roos") == "Roos Jansen en Roos"


def test_500_notes_export_in_every_format(opened: Opened) -> None:
    start = datetime(2025, 3, 5, 10, tzinfo=UTC)
    kinds = ("feit", "interpretatie", "bron")
    steps = [s.id for s in opened.flow.steps] + [None]
    notes = [
        Note(
            id=f"n{i:04d}",
            kind=kinds[i % 3],  # type: ignore[arg-type]
            text=f"Notitie {i}: feitelijke waarneming met ë, é en ï, nummer {i}. " * 3,
            step_id=steps[i % len(steps)],
            author_role="mentor",
            created_at=start + timedelta(minutes=i),
            for_record=i % 2 == 0,
        )
        for i in range(500)
    ]
    case = replace(opened.case, notes=notes)
    evaluation = evaluate(opened.flow, case.answers, now=NOW)
    full = build_summary(
        opened.flow, case, evaluation, opened.audit, layer="full", now=NOW, pseudonymise=False
    )
    t0 = time.perf_counter()
    out = {fmt: render(full, fmt) for fmt in FORMATS}
    elapsed = time.perf_counter() - t0
    data = json.loads(out["json"])
    in_steps = sum(
        len(s[k]) for s in data["steps"] for k in ("facts", "interpretations", "sources")
    )
    assert in_steps + len(data["general_notes"]) == 500
    for i in (0, 1, 2, 250, 499):
        assert f"Notitie {i}: " in out["txt"].decode()
        assert f"Notitie {i}: " in out["md"].decode()
    assert out["pdf"].startswith(b"%PDF")
    assert elapsed < 60, elapsed
    # The record layer drops exactly the unmarked interpretations (odd i with i % 3 == 1).
    record = build_summary(opened.flow, case, evaluation, opened.audit, layer="record", now=NOW)
    withheld = sum(1 for i in range(500) if i % 3 == 1 and i % 2 == 1)
    # ... plus the fixture's unticked answers to questions that invite an opinion.
    answers = sum(1 for w in record.withheld if w.reason == "interpretation")
    assert answers == 4
    assert record.withheld_interpretations == withheld + answers
    assert "Notitie 1: " not in render(record, "txt").decode()
    assert "Notitie 4: " in render(record, "txt").decode()
