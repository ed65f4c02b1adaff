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
    assert "bewaren tot 1-7-2025 (2 jaar na vertrek van het kind van school of opvang)" in out
    return left, waiting


def test_school_flows_state_their_retention_and_its_source() -> None:
    for flow_id in ("basismodel", "onderwijs"):
        flow = get_flow(flow_id)
        assert flow.retention is not None
        assert (flow.retention.years, flow.retention.start) == (2, "pupil_left")
        (source,) = [s for s in flow.sources if s.id in flow.retention.sources]
        assert source.url and "poraad.nl" in source.url


# Each flow's term, its start and the host of its source: a flow without a rule states why it
# picked its term (flows/*.toml, [retention] comments; docs/EXPORT.md, "Retention").
TERMS = {
    "basismodel": (2, "pupil_left", "poraad.nl"),
    "onderwijs": (2, "pupil_left", "poraad.nl"),
    "primair-onderwijs": (2, "pupil_left", "poraad.nl"),
    "kinderopvang": (2, "pupil_left", "poraad.nl"),
    "api-integriteit": (10, "case_closed", "kindengezin.be"),
    "kindveiligheid": (25, "case_closed", "dataprotection.education"),
    "safeguarding": (25, "case_closed", "dataprotection.education"),
}


def test_every_shipped_flow_states_its_retention_with_a_source() -> None:
    from meldcode_tui.flow.registry import shipped_flows

    assert set(shipped_flows()) == set(TERMS)
    for flow_id, (years, start, host) in TERMS.items():
        rule = get_flow(flow_id).retention
        assert rule is not None, flow_id
        assert (rule.years, rule.start) == (years, start), flow_id
        urls = [s.url or "" for s in get_flow(flow_id).sources if s.id in rule.sources]
        assert urls and all(urls) and host in urls[0], flow_id


def test_a_closed_safeguarding_case_is_kept_25_years_from_its_closing(stored: StoredCase) -> None:
    with Store.open(stored.store_path, PASSPHRASE) as store:
        case_id = store.new_case("safeguarding", "Zorg SG-01")
        store.update_progress(case_id, status="closed")
    code, out, _ = run("retention", case_id, env=BEFORE)
    assert code == 0 and "25 jaar na het afsluiten van de casus" in out, out
    assert case_id not in run("due", env={"MELDCODE_NOW": "2049-01-01T12:00"})[1]


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
        # One line that a case was shredded, with neither its id nor its history.
        assert [e for e in store.audit() if e.case_id == left] == []
        assert [e.event for e in store.audit()].count("case_shredded") == 1
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
