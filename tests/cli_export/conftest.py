"""Export CLI set-up: the fixture case in a light-KDF store named by the environment."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The fixture case is shared with the summary tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "summary"))

from export_case import PASSPHRASE, StoredCase, make_store


@pytest.fixture
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StoredCase:
    for name in ("MELDCODE_LANG", "MELDCODE_NOW"):
        monkeypatch.delenv(name, raising=False)
    store_path = tmp_path / "store.meldcode"
    store, case_id, _ = make_store(store_path)
    store.close()
    monkeypatch.setenv("MELDCODE_STORE", str(store_path))
    monkeypatch.setenv("MELDCODE_PASSPHRASE", PASSPHRASE)
    work = tmp_path / "out"
    work.mkdir()
    monkeypatch.chdir(work)
    return StoredCase(store_path, case_id, work)
