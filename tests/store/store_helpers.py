"""Helpers for store tests: raw access to the SQLite file, and scanning files for text."""

from __future__ import annotations

import base64
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

PASSPHRASE = "correct horse battery staple"


class FakeClock:
    """Moves one second per reading, so every timestamp differs and tests are repeatable."""

    def __init__(self, start: datetime = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


# Every sealed column: (table, column). A ciphertext lives in each cell of these.
SEALED_COLUMNS = [
    ("cases", "case_key"),
    ("cases", "info"),
    ("cases", "manifest"),
    ("answers", "body"),
    ("answer_history", "body"),
    ("notes", "body"),
    ("actions", "body"),
]


def raw_conn(path: Path) -> sqlite3.Connection:
    """A plain connection that bypasses the store (foreign keys off, like a tamperer)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


def sealed_cells(path: Path) -> list[tuple[str, str, str, str, bytes]]:
    """(table, row id, case id, column, blob) for every sealed cell."""
    conn = raw_conn(path)
    try:
        out = []
        for table, col in SEALED_COLUMNS:
            case_col = "id" if table == "cases" else "case_id"
            for row_id, case_id, blob in conn.execute(
                f"SELECT id, {case_col}, {col} FROM {table} ORDER BY id"
            ):
                out.append((table, row_id, case_id, col, bytes(blob)))
        return out
    finally:
        conn.close()


def forms(text: str) -> list[bytes]:
    """The encodings under which a text could leak to disk."""
    raw = text.encode("utf-8")
    out = [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
    # base64 of the text at each of the three alignments, minus the unstable edges
    for shift in range(3):
        enc = base64.b64encode(b"\x00" * shift + raw)
        out.append(enc[4 : len(enc) - 4])
    return [f for f in out if len(f) >= 8]


def files_under(folder: Path) -> Iterator[Path]:
    for p in folder.rglob("*"):
        if p.is_file():
            yield p


def leaks(folder: Path, text: str) -> list[str]:
    """Names of files under folder holding text in any of its forms."""
    found = []
    wanted = forms(text)
    for p in files_under(folder):
        data = p.read_bytes()
        if any(w in data for w in wanted):
            found.append(p.name)
    return found
