"""Corrections and the chronology in the export: the full layer keeps every earlier version
and lists what happened by date; the record layer (what a parent may read) shows only the
current version, without withdrawn notes or entries."""

from __future__ import annotations

from export_case import CHILD, NOW, Opened

from meldcode_tui.casework.chronology import build_chronology
from meldcode_tui.flow import evaluate
from meldcode_tui.store.records import EntryFix
from meldcode_tui.summary import build_summary, render

ENTRY = {
    "met_wie": "A. Jansen, IB'er",
    "wat": "zorgen",
    "wanneer": "2025-03-04",
    "grond": "toestemming",
    "doelbinding": True,
    "proportionaliteit": True,
    "subsidiariteit": True,
    "betrokkene_geinformeerd": "nee_veiligheid",
}


def _corrected(opened: Opened) -> Opened:
    store, case = opened.store, opened.case
    cid = case.summary.id
    fact, general = case.notes[0], case.notes[-1]
    store.revise_note(
        cid, fact.id, text=f"Blauwe plek bij [[{CHILD}]] (verbeterd)", author_role="mentor"
    )
    store.revise_note(cid, general.id, text=None, author_role="mentor", reason="fout dossier")
    store.set_answer(cid, "informatiedeling", [ENTRY, {**ENTRY, "met_wie": "B. Bos, GGD"}])
    store.save_entry_fix(
        cid,
        "informatiedeling",
        [{**ENTRY, "met_wie": "B. Bos, GGD"}],
        EntryFix("withdrawn", 0, "dubbel ingevoerd"),
        author_role="mentor",
    )
    fresh = store.get_case(cid)
    return Opened(
        store, opened.flow, fresh, evaluate(opened.flow, fresh.answers, now=NOW), store.audit()
    )


def _text(o: Opened, layer: str, fmt: str = "txt") -> str:
    summary = build_summary(
        o.flow,
        o.case,
        o.evaluation,
        o.audit,
        layer=layer,  # type: ignore[arg-type]
        now=NOW,
        chronology=build_chronology(o.flow, o.case, o.evaluation, "nl"),
    )
    return render(summary, fmt).decode("utf-8")  # type: ignore[arg-type]


def test_the_full_layer_keeps_every_version(opened: Opened) -> None:
    before_text = opened.case.notes[0].text
    general = opened.case.notes[-1].text
    o = _corrected(opened)
    full = _text(o, "full")
    assert "CORRECTIES EN INTREKKINGEN" in full
    assert "(verbeterd)" in full and "gecorrigeerd op" in full
    # The withdrawn note's text is still there, with its reason: under corrections only.
    assert "fout dossier" in full
    flat = " ".join(full.split())
    assert " ".join(general.split())[:40] in flat
    assert " ".join(before_text.split())[:40].replace(f"[[{CHILD}]]", "N.v.d.B.") in flat
    assert "A. Jansen" in flat and "dubbel ingevoerd" in flat
    # The names are initials here as everywhere in the export.
    assert CHILD not in full
    assert "CHRONOLOGIE" in full


def test_the_record_layer_shows_only_the_current_version(opened: Opened) -> None:
    general = opened.case.notes[-1].text
    o = _corrected(opened)
    record = _text(o, "record")
    flat = " ".join(record.split())
    assert "(verbeterd)" in flat
    assert "CORRECTIES" not in record and "CHRONOLOGIE" not in record
    assert "gecorrigeerd" not in record and "fout dossier" not in record
    assert " ".join(general.split())[:40] not in flat
    assert "A. Jansen" not in flat and "B. Bos" in flat


def test_the_json_export_has_the_chronology_in_date_order(opened: Opened) -> None:
    import json

    o = _corrected(opened)
    data = json.loads(_text(o, "full", "json"))
    days = [c["at"][:10] for c in data["chronology"]]
    assert days == sorted(days)
    kinds = {c["kind"] for c in data["chronology"]}
    assert {"event", "ledger", "note", "corrected", "withdrawn", "created"} <= kinds
    assert {k["kind"] for k in data["corrections"]} == {"corrected", "withdrawn"}
    assert json.loads(_text(o, "record", "json"))["chronology"] == []
