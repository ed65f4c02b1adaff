"""Noticing a whole store put back to an older copy of itself, on the same computer.

Inside one file every check is relative to the file: an older copy is consistent with itself.
So the last audit entry seen here is remembered outside it, in the user's state folder,
under a name and a MAC made with a key from the store (nobody without the passphrase can
forge or even match it). When the store opens and that entry is missing or different, an
older copy was put back; `meldcode restore` is the deliberate way and updates the memory.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import sqlite3
from hashlib import sha256
from pathlib import Path

from meldcode_tui import vault
from meldcode_tui.settings import state_dir_override  # MELDCODE_STATE_DIR
from meldcode_tui.store import files
from meldcode_tui.store.errors import StoreRolledBack
from meldcode_tui.vault.kdf import insecure_test_kdf

APP_NAME = "meldcode-tui"


def state_dir() -> Path | None:
    """Where memories live; None when off (stores made with the test-only KDF, unless set)."""
    explicit = state_dir_override()
    if explicit is not None:
        return explicit
    if insecure_test_kdf():
        # The test suite copies stores back and forth on purpose; it sets the folder itself.
        return None
    import platformdirs

    return platformdirs.user_state_path(APP_NAME, appauthor=False) / "seen"


class Memory:
    """The remembered last audit entry of one store at one path."""

    def __init__(self, master: vault.MasterKey, path: Path) -> None:
        self._key = master.subkey("seen")
        self._name = hmac.new(self._key, str(path.resolve()).encode(), sha256).hexdigest()[:32]

    def _file(self) -> Path | None:
        folder = state_dir()
        return None if folder is None else folder / f"{self._name}.json"

    def _mac(self, seq: int, entry: str) -> str:
        return hmac.new(
            self._key, f"seen/1|{self._name}|{seq}|{entry}".encode(), sha256
        ).hexdigest()

    def check(self, conn: sqlite3.Connection) -> None:
        """StoreRolledBack when the remembered entry is not in the store's audit log."""
        file = self._file()
        if file is None:
            return
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            seq, entry, mac = int(data["seq"]), str(data["hash"]), str(data["mac"])
        except (OSError, ValueError, KeyError, TypeError):
            return  # nothing remembered (or a broken memory): nothing to compare with
        if not hmac.compare_digest(self._mac(seq, entry), mac):
            return
        found = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
        if found is None or not hmac.compare_digest(str(found[0]), entry):
            raise StoreRolledBack("the store is older than the copy last opened here")

    def remember(self, conn: sqlite3.Connection) -> None:
        """Remember the store's last audit entry (best effort: a read-only profile is fine)."""
        file = self._file()
        if file is None:
            return
        last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        if last is None:
            return
        seq, entry = int(last[0]), str(last[1])
        text = json.dumps({"seq": seq, "hash": entry, "mac": self._mac(seq, entry)})
        with contextlib.suppress(OSError):
            file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            files.write_private(file, text.encode("utf-8"), overwrite=True)
