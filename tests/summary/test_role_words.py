"""Role ids never reach a screen or an export raw, also after a case moved to another protocol
(a walk found `alle_medewerkers` in the record text meant for the pupil's file)."""

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
