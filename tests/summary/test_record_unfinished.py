"""The record of a case still at its start: no block for the steps not yet reached."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_case import ANSWERS, NOW, PASSPHRASE, SetClock

from meldcode_tui.flow import evaluate, get_flow
from meldcode_tui.store import Store
from meldcode_tui.summary import build_summary, render
from meldcode_tui.summary.presets import export_bytes


def _record(tmp_path: Path, upto: str, layer: str = "record", preset: str | None = None) -> str:
    """The txt summary (or a preset) of a case answered up to (not including) question `upto`."""
    clock = SetClock(ANSWERS[0][0])
    store, _ = Store.create(tmp_path / "c.meldcode", PASSPHRASE, recovery=False, clock=clock)
    try:
        case_id = store.new_case("basismodel", "Zorg om groep 7", author_role="beroepskracht")
        for when, qid, value, role in ANSWERS:
            if qid == upto:
                break
            clock.now = when
            store.set_answer(case_id, qid, value, author_role=role)
        case = store.get_case(case_id)
        flow = get_flow("basismodel")
        ev = evaluate(flow, case.answers, now=NOW)
        if preset is not None:
            data = export_bytes(
                flow, case, ev, store.audit(), fmt="txt", preset=preset, layer="record", now=NOW
            )
        else:
            summary = build_summary(flow, case, ev, store.audit(), layer=layer, now=NOW)  # type: ignore[arg-type]
            data = render(summary, "txt")
        return re.sub(r"\s+", " ", data.decode("utf-8"))
    finally:
        store.close()


def test_steps_not_reached_have_no_block_in_the_record(tmp_path: Path) -> None:
    # Step 1 answered; step 2 is where the case is, with nothing recorded yet.
    text = _record(tmp_path, upto="consultatie_met")
    assert "Stap 1: Signalen in kaart brengen" in text
    assert "Stap 2: Collegiale consultatie" in text
    assert "Status: bezig" in text
    for later in ("Stap 3: Gesprek", "Stap 4: Weeg", "Stap 5: Beslissen"):
        assert later not in text
    assert "nog niet aan toe" not in text
    # The step on screen names who is responsible as people say it, not the flow's gloss.
    assert "Datum; vastgelegd door: -; beroepskracht, aandachtsfunctionaris" in text
    assert "(bijv. mentor, docent)" not in text
    assert "huiselijk geweld en kindermishandeling" not in text.split("STAPPEN")[1]


def test_the_full_layer_still_shows_every_step(tmp_path: Path) -> None:
    text = _record(tmp_path, upto="consultatie_met", layer="full")
    assert "Stap 5: Beslissen" in text and "nog niet aan toe" in text
    assert "Verantwoordelijk volgens protocol: beroepskracht (bijv. mentor, docent)" in text


FEEDBACK = (
    "Terugkoppeling van Veilig Thuis (veiligheidsbeoordeling binnen 5 werkdagen na de melding)"
)


@pytest.mark.parametrize(
    ("layer", "preset"), [("record", None), ("full", None), ("record", "magister")]
)
def test_each_deadline_has_its_own_label(tmp_path: Path, layer: str, preset: str | None) -> None:
    # Reported on 5-3-2025 (a Wednesday), no feedback yet: Veilig Thuis's five working days
    # run out before the monitoring date, and are not called the monitoring date.
    text = _record(tmp_path, upto="vt_terugkoppeling_datum", layer=layer, preset=preset)
    assert f"{FEEDBACK}: 12-3-2025" in text
    assert "Vraag 5 opnieuw beantwoorden (monitoringsdatum): 2-6-2025" in text
    assert "Monitoringsdatum" not in text
