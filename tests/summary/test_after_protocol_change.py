"""After a case moved to another protocol: role ids in words, and what was recorded under the
earlier protocol still in the record and the timeline (findings of a walk at 80x24)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from meldcode_tui.casework import start_case
from meldcode_tui.casework.flow_change import change_flow
from meldcode_tui.cli import app
from meldcode_tui.flow.registry import get_flow
from meldcode_tui.flow.roles import role_words
from meldcode_tui.store import Store

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
PASSPHRASE = "vier fictieve losse woorden"


def test_a_role_of_another_protocol_is_named_in_words() -> None:
    primary = get_flow("primair-onderwijs")
    assert "alle_medewerkers" not in primary.roles
    assert role_words(primary, "alle_medewerkers", "nl").startswith("alle medewerkers van school")
    assert role_words(None, "onbekende_rol", "nl") == "onbekende rol"


def test_exports_after_a_protocol_change_name_roles_in_words(tmp_path: Path) -> None:
    path = tmp_path / "s.meldcode"
    store, _ = Store.create(path, PASSPHRASE, recovery=False)
    with store:
        case_id, _ = start_case(store, "onderwijs", "F rollen", now=NOW)
        store.add_note(
            case_id, "feit", "Fictieve notitie.", step_id="signalen", author_role="alle_medewerkers"
        )
        change_flow(store, case_id, "primair-onderwijs", "basisschool", now=NOW)
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    base = ["--store", str(path), "--passphrase-file", str(secret)]
    for layer in ("record", "full"):
        out = tmp_path / f"{layer}.txt"
        result = CliRunner().invoke(
            app, [*base, "export", case_id, "--layer", layer, "-o", str(out)]
        )
        assert result.exit_code == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        assert "Fictieve notitie." in text
        assert "alle_medewerkers" not in text, layer


def test_information_shared_stays_in_the_chronology_after_a_protocol_change(
    tmp_path: Path,
) -> None:
    """A ledger of what information left the school, recorded under the earlier protocol, is
    still in the timeline (a walk found it gone from F12 and the export's chronology)."""
    from meldcode_tui.casework.chronology import build_chronology
    from meldcode_tui.flow import evaluate

    entry = {
        "met_wie": "J. Bakker, intern begeleider (fictief)",
        "wat": "zorgen",
        "wanneer": "2026-11-18",
        "grond": "meldrecht",
        "doelbinding": True,
        "proportionaliteit": True,
        "subsidiariteit": True,
        "betrokkene_geinformeerd": "nee_veiligheid",
    }
    store, _ = Store.create(tmp_path / "s.meldcode", PASSPHRASE, recovery=False)
    with store:
        case_id, _ = start_case(
            store, "onderwijs", "F delen", {"informatiedeling": [entry]}, now=NOW
        )
        change_flow(store, case_id, "primair-onderwijs", "basisschool", now=NOW)
        case = store.get_case(case_id)
    flow = get_flow("primair-onderwijs")
    items = build_chronology(flow, case, evaluate(flow, case.answers, now=NOW), "nl")
    shared = [i for i in items if i.kind == "ledger"]
    assert len(shared) == 1
    assert "eerdere protocol" in shared[0].what and "J. Bakker" in shared[0].detail
    assert shared[0].at.date().isoformat() == "2026-11-18"


def test_the_full_export_reads_an_earlier_protocols_answer_with_its_question(
    tmp_path: Path,
) -> None:
    entry = {
        "met_wie": "J. Bakker, intern begeleider (fictief)",
        "wat": "zorgen",
        "wanneer": "2026-11-18",
        "grond": "meldrecht",
        "doelbinding": True,
        "proportionaliteit": True,
        "subsidiariteit": True,
        "betrokkene_geinformeerd": "nee_veiligheid",
    }
    path = tmp_path / "s.meldcode"
    store, _ = Store.create(path, PASSPHRASE, recovery=False)
    with store:
        case_id, _ = start_case(
            store, "onderwijs", "F delen", {"informatiedeling": [entry]}, now=NOW
        )
        change_flow(store, case_id, "primair-onderwijs", "basisschool", now=NOW)
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    out = tmp_path / "full.txt"
    result = CliRunner().invoke(
        app,
        [
            *("--store", str(path), "--passphrase-file", str(secret)),
            *("export", case_id, "--layer", "full", "-o", str(out)),
        ],
    )
    assert result.exit_code == 0, result.stderr
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "J. Bakker" in text and "18-11-2026" in text
    for raw in ("grond: meldrecht", "doelbinding: True", "2026-11-18", "informatiedeling"):
        assert raw not in text, raw
    assert "ander protocol is overgezet" in text


def test_the_chronology_names_the_protocols_of_a_change(tmp_path: Path) -> None:
    from meldcode_tui.casework.chronology import build_chronology
    from meldcode_tui.flow import evaluate

    store, _ = Store.create(tmp_path / "s.meldcode", PASSPHRASE, recovery=False)
    with store:
        case_id, _ = start_case(store, "onderwijs", "F wissel", now=NOW)
        change_flow(store, case_id, "primair-onderwijs", "basisschool", now=NOW)
        case = store.get_case(case_id)
    flow = get_flow("primair-onderwijs")
    items = build_chronology(flow, case, evaluate(flow, case.answers, now=NOW), "nl")
    changed = next(i for i in items if i.kind == "flow_changed")
    assert get_flow("onderwijs").title.get("nl") in changed.what
    assert flow.title.get("nl") in changed.what
    assert "primair-onderwijs" not in changed.what
