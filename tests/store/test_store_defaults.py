"""The shipped defaults: a store made without the test-only setting uses the strong KDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_helpers import raw_conn

from meldcode_tui.store import Store
from meldcode_tui.vault import INSECURE_TEST_ENV


def test_new_store_uses_rfc9106_parameters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(INSECURE_TEST_ENV)
    path = tmp_path / "real.meldcode"
    store, key = Store.create(path, "een echte lange wachtwoordzin")
    store.close()
    assert key is not None
    conn = raw_conn(path)
    header = json.loads(conn.execute("SELECT value FROM meta WHERE key = 'vault'").fetchone()[0])
    conn.close()
    assert header["kdf"] == {
        "algorithm": "argon2id",
        "version": 1,
        "memory_kib": 65536,
        "iterations": 3,
        "lanes": 4,
    }
    with Store.open(path, "een echte lange wachtwoordzin") as again:
        assert again.kdf_params.memory_kib == 64 * 1024
        # Nothing to upgrade (the store's identity is made with it, issue 17).
        assert [e.event for e in again.audit()] == ["store_created", "identity_created"]
