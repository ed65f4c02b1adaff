"""Roles come from the flow: its first role by default, an unknown --role is a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import PASSPHRASE, init_store, ok, one_line_error, run

from meldcode_tui.store import Store


def _authors(store_path: Path, case_id: str) -> tuple[list[str], list[str]]:
    with Store.open(store_path, PASSPHRASE) as store:
        case = store.get_case(case_id)
    return [h.author_role for h in case.history], [n.author_role for n in case.notes]


def test_default_role_is_the_flows_first_role(store_path: Path, tmp_path: Path) -> None:
    init_store()
    answers = tmp_path / "a.toml"
    answers.write_text('client_type = "kind"\n', encoding="utf-8")
    case_id = ok("new", "--flow", "basismodel", "--answers", str(answers)).strip()
    ok("note", case_id, "Fictieve waarneming.", "--kind", "feit")
    # basismodel's roles start with beroepskracht; "mentor" is not one of them.
    assert _authors(store_path, case_id) == (["beroepskracht"], ["beroepskracht"])
    other = ok("new", "--flow", "safeguarding").strip()
    ok("note", other, "Fictieve zorg.", "--kind", "feit")
    assert _authors(store_path, other)[1] == ["melder"]


def test_a_chosen_role_of_the_flow_is_recorded(store_path: Path, tmp_path: Path) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel").strip()
    answers = tmp_path / "a.toml"
    answers.write_text('client_type = "kind"\n', encoding="utf-8")
    ok("answer", case_id, "--answers", str(answers), "--role", "aandachtsfunctionaris")
    assert _authors(store_path, case_id)[0] == ["aandachtsfunctionaris"]


def test_unknown_role_is_exit_2_listing_the_flows_roles(store_path: Path, tmp_path: Path) -> None:
    init_store()
    line = one_line_error(run("--lang", "en", "new", "--flow", "basismodel", "--role", "mentor"))
    assert "'mentor'" in line and "beroepskracht, aandachtsfunctionaris, leidinggevende" in line
    # Nothing was created.
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.list_cases() == []
    case_id = ok("new", "--flow", "basismodel").strip()
    answers = tmp_path / "a.toml"
    answers.write_text('client_type = "kind"\n', encoding="utf-8")
    line = one_line_error(run("answer", case_id, "--answers", str(answers), "--role", "x"))
    assert "beroepskracht" in line
    one_line_error(run("note", case_id, "Tekst.", "--kind", "feit", "--role", "x"))
    assert _authors(store_path, case_id) == ([], [])


def test_the_settings_role_is_recorded_where_the_flow_names_it(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('role = "aandachtsfunctionaris"\n', encoding="utf-8")
    monkeypatch.setenv("MELDCODE_CONFIG", str(config))
    init_store()
    answers = tmp_path / "a.toml"
    answers.write_text('client_type = "kind"\n', encoding="utf-8")
    case_id = ok("new", "--flow", "basismodel").strip()
    ok("answer", case_id, "--answers", str(answers))
    ok("note", case_id, "Fictieve waarneming.", "--kind", "feit")
    # The saved answer's author role and the note's: the settings' role, not the flow's first.
    assert _authors(store_path, case_id) == (["aandachtsfunctionaris"], ["aandachtsfunctionaris"])
    # --role still wins over the file.
    ok("note", case_id, "Nog een.", "--kind", "feit", "--role", "leidinggevende")
    assert _authors(store_path, case_id)[1][-1] == "leidinggevende"
    # A flow that does not name it: its own default, no refusal.
    other = ok("new", "--flow", "safeguarding").strip()
    ok("note", other, "Fictieve zorg.", "--kind", "feit")
    assert _authors(store_path, other)[1] == ["melder"]
