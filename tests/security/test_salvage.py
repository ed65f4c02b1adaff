"""Low 16 (salvage): a store that no longer opens still gives up every case that does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from security_helpers import PASSPHRASE, file_digest, new_case, ok, raw_conn, run

from meldcode_tui.store import SchemaAltered, Store


def test_salvage_copies_what_opens_and_names_what_is_lost(store_path: Path, tmp_path: Path) -> None:
    ok("init", "--no-recovery")
    whole = new_case(tmp_path, "basismodel", {"client_type": "kind"}, title="heel")
    ok("note", whole, "een feit dat blijft", "--kind", "feit")
    keyless = new_case(tmp_path, "basismodel", {}, title="zonder sleutel")
    holed = new_case(tmp_path, "basismodel", {}, title="met gat")
    ok("note", holed, "blijft", "--kind", "feit")
    ok("note", holed, "verdwijnt", "--kind", "feit")
    conn = raw_conn(store_path)
    conn.execute(
        "UPDATE cases SET case_key = X'00' || substr(case_key, 2) WHERE id = ?", (keyless,)
    )
    conn.execute("DELETE FROM notes WHERE rowid = (SELECT MAX(rowid) FROM notes)")
    # And one planted trigger: now the store refuses to open at all.
    conn.execute("CREATE TRIGGER t AFTER INSERT ON notes BEGIN SELECT 1; END")
    conn.close()
    with pytest.raises(SchemaAltered):
        Store.open(store_path, PASSPHRASE)
    before = file_digest(store_path)
    saved = tmp_path / "gered.meldcode"
    result = run("salvage", str(saved))
    assert result.exit_code == 1, result.stderr
    assert "1 casus volledig" in result.stdout and "1 verloren" in result.stdout
    assert keyless in result.stderr
    assert file_digest(store_path) == before  # the damaged store was only read
    listed = json.loads(ok("list", "--json", "--store", str(saved)))
    assert sorted(c["title"] for c in listed) == ["heel", "met gat"]
    ok("verify", "--store", str(saved))
    by_title = {c["title"]: c["id"] for c in listed}
    shown = json.loads(ok("show", by_title["heel"], "--json", "--store", str(saved)))
    assert shown["answers"] == {"client_type": "kind"}
    assert [n["text"] for n in shown["notes"]] == ["een feit dat blijft"]


def test_salvage_never_replaces_anything(store_path: Path, tmp_path: Path) -> None:
    ok("init", "--no-recovery")
    target = tmp_path / "bestaat.meldcode"
    target.write_text("van iemand anders", encoding="utf-8")
    assert run("salvage", str(target)).exit_code == 2
    assert target.read_text(encoding="utf-8") == "van iemand anders"


def test_salvage_keeps_the_answer_history_the_closing_and_the_retention_clock(
    store_path: Path, tmp_path: Path
) -> None:
    ok("init", "--no-recovery")
    case = new_case(tmp_path, "basismodel", {}, title="met geschiedenis")
    with Store.open(store_path, PASSPHRASE) as store:
        store.set_answer(case, "client_type", "kind", author_role="mentor")
        store.set_answer(case, "client_type", "volwassene", author_role="aandachtsfunctionaris")
        store.set_answer(case, "signalen_feiten", "fictief feit", author_role="mentor")
        store.clear_answer(case, "signalen_feiten", author_role="aandachtsfunctionaris")
        store.set_lifecycle(
            case, "closed", status="closed", author_role="aandachtsfunctionaris", reason="klaar"
        )
        store.update_progress(case, retention_start="2026-07-01")
    before = json.loads(ok("show", case, "--json"))
    assert len(before["history"]) == 4
    conn = raw_conn(store_path)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON notes BEGIN SELECT 1; END")
    conn.close()
    saved = tmp_path / "gered.meldcode"
    result = run("salvage", str(saved))
    assert result.exit_code == 0, result.stderr
    (listed,) = json.loads(ok("list", "--json", "--store", str(saved)))
    after = json.loads(ok("show", listed["id"], "--json", "--store", str(saved)))
    for key in ("answers", "history", "lifecycle"):
        assert after[key] == before[key], key
    assert after["case"]["status"] == "closed"
    with Store.open(saved, PASSPHRASE) as store:
        assert store.get_case(listed["id"]).retention_start == "2026-07-01"
    ok("verify", "--store", str(saved))
