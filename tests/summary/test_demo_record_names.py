"""The demo teaches the [[name]] mark: its record-layer exports name no child in full."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from meldcode_tui.cli import app
from meldcode_tui.store import Store
from meldcode_tui.tui.demo import DEMO_PASSPHRASE, build_demo_store

CHILDREN = ("Noor", "Sem", "Lotte")


def test_demo_record_exports_show_initials_only(tmp_path: Path) -> None:
    store_path = tmp_path / "demo.meldcode"
    build_demo_store(store_path, lambda: datetime(2026, 11, 20, 10, 0, tzinfo=UTC))
    secret = tmp_path / "pw"
    secret.write_text(DEMO_PASSPHRASE, encoding="utf-8")
    with Store.open(store_path, DEMO_PASSPHRASE) as store:
        ids = [s.id for s in store.list_cases()]
    assert len(ids) == 3
    runner = CliRunner()
    for case_id in ids:
        out = tmp_path / f"{case_id}.txt"
        base = ["--store", str(store_path), "--passphrase-file", str(secret), "export"]
        result = runner.invoke(app, [*base, case_id, "-o", str(out)])
        assert result.exit_code == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        assert "(fictief" in text
        for name in CHILDREN:
            assert name not in text, f"{name} in the record export of {case_id}"
