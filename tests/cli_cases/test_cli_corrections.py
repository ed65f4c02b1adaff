"""`meldcode note --correct/--withdraw` and `meldcode answer --correct-entry/--withdraw-entry`:
the change is made, the earlier version stays and `show` says who changed it when and why."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from cli_helpers import PASSPHRASE, init_store, ok, one_line_error, run
from lifecycle_answers import BASE, Q1

from meldcode_tui.dates import show_date
from meldcode_tui.store import Store

ENTRY = """
met_wie = "{who}"
wat = "zorgen over thuis"
wanneer = "3-11-2026"
grond = "toestemming"
doelbinding = true
proportionaliteit = true
subsidiariteit = true
betrokkene_geinformeerd = "ja"
"""


def _case_with_ledger(tmp_path: Path) -> str:
    init_store()
    answers = tmp_path / "a.toml"
    body = ENTRY.format(who="A. Jansen, IB'er") + "\n"
    answers.write_text(
        'client_type = "kind"\n'
        + "[[informatiedeling]]"
        + body
        + "[[informatiedeling]]"
        + ENTRY.format(who="B. de Vries, GGD"),
        encoding="utf-8",
    )
    return ok("new", "--flow", "basismodel", "--answers", str(answers)).strip()


def _show_json(case_id: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(ok("show", case_id, "--json"))
    return data


def test_a_corrected_note_keeps_its_earlier_text(store_path: Path) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel").strip()
    ok("note", case_id, "Kwam te laat op dinsdag", "--kind", "feit")
    note_id = _show_json(case_id)["notes"][0]["id"]  # type: ignore[index]
    out = ok("note", case_id, "--correct", note_id, "Kwam te laat op woensdag", "--reason", "dag")
    assert note_id in out
    shown = ok("show", case_id)
    assert "Kwam te laat op woensdag" in shown
    # The store dates a correction by the computer's clock, shown as people write dates.
    today = show_date(datetime.now(UTC))
    assert f"gecorrigeerd op {today} door beroepskracht, reden: dag" in shown
    assert "eerdere versie: Kwam te laat op dinsdag" in shown
    (note,) = _show_json(case_id)["notes"]  # type: ignore[misc]
    assert note["text"] == "Kwam te laat op woensdag"
    assert [e["text"] for e in note["earlier"]] == ["Kwam te laat op dinsdag"]
    with Store.open(store_path, PASSPHRASE) as store:
        events = [e.event for e in store.audit() if e.case_id == case_id]
        assert store.verify() == []
    assert events[-1] == "note_corrected"


def test_a_withdrawn_note_stays_with_its_reason(store_path: Path) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel").strip()
    ok("note", case_id, "Verkeerde leerling", "--kind", "feit")
    note_id = _show_json(case_id)["notes"][0]["id"]  # type: ignore[index]
    # No reason: refused, nothing changed.
    assert "--reason" in one_line_error(run("note", case_id, "--withdraw", note_id))
    ok("note", case_id, "--withdraw", note_id, "--reason", "hoort bij een ander dossier")
    shown = ok("show", case_id)
    assert "Verkeerde leerling" in shown
    assert "ingetrokken op" in shown and "hoort bij een ander dossier" in shown
    (note,) = _show_json(case_id)["notes"]  # type: ignore[misc]
    assert note["withdrawn"]["reason"] == "hoort bij een ander dossier"
    # Withdrawn once is enough; a correction of a withdrawn note is refused too.
    one_line_error(run("note", case_id, "--withdraw", note_id, "--reason", "nog eens"))
    one_line_error(run("note", case_id, "--correct", note_id, "nieuw"))
    with Store.open(store_path, PASSPHRASE) as store:
        events = [e.event for e in store.audit() if e.case_id == case_id]
    assert events.count("note_withdrawn") == 1


def test_note_corrections_are_refused_with_one_line() -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel").strip()
    assert "bestaatniet" in one_line_error(
        run("note", case_id, "--correct", "bestaatniet", "tekst")
    )
    one_line_error(run("note", case_id, "--correct", "x"))  # no new text
    one_line_error(run("note", case_id))  # neither a new note nor a correction


def test_a_ledger_entry_is_corrected_and_withdrawn_with_history(
    tmp_path: Path, store_path: Path
) -> None:
    case_id = _case_with_ledger(tmp_path)
    entry = tmp_path / "e.toml"
    entry.write_text(ENTRY.format(who="B. de Vries, jeugdarts GGD"), encoding="utf-8")
    ok(
        "answer",
        case_id,
        "--correct-entry",
        "informatiedeling:2",
        "--entry",
        str(entry),
        "--reason",
        "functie",
    )
    assert "--reason" in one_line_error(
        run("answer", case_id, "--withdraw-entry", "informatiedeling:1")
    )
    ok("answer", case_id, "--withdraw-entry", "informatiedeling:1", "--reason", "dubbel")
    with Store.open(store_path, PASSPHRASE) as store:
        case = store.get_case(case_id)
        events = [e.event for e in store.audit() if e.case_id == case_id]
        assert store.verify() == []
    assert [e["met_wie"] for e in case.answers["informatiedeling"]] == [
        "B. de Vries, jeugdarts GGD"
    ]
    assert events[-2:] == ["entry_corrected", "entry_withdrawn"]
    shown = ok("show", case_id)
    assert "1. " in shown and "jeugdarts" in shown
    assert "eerdere versie:" in shown and "reden: functie" in shown
    assert "ingetrokken regel:" in shown and "A. Jansen" in shown and "reden: dubbel" in shown
    (fixes,) = _show_json(case_id)["ledger_corrections"]  # type: ignore[misc]
    assert fixes["entries"][0]["earlier"][0]["entry"]["met_wie"] == "B. de Vries, GGD"
    assert fixes["withdrawn"][0]["entry"]["met_wie"] == "A. Jansen, IB'er"
    # The last entry withdrawn: the answer is gone, what it held is still shown.
    ok("answer", case_id, "--withdraw-entry", "informatiedeling:1", "--reason", "fout dossier")
    shown = ok("show", case_id)
    assert "jeugdarts" in shown and "fout dossier" in shown


def test_ledger_entry_refusals_change_nothing(tmp_path: Path, store_path: Path) -> None:
    case_id = _case_with_ledger(tmp_path)
    with Store.open(store_path, PASSPHRASE) as store:
        before = len(store.get_case(case_id).history)
    bad = tmp_path / "bad.toml"
    bad.write_text('met_wie = "X"\n', encoding="utf-8")
    for args in (
        ("--withdraw-entry", "informatiedeling", "--reason", "r"),
        ("--withdraw-entry", "informatiedeling:9", "--reason", "r"),
        ("--withdraw-entry", "client_type:1", "--reason", "r"),
        ("--correct-entry", "informatiedeling:1"),
        ("--correct-entry", "informatiedeling:1", "--entry", str(bad)),
    ):
        one_line_error(run("answer", case_id, *args))
    with Store.open(store_path, PASSPHRASE) as store:
        assert len(store.get_case(case_id).history) == before


def test_a_closed_case_takes_no_correction(tmp_path: Path) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel").strip()
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({**BASE, Q1: False}), encoding="utf-8")
    ok("answer", case_id, "--answers", str(answers))
    ok("note", case_id, "Een feit", "--kind", "feit")
    note_id = _show_json(case_id)["notes"][0]["id"]  # type: ignore[index]
    ok("close", case_id)
    line = one_line_error(run("note", case_id, "--correct", note_id, "Ander feit"))
    assert "reopen" in line
    one_line_error(run("note", case_id, "--withdraw", note_id, "--reason", "weg"))
    assert _show_json(case_id)["notes"][0]["text"] == "Een feit"  # type: ignore[index]
