"""Error paths: one line on stderr, exit 2 (1 for a failed verify), nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import PASSPHRASE, init_store, ok, one_line_error, raw_conn, run

from meldcode_tui.store import Store


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_wrong_passphrase_one_line_nothing_written(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel", "--title", "t").strip()
    before = store_path.read_bytes()
    monkeypatch.setenv("MELDCODE_PASSPHRASE", "niet de goede zin")
    for args in (
        ["list"],
        ["show", case_id],
        ["note", case_id, "--kind", "feit", "x"],
        ["shred", case_id, "--yes"],
        ["passwd"],
        ["verify"],
    ):
        line = one_line_error(run(*args))
        assert str(store_path) in line
    assert store_path.read_bytes() == before
    wrong = line
    # A damaged file says something else.
    store_path.write_bytes(b"\x00garbage" * 1000)
    damaged = one_line_error(run("list"))
    assert damaged != wrong
    assert one_line_error(run("verify"), code=1) == damaged


def test_damaged_header_differs_from_wrong_passphrase(store_path: Path) -> None:
    init_store()
    conn = raw_conn(store_path)
    raw = conn.execute("SELECT value FROM meta WHERE key = 'vault'").fetchone()[0]
    data = json.loads(raw)
    data["salt"] = "A" + data["salt"][1:] if data["salt"][0] != "A" else "B" + data["salt"][1:]
    conn.execute("UPDATE meta SET value = ? WHERE key = 'vault'", (json.dumps(data).encode(),))
    conn.close()
    damaged = one_line_error(run("list"))
    assert "beschadigd" in damaged and "wachtwoordzin klopt niet" not in damaged


def test_newer_store_refused_clearly(store_path: Path) -> None:
    init_store()
    conn = raw_conn(store_path)
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    line = one_line_error(run("list"))
    assert "nieuwere versie" in line


def test_missing_store_and_unknown_case(tmp_path: Path) -> None:
    line = one_line_error(run("list"))
    assert "meldcode init" in line
    init_store()
    line = one_line_error(run("show", "zzzzzzzz"))
    assert "meldcode list" in line


def test_store_in_use(store_path: Path) -> None:
    init_store()
    with Store.open(store_path, PASSPHRASE):
        # A command that writes is refused; one that only reads works beside it (issue 15).
        line = one_line_error(run("new", "--flow", "basismodel"))
        assert "in gebruik" in line
        ok("list")
    ok("new", "--flow", "basismodel")


def test_passphrase_file_and_its_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    init_store()
    monkeypatch.delenv("MELDCODE_PASSPHRASE")
    pw = tmp_path / "pw.txt"
    pw.write_text(PASSPHRASE + "\n", "utf-8")
    ok("list", "--passphrase-file", str(pw))
    one_line_error(run("list", "--passphrase-file", str(tmp_path / "none.txt")))
    (tmp_path / "empty.txt").write_text("", "utf-8")
    one_line_error(run("list", "--passphrase-file", str(tmp_path / "empty.txt")))
    one_line_error(run("list", input=""))
    ok("list", input=PASSPHRASE + "\n")


def test_english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    init_store()
    monkeypatch.setenv("MELDCODE_PASSPHRASE", "niet de goede zin")
    line = one_line_error(run("--lang", "en", "list"))
    assert "passphrase is wrong" in line


def test_damaged_record_show_rest_and_verify_names_it(store_path: Path) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel", "--title", "Casus Mus").strip()
    ok("note", case_id, "--kind", "feit", "Eerste notitie blijft")
    ok("note", case_id, "--kind", "feit", "Tweede notitie raakt beschadigd")
    other = ok("new", "--flow", "basismodel", "--title", "Andere casus").strip()
    conn = raw_conn(store_path)
    rows = conn.execute("SELECT id, body FROM notes ORDER BY created_at").fetchall()
    bad_id, body = rows[1]
    flipped = bytearray(body)
    flipped[20] ^= 0xFF
    conn.execute("UPDATE notes SET body = ? WHERE id = ?", (bytes(flipped), bad_id))
    conn.close()

    text = ok("show", case_id)
    assert "Eerste notitie blijft" in text
    assert "Tweede notitie" not in text
    assert bad_id in text and "beschadigd" in text
    shown = json.loads(ok("show", case_id, "--json"))
    assert shown["damaged"] == [
        {"table": "notes", "row": bad_id, "case": case_id, "field": "body", "reason": "unreadable"}
    ]
    assert json.loads(ok("show", other, "--json"))["damaged"] == []

    result = run("verify")
    assert result.exit_code == 1
    assert bad_id in result.stdout and "notes" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_verify_ok(store_path: Path) -> None:
    init_store()
    ok("new", "--flow", "basismodel")
    assert "in orde" in ok("verify")
