"""Hash-chained audit log: event type, case id and time only, MAC'd with a master-derived key."""

from __future__ import annotations

import hmac
import json
import sqlite3
from dataclasses import dataclass
from hashlib import sha256

from meldcode_tui.store.codec import digest
from meldcode_tui.store.errors import AuditDamaged
from meldcode_tui.store.records import DamagedRecord

EVENTS = frozenset(
    {
        "store_created",
        "store_restored",
        "backup_verified",
        "schema_migrated",
        "kdf_upgraded",
        "passphrase_changed",
        "passphrase_reset",
        "case_created",
        "answer_set",
        "answer_cleared",
        "note_added",
        "note_corrected",
        "note_withdrawn",
        "entry_corrected",
        "entry_withdrawn",
        "flow_changed",
        "action_added",
        "action_completed",
        "progress_updated",
        "case_closed",
        "case_reopened",
        "case_shredded",
        "summary_exported",
        "inspection_exported",
        "damage_accepted",
        "identity_created",
        "identity_rotated",
        "contacts_changed",
        "handovers_changed",
        "case_handed_over",
        "case_received",
        "handover_confirmed",
    }
)
HEAD_KEY = "audit_head"


@dataclass(frozen=True)
class Row:
    seq: int
    at: str
    case_id: str | None
    event: str
    state: str | None
    hash: str


def entry_hash(
    key: bytes,
    prev_hash: str,
    seq: int,
    at: str,
    case_id: str | None,
    event: str,
    state: str | None,
) -> str:
    message = digest("audit/1", prev_hash, seq, at, case_id, event, state).encode()
    return hmac.new(key, message, sha256).hexdigest()


def _head_mac(key: bytes, seq: int, entry: str) -> str:
    return hmac.new(key, f"head/1|{seq}|{entry}".encode(), sha256).hexdigest()


def _header_digest(conn: sqlite3.Connection) -> str:
    found = conn.execute("SELECT value FROM meta WHERE key = 'vault'").fetchone()
    raw = found[0] if found and isinstance(found[0], bytes) else b""
    return sha256(raw).hexdigest()


def _head_mac_v2(key: bytes, seq: int, entry: str, header: str) -> str:
    # The vault header (KDF settings, salts, both wrapped keys) is bound into the head: its
    # own checksum is unkeyed, so an edited recovery section would otherwise go unnoticed.
    return hmac.new(key, f"head/2|{seq}|{entry}|{header}".encode(), sha256).hexdigest()


def _head_valid(conn: sqlite3.Connection, key: bytes, head: dict[str, object]) -> bool:
    seq, entry, mac = int(str(head["seq"])), str(head["hash"]), str(head["mac"])
    if head.get("v") == 2:
        expected = _head_mac_v2(key, seq, entry, _header_digest(conn))
    else:
        # Written before the header was bound (stores from before issue 15).
        expected = _head_mac(key, seq, entry)
    return hmac.compare_digest(expected, mac)


def rows(conn: sqlite3.Connection) -> list[Row]:
    cursor = conn.execute("SELECT seq, at, case_id, event, state, hash FROM audit ORDER BY seq")
    return [Row(*r) for r in cursor]


def append(
    conn: sqlite3.Connection,
    key: bytes,
    *,
    at: str,
    case_id: str | None,
    event: str,
    state: str | None = None,
    head_checked: bool = False,
) -> int:
    """Add one entry and move the MAC'd head; call inside the change's own transaction.

    `head_checked`: the caller ran `check_head` before changing the vault header (which the
    head's MAC covers), in this same transaction.
    """
    if event not in EVENTS:
        raise ValueError("unknown audit event")
    if not head_checked:
        check_head(conn, key)
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    prev_seq, prev_hash = last if last else (0, "")
    seq = prev_seq + 1
    entry = entry_hash(key, prev_hash, seq, at, case_id, event, state)
    conn.execute(
        "INSERT INTO audit (seq, at, case_id, event, state, hash) VALUES (?, ?, ?, ?, ?, ?)",
        (seq, at, case_id, event, state, entry),
    )
    # The head records the last entry, so cutting entries off the end is detected too.
    mac = _head_mac_v2(key, seq, entry, _header_digest(conn))
    head = json.dumps({"v": 2, "seq": seq, "hash": entry, "mac": mac})
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (HEAD_KEY, head.encode()),
    )
    return seq


