"""The case commands end to end: init, new, list, show, answer, note, shred, backup, restore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import PASSPHRASE, init_store, ok, one_line_error, run

from meldcode_tui.store import Store


def test_init_prompts_twice_and_prints_recovery_key(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MELDCODE_PASSPHRASE")
    result = run("init", input="twee woorden erbij\ntwee woorden erbij\n")
    assert result.exit_code == 0, result.stderr
    key_lines = [line.strip() for line in result.stdout.splitlines() if line.count("-") == 7]
    assert len(key_lines) == 1
    assert "twee woorden" not in result.stdout  # hidden input is never echoed
    assert store_path.is_file()
    Store.reset_passphrase_with_recovery(store_path, key_lines[0], "nieuwe zin van mij")
    Store.open(store_path, "nieuwe zin van mij").close()


def test_init_refuses_mismatch_short_and_existing(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MELDCODE_PASSPHRASE")
    one_line_error(run("init", input="eerste zin hier\ntweede zin hier\n"))
    assert not store_path.exists()
    one_line_error(run("init", input="kort\nkort\n"))
    assert not store_path.exists()
    one_line_error(run("init", input=""))
    monkeypatch.setenv("MELDCODE_PASSPHRASE", PASSPHRASE)
    init_store()
    before = store_path.read_bytes()
    line = one_line_error(run("init"))
    assert str(store_path) in line
    assert store_path.read_bytes() == before


def test_strength_hint_is_shown(store_path: Path) -> None:
    result = run("init", "--no-recovery")
    assert result.exit_code == 0
    assert "wachtwoordzin" in result.stderr.lower()


def test_new_list_show_with_answers(tmp_path: Path) -> None:
    init_store()
    answers = tmp_path / "a.toml"
    answers.write_text('client_type = "kind"\nonthulling = false\n', encoding="utf-8")
    case_id = ok(
        "new", "--flow", "basismodel", "--title", "Casus Lijster", "--answers", str(answers)
    ).strip()
    assert len(case_id) == 8
    listing = json.loads(ok("list", "--json"))
    assert [c["id"] for c in listing] == [case_id]
    assert listing[0]["title"] == "Casus Lijster"
    assert listing[0]["current_step"] == "signalen"
    shown = json.loads(ok("show", case_id, "--json"))
    assert shown["answers"] == {"client_type": "kind", "onthulling": False}
    assert shown["evaluation"]["path"][0] == "signalen"
    assert shown["evaluation"]["decisions"] == {"melden": None, "hulp": None}
    assert shown["damaged"] == []
    text = ok("show", case_id)
    assert "Casus Lijster" in text and "signalen" in text and "client_type: kind" in text
    assert "Casus Lijster" in ok("list")


def test_answer_and_note(tmp_path: Path) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel").strip()
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"client_type": "kind", "tegensignalen": True}), "utf-8")
    ok("answer", case_id, "--answers", str(answers))
    ok(
        "note",
        case_id,
        "--kind",
        "feit",
        "Kwam te laat, met een blauwe plek.",
        "--step",
        "signalen",
    )
    ok("note", case_id, "--kind", "bron", "-", input="Gesprek met IB op 3 maart\n")
    shown = json.loads(ok("show", case_id, "--json"))
    assert shown["answers"]["tegensignalen"] is True
    assert [(n["kind"], n["text"], n["step"]) for n in shown["notes"]] == [
        ("feit", "Kwam te laat, met een blauwe plek.", "signalen"),
        ("bron", "Gesprek met IB op 3 maart", None),
    ]
    assert "(zonder titel)" in ok("list")


def test_bad_answers_change_nothing(tmp_path: Path, store_path: Path) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel").strip()
    before = store_path.read_bytes()
    bad = tmp_path / "bad.toml"
    bad.write_text('client_type = "kind"\nbestaat_niet = true\n', "utf-8")
    line = one_line_error(run("answer", case_id, "--answers", str(bad)))
    assert "bestaat_niet" in line
    line = one_line_error(run("new", "--flow", "basismodel", "--answers", str(bad)))
    assert "bestaat_niet" in line
    one_line_error(run("new", "--flow", "geen-flow"))
    broken = tmp_path / "broken.json"
    broken.write_text("{", "utf-8")
    one_line_error(run("answer", case_id, "--answers", str(broken)))
    one_line_error(run("answer", case_id, "--answers", str(tmp_path / "missing.toml")))
    assert store_path.read_bytes() == before
    assert json.loads(ok("show", case_id, "--json"))["answers"] == {}
    assert len(json.loads(ok("list", "--json"))) == 1


def test_note_kind_and_empty_text_refused() -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel").strip()
    assert "roddel" in one_line_error(run("note", case_id, "--kind", "roddel", "x"))
    one_line_error(run("note", case_id, "--kind", "feit", "   "))
    assert json.loads(ok("show", case_id, "--json"))["notes"] == []


def test_shred_asks_naming_the_case() -> None:
    init_store()
    keep = ok("new", "--flow", "basismodel", "--title", "Blijft").strip()
    gone = ok("new", "--flow", "basismodel", "--title", "Weg ermee").strip()
    result = run("shred", gone, input="n\n")
    assert gone in result.stdout and "Weg ermee" in result.stdout
    one_line_error(result)
    one_line_error(run("shred", gone, input=""))
    assert len(json.loads(ok("list", "--json"))) == 2
    ok("shred", gone, input="y\n")
    assert [c["id"] for c in json.loads(ok("list", "--json"))] == [keep]
    one_line_error(run("show", gone))
    one_line_error(run("shred", gone, "--yes"))


def test_shred_asks_in_the_language_and_takes_its_word_for_yes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    init_store()
    first = ok("new", "--flow", "basismodel", "--title", "Eerste").strip()
    second = ok("new", "--flow", "basismodel", "--title", "Tweede").strip()
    refused = run("shred", first, input="jawel\n")
    assert "ongedaan worden gemaakt [j/N]: " in refused.stdout and "[y/N]" not in refused.stdout
    assert "niets vernietigd" in one_line_error(refused)
    assert "invalid input" not in refused.stdout + refused.stderr
    ok("shred", first, input="ja\n")
    monkeypatch.setenv("MELDCODE_LANG", "en")
    asked = run("shred", second, input="\n")
    assert "cannot be undone [y/N]: " in asked.stdout
    assert "nothing destroyed" in one_line_error(asked)
    ok("shred", second, input="Yes\n")
    assert json.loads(ok("list", "--json")) == []


def test_backup_restore_roundtrip(tmp_path: Path, store_path: Path) -> None:
    init_store()
    ids = [ok("new", "--flow", "basismodel", "--title", f"Casus {i}").strip() for i in range(3)]
    ok("note", ids[0], "--kind", "feit", "Een feit")
    shows = {cid: json.loads(ok("show", cid, "--json")) for cid in ids}
    backup = tmp_path / "backup.meldcode"
    assert "backup.meldcode" in ok("backup", str(backup))
    one_line_error(run("backup", str(backup)))
    ok("note", ids[0], "--kind", "feit", "Na de backup")
    # Refused onto a non-empty store without --overwrite; allowed into a new location.
    one_line_error(run("restore", str(backup)))
    other = tmp_path / "elders" / "restored.meldcode"
    ok("restore", str(backup), "--store", str(other))
    for cid in ids:
        again = json.loads(ok("show", cid, "--json", "--store", str(other)))
        assert again == shows[cid]
    ok("restore", str(backup), "--overwrite")
    assert [n["text"] for n in json.loads(ok("show", ids[0], "--json"))["notes"]] == ["Een feit"]
    one_line_error(run("restore", str(tmp_path / "none.meldcode"), "--overwrite"))


def test_show_lists_answers_in_flow_order_and_marks_off_path(tmp_path: Path) -> None:
    init_store()
    answers = tmp_path / "a.toml"
    # Written in reverse order on purpose: the store keeps no order, the flow does.
    answers.write_text(
        'gewenste_termijn = "2027-01-15"\nafweging4_hulp_aanvaard = true\n'
        "afweging3_hulp_mogelijk = true\nafweging2_onveiligheid = false\n"
        'afweging1_vermoeden = true\nclient_type = "kind"\n',
        encoding="utf-8",
    )
    case_id = ok("new", "--flow", "basismodel", "--answers", str(answers)).strip()
    change = tmp_path / "b.toml"
    change.write_text("afweging1_vermoeden = false\n", encoding="utf-8")
    ok("answer", case_id, "--answers", str(change))
    lines = [ln.strip() for ln in ok("show", case_id).splitlines() if ln.startswith("  ")]
    ids = [ln.split(":")[0] for ln in lines]
    assert ids[:3] == ["client_type", "afweging1_vermoeden", "afweging2_onveiligheid"]
    marked = {ln.split(":")[0] for ln in lines if "niet meer op het pad" in ln}
    assert marked == {
        "afweging2_onveiligheid",
        "afweging3_hulp_mogelijk",
        "afweging4_hulp_aanvaard",
        "gewenste_termijn",
    }
