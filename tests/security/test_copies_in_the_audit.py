"""Issue 13.6 / 15: the audit lists every backup and export, so the user knows what copies exist.

`meldcode verify` prints the backups, restores and exports of the store; `meldcode show` the
exports of one case. When and how many, never where they went nor what they held.
"""

from __future__ import annotations

import json
from pathlib import Path

from security_helpers import INTAKE, PASSPHRASE, new_case, ok, run

from meldcode_tui.store import Store

NOW = {"MELDCODE_NOW": "2026-11-23T10:00+00:00"}


def test_verify_lists_backups_and_restores(tmp_path: Path, store_path: Path) -> None:
    ok("init", "--no-recovery")
    out = ok("verify")
    assert "backups: nog geen" in out and "exports: geen" in out
    ok("backup", str(tmp_path / "b1.meldcode"))
    ok("backup", str(tmp_path / "b2.meldcode"))
    out = ok("verify")
    assert "backups: 2, de laatste op " in out
    assert str(tmp_path) not in out.split("Kopieën", 1)[1]  # never where
    with Store.open(store_path, PASSPHRASE) as store:
        assert [e.event for e in store.audit()].count("backup_verified") == 2
    ok("restore", str(tmp_path / "b1.meldcode"), "--overwrite")
    out = ok("verify")
    # The restored store is the first backup as it was when copied (before its own backup
    # entry) plus the restore: its history says it was put back, and that a new backup is due.
    assert "teruggezet uit een backup: 1 keer" in out and "backups: nog geen" in out


def test_show_lists_the_exports_of_a_case(tmp_path: Path) -> None:
    ok("init", "--no-recovery")
    case = new_case(tmp_path, "safeguarding", INTAKE)
    other = new_case(tmp_path, "safeguarding", INTAKE, title="Zorg SG-02")
    assert "Exports van deze casus" not in ok("show", case)
    ok("export", case, "-o", str(tmp_path / "a.txt"), env=NOW)
    ok("export", case, "--for", "inzage", "-o", str(tmp_path / "b.txt"), env=NOW)
    out = ok("show", case)
    tail = out.split("Exports van deze casus", 1)[1]
    assert "samenvatting geëxporteerd" in tail and "inzage geëxporteerd" in tail
    assert "Exports van deze casus" not in ok("show", other)
    shown = json.loads(ok("show", case, "--json"))
    assert [e["event"] for e in shown["exports"]] == ["summary_exported", "inspection_exported"]
    assert "exports (samenvattingen en inzage): 2" in ok("verify")
    assert run("verify").exit_code == 0
