"""Done-when (d) through the CLI: passwd, and a new passphrase set with the recovery key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import PASSPHRASE, ok, one_line_error, run


def test_passwd_new_opens_everything_old_opens_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("init", "--no-recovery")
    ids = [ok("new", "--flow", "basismodel", "--title", f"Casus {i}").strip() for i in range(3)]
    for cid in ids:
        ok("note", cid, "--kind", "feit", f"notitie bij {cid}")
    shows = {cid: json.loads(ok("show", cid, "--json")) for cid in ids}
    new_pw = tmp_path / "new.txt"
    new_pw.write_text("een geheel nieuwe zin\n", "utf-8")
    ok("passwd", "--new-passphrase-file", str(new_pw))
    for args in (["list"], *(["show", cid] for cid in ids)):
        one_line_error(run(*args))
    monkeypatch.setenv("MELDCODE_PASSPHRASE", "een geheel nieuwe zin")
    for cid in ids:
        assert json.loads(ok("show", cid, "--json"))["notes"] == shows[cid]["notes"]
    assert "in orde" in ok("verify")


def test_passwd_with_recovery_key(monkeypatch: pytest.MonkeyPatch) -> None:
    out = ok("init")
    key = next(line.strip() for line in out.splitlines() if line.count("-") == 7)
    case_id = ok("new", "--flow", "basismodel", "--title", "Vergeten").strip()
    monkeypatch.delenv("MELDCODE_PASSPHRASE")
    monkeypatch.setenv("MELDCODE_NEW_PASSPHRASE", "weer een nieuwe zin")
    line = one_line_error(run("passwd", "--recovery", input="0000-1111\n"))
    assert "herstelsleutel" in line
    ok("passwd", "--recovery", input=key.lower() + "\n")
    monkeypatch.setenv("MELDCODE_PASSPHRASE", PASSPHRASE)
    one_line_error(run("list"))
    monkeypatch.setenv("MELDCODE_PASSPHRASE", "weer een nieuwe zin")
    assert json.loads(ok("show", case_id, "--json"))["case"]["title"] == "Vergeten"
