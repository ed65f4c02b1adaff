"""Retention: each flow's term, a case's clock start, `due`/`list` marks, `meldcode purge`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from export_case import PASSPHRASE, StoredCase
from test_cli_export import run

from meldcode_tui.flow import get_flow
from meldcode_tui.store import Store

BEFORE = {"MELDCODE_NOW": "2025-06-30T12:00"}
AFTER = {"MELDCODE_NOW": "2025-07-02T12:00"}


def _closed_case(path: Path, title: str) -> str:
    with Store.open(path, PASSPHRASE) as store:
        case_id = store.new_case("basismodel", title)
        store.update_progress(case_id, status="closed")
    return case_id


def _raw(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@pytest.fixture
def closed(stored: StoredCase) -> tuple[str, str]:
    """Two closed cases: one whose pupil left on 1-7-2023, one with no date yet."""
    left = _closed_case(stored.store_path, "Zorg 7B-01")
    waiting = _closed_case(stored.store_path, "Zorg 7B-02")
    code, out, err = run("retention", left, "--pupil-left", "1-7-2023", env=BEFORE)
    assert code == 0, err
    assert "bewaren tot 1-7-2025 (2 jaar na vertrek van de leerling)" in out
    return left, waiting


def test_school_flows_state_their_retention_and_its_source() -> None:
    for flow_id in ("basismodel", "onderwijs"):
        flow = get_flow(flow_id)
        assert flow.retention is not None
        assert (flow.retention.years, flow.retention.start) == (2, "pupil_left")
        (source,) = [s for s in flow.sources if s.id in flow.retention.sources]
        assert source.url and "poraad.nl" in source.url


def test_list_and_due_show_a_case_past_retention(
    stored: StoredCase, closed: tuple[str, str]
) -> None:
    left, waiting = closed
    code, out, _ = run("list", env=BEFORE)
    assert code == 0 and "bewaartermijn verstreken" not in out
    code, out, _ = run("list", env=AFTER)
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "bewaartermijn verstreken" in lines[left]
    assert "bewaartermijn verstreken" not in lines[waiting]
    # An open case is still being worked on: never past retention, however long ago.
    code, out, _ = run("retention", stored.case_id, "--pupil-left", "1-1-2020", env=AFTER)
    assert code == 0 and "bewaren tot 1-1-2022" in out and "verstreken" not in out
    assert "bewaartermijn verstreken" not in lines[stored.case_id]
    code, out, _ = run("due", env=AFTER)
    assert code == 0 and f"{left}  bewaartermijn verstreken op 1-7-2025" in out
    code, out, _ = run("retention", waiting, env=AFTER)
    assert "de termijn loopt nog niet" in out
    # The organisation's own term overrides the flow's.
    code, out, _ = run("list", env={**AFTER, "MELDCODE_RETENTION_YEARS": "5"})
    assert "bewaartermijn verstreken" not in out


def test_purge_names_each_case_asks_and_leaves_no_trace_in_file_or_wal(
    stored: StoredCase, closed: tuple[str, str]
) -> None:
    left, waiting = closed
    with sqlite3.connect(stored.store_path) as conn:
        (sealed,) = conn.execute("SELECT case_key FROM cases WHERE id = ?", (left,)).fetchone()
    assert sealed in _raw(stored.store_path)
    # Without a terminal and without --yes: named, refused, nothing shredded.
    code, out, err = run("purge", env=AFTER)
    assert code == 2 and left in out and "--yes" in err
    # A wrong answer shreds nothing either.
    result = run("purge", env=AFTER, input="nee\n")
    assert result[0] == 1 and "niets vernietigd" in result[1]
    assert left in run("list", env=AFTER)[1]
    code, out, err = run("purge", env=AFTER, input="vernietig\n")
    assert code == 0, err
    assert f"{left}  Zorg 7B-01  (bewaren tot 1-7-2025)" in out
    assert f"vernietigd: {left}" in out and waiting not in out
    code, out, _ = run("list", env=AFTER)
    assert left not in out and waiting in out and stored.case_id in out
    assert sealed not in _raw(stored.store_path)
    with Store.open(stored.store_path, PASSPHRASE) as store:
        events = store.audit()
        # The shredded case leaves no line under its id, only an anonymous shred entry.
        assert [e for e in events if e.case_id == left] == []
        assert (events[-1].case_id, events[-1].event) == (None, "case_shredded")
        assert store.verify() == []
    assert run("purge", "--yes", env=AFTER)[1].startswith("geen afgesloten casussen")


def test_bad_dates_and_settings_are_one_clear_line(stored: StoredCase) -> None:
    code, _, err = run("retention", stored.case_id, "--pupil-left", "31-2-2025")
    assert code == 2 and "geen datum" in err and "Traceback" not in err
    code, _, err = run("list", env={"MELDCODE_RETENTION_YEARS": "veel"})
    assert code == 2 and "MELDCODE_RETENTION_YEARS" in err


def test_a_leap_day_term_ends_on_the_28th_and_dates_read_dutch_or_iso() -> None:
    from datetime import date

    from meldcode_tui.retention import add_years, parse_day

    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert parse_day("7-1-2026") == parse_day("2026-01-07") == date(2026, 1, 7)
    with pytest.raises(ValueError):
        parse_day("7-1-26")
