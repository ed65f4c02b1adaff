"""Checks that keep tampering from being laundered: a write first proves the case is intact.

Reading a case reports damage, but a write re-seals the manifest over whatever rows it finds:
without this check, the next `note` after a rolled-back or edited case would make `verify`
pass again. So each write compares every row of the case with its listing, the listing with
the manifest's set hash, and the manifest with its audit pin, before anything is written
(once per case and connection: see `StoreBase._proven_manifest`), and refuses (CaseDamaged)
on any difference.
It needs no decryption: digests of the stored bytes are enough.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import codec
from meldcode_tui.store import manifest as manifest_mod
from meldcode_tui.store.rows import (
    CHILD_COLUMNS,
    as_blob,
    case_row_digest,
    child_row_digest,
    manifest_key,
)
from meldcode_tui.vault import SealBroken

# The clear columns of a case row that are also sealed in its list blob, so the case list
# and `due` read them from sealed data and notice when the clear copy was edited.
SEALED_CLEAR = {"status": "status", "flow": "flow_id", "deadline": "next_deadline"}


def case_is_sealed(
    conn: sqlite3.Connection, row: dict[str, Any], manifest: Any, acc_key: bytes
) -> bool:
    """True when every row of the case is as its manifest lists it and the audit pins it."""
    case_id = row["id"]
    try:
        blob = as_blob(row["manifest"])
    except SealBroken:
        return False
    if not manifest_mod.well_formed(manifest) or manifest["case"] != case_row_digest(row):
        return False
    found: dict[str, str] = {}
    for table, cols in CHILD_COLUMNS.items():
        cursor = conn.execute(
            f"SELECT {', '.join(cols)} FROM {table} WHERE case_id = ?", (case_id,)
        )
        for values in cursor:
            child = dict(zip(cols, values, strict=True))
            found[manifest_key(table, child["id"])] = child_row_digest(table, child)
    # The rows themselves against the sealed set hash: the clear listing only names rows.
    if not manifest_mod.covers(acc_key, manifest, found):
        return False
    last = audit_log.last_case_entry(conn, case_id)
    return last is not None and last[1] == codec.blob_digest(blob)


def bind_clear_columns(info: dict[str, Any], row: dict[str, Any]) -> bool:
    """Copy the clear columns into the list blob; True when the blob must be sealed again."""
    changed = False
    for key, column in SEALED_CLEAR.items():
        if info.get(key) != row[column]:
            info[key] = row[column]
            changed = True
    return changed


def clear_columns_match(info: dict[str, Any], clear: dict[str, Any]) -> bool:
    """True when the sealed copies agree with the clear columns (or the blob predates them)."""
    if "status" not in info:
        return True
    return all(info.get(key) == clear[column] for key, column in SEALED_CLEAR.items())