def check_head(conn: sqlite3.Connection, key: bytes) -> None:
    """AuditDamaged unless the MAC'd head names the last entry and the current vault header."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    prev_seq, prev_hash = last if last else (0, "")
    if not _head_matches(conn, key, prev_seq, prev_hash):
        # Writing would move the head over a cut or edited tail (or an edited header), and
        # verify would pass again.
        raise AuditDamaged("the audit head does not match the last entry")


def _head_matches(conn: sqlite3.Connection, key: bytes, seq: int, entry: str) -> bool:
    """True when the MAC'd head names this last entry (or there is neither head nor entry)."""
    found = conn.execute("SELECT value FROM meta WHERE key = ?", (HEAD_KEY,)).fetchone()
    if found is None:
        return seq == 0
    try:
        head = json.loads(bytes(found[0]).decode())
        h_seq, h_entry = int(head["seq"]), str(head["hash"])
        valid = _head_valid(conn, key, head)
    except (TypeError, ValueError, KeyError, UnicodeDecodeError, RecursionError, AttributeError):
        return False
    return valid and h_seq == seq and hmac.compare_digest(h_entry, entry or "")


def check(conn: sqlite3.Connection, key: bytes) -> list[DamagedRecord]:
    """Walk the chain: every entry must follow from the one before, and end at the head."""
    damaged: list[DamagedRecord] = []
    prev_seq, prev_hash = 0, ""
    for row in rows(conn):
        if row.seq != prev_seq + 1:
            damaged.append(DamagedRecord("audit", str(prev_seq + 1), None, "entry", "missing"))
        expected = entry_hash(key, prev_hash, row.seq, row.at, row.case_id, row.event, row.state)
        if not hmac.compare_digest(expected, row.hash or ""):
            damaged.append(DamagedRecord("audit", str(row.seq), row.case_id, "entry", "altered"))
        prev_seq, prev_hash = row.seq, row.hash or ""
    found = conn.execute("SELECT value FROM meta WHERE key = ?", (HEAD_KEY,)).fetchone()
    try:
        if found is None:
            raise KeyError("no head")
        head = json.loads(bytes(found[0]).decode())
        seq, entry = int(head["seq"]), str(head["hash"])
        valid = _head_valid(conn, key, head)
    except (TypeError, ValueError, KeyError, UnicodeDecodeError, RecursionError, AttributeError):
        return [*damaged, DamagedRecord("audit", "head", None, "head", "unreadable")]
    if not valid:
        # The head's MAC covers the vault header too: an edited header is named here.
        damaged.append(DamagedRecord("audit", "head", None, "head", "altered"))
    elif seq != prev_seq or entry != prev_hash:
        reason = "missing" if seq > prev_seq else "altered"
        damaged.append(DamagedRecord("audit", str(seq), None, "entry", reason))
    return damaged


def last_case_entry(conn: sqlite3.Connection, case_id: str) -> tuple[str, str | None] | None:
    """(event, state) of the newest entry about a case, or None."""
    found = conn.execute(
        "SELECT event, state FROM audit WHERE case_id = ? ORDER BY seq DESC LIMIT 1", (case_id,)
    ).fetchone()
    return (found[0], found[1]) if found else None


def forget_case(conn: sqlite3.Connection, key: bytes, case_id: str) -> None:
    """Remove a shredded case's entries and chain the rest again, so no id or timeline stays.

    The chain is keyed: re-chaining it needs the key, which only the store's holder has, so a
    file-writer still cannot cut or edit entries unnoticed. Call inside shred's transaction.
    """
    check_head(conn, key)
    first = conn.execute("SELECT MIN(seq) FROM audit WHERE case_id = ?", (case_id,)).fetchone()
    if first is None or first[0] is None:
        return
    start = int(first[0])
    conn.execute("DELETE FROM audit WHERE case_id = ?", (case_id,))
    before = conn.execute(
        "SELECT seq, hash FROM audit WHERE seq < ? ORDER BY seq DESC LIMIT 1", (start,)
    ).fetchone()
    prev_seq, prev_hash = before if before else (0, "")
    later = conn.execute(
        "SELECT seq, at, case_id, event, state FROM audit WHERE seq > ? ORDER BY seq", (start,)
    ).fetchall()
    # Renumbered upwards from the gap: move each row out of the way first (seq is the key).
    offset = 1 + int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM audit").fetchone()[0])
    conn.execute("UPDATE audit SET seq = seq + ? WHERE seq > ?", (offset, start))
    for old_seq, at, row_case, event, state in later:
        seq = prev_seq + 1
        entry = entry_hash(key, prev_hash, seq, at, row_case, event, state)
        conn.execute(
            "UPDATE audit SET seq = ?, hash = ? WHERE seq = ?", (seq, entry, old_seq + offset)
        )
        prev_seq, prev_hash = seq, entry
    mac = _head_mac_v2(key, prev_seq, prev_hash, _header_digest(conn))
    head = json.dumps({"v": 2, "seq": prev_seq, "hash": prev_hash, "mac": mac})
    conn.execute("UPDATE meta SET value = ? WHERE key = ?", (head.encode(), HEAD_KEY))
