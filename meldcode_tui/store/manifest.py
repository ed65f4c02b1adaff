"""A case's manifest: a few sealed numbers that vouch for every row of the case.

Until schema 2 the manifest was one sealed list of every row's digest (175 KB at 2,500 rows),
encoded, encrypted and written again on every save, so a save grew with the case (issue 16).
Now each row's digest is listed in clear in `manifest_rows` (one row per record, written with
the record), and the sealed manifest holds only

    {"v": 2, "n": change counter, "count": rows listed, "acc": set hash, "case": case row digest}

where `acc` is the XOR of HMAC-SHA256(case's set key, table, row id, digest) over the listed
rows (MSet-XOR-Hash). A write moves `acc` by XOR-ing out the old row's term and in the new
one's: constant work however big the case. The set key comes from the case key, and no term
is ever stored (`acc` itself is sealed), so whoever edits the file cannot compute the terms of
a different set of rows; changing, adding, deleting or putting back a row and its listing
together leaves `acc` or `count` wrong. The listing only names which row went wrong (a row
not as listed, a listed row missing): the digests are of stored bytes anyone can read, so
listing them in clear tells nothing new. See docs/ARCHITECTURE.md (the case manifest).
"""

from __future__ import annotations

import hmac
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from meldcode_tui.store.errors import CaseDamaged
from meldcode_tui.store.rows import manifest_key

VERSION: Final = 2  # the manifest format, and the schema version that brought it
ACC_BYTES: Final = 32


def _framed(text: str) -> bytes:
    raw = text.encode("utf-8", "surrogateescape")
    return b"%d:" % len(raw) + raw


def term(acc_key: bytes, key: str, digest: object) -> int:
    """One row's share of the set hash; `key` is the manifest key ("notes/<id>")."""
    # Length-framed so that no two (key, digest) pairs give the same message.
    message = _framed(key) + _framed(str(digest))
    return int.from_bytes(hmac.digest(acc_key, message, "sha256"), "big")


def set_hash(acc_key: bytes, listed: Iterable[tuple[str, object]]) -> int:
    acc = 0
    for key, digest in listed:
        acc ^= term(acc_key, key, digest)
    return acc


def new(acc_key: bytes, n: int, listed: dict[str, str], case_digest: str | None) -> dict[str, Any]:
    """A manifest for the rows `listed` (manifest key -> digest)."""
    return {
        "v": VERSION,
        "n": n,
        "count": len(listed),
        "acc": f"{set_hash(acc_key, listed.items()):064x}",
        "case": case_digest,
    }


def empty() -> dict[str, Any]:
    return {"v": VERSION, "n": 0, "count": 0, "acc": "0" * 64, "case": None}


def well_formed(manifest: Any) -> bool:
    """True for a manifest of this version (one that opened can still be of another shape)."""
    if not isinstance(manifest, dict) or manifest.get("v") != VERSION:
        return False
    acc, n, count = manifest.get("acc"), manifest.get("n"), manifest.get("count")
    return (
        isinstance(acc, str)
        and len(acc) == 2 * ACC_BYTES
        and all(c in "0123456789abcdef" for c in acc)
        and type(n) is int
        and type(count) is int
    )


def covers(acc_key: bytes, manifest: dict[str, Any], listed: dict[str, Any]) -> bool:
    """True when the listing is exactly the set of rows the manifest was sealed over."""
    if manifest["count"] != len(listed):
        return False
    found = f"{set_hash(acc_key, listed.items()):064x}"
    return hmac.compare_digest(found, manifest["acc"])


def listing(conn: sqlite3.Connection, case_id: str) -> dict[str, Any]:
    """The case's listed rows: manifest key -> digest, as stored (a doctored cell as found)."""
    cursor = conn.execute("SELECT id, digest FROM manifest_rows WHERE case_id = ?", (case_id,))
    return {str(key): digest for key, digest in cursor}


@dataclass(frozen=True)
class Seal:
    """What reading a case learns of its manifest: the rows listed, and whether it vouches.

    `listed` is None when nothing lists the rows (a schema-1 manifest that does not open).
    """

    listed: dict[str, Any] | None
    opened: bool
    covered: bool = False
    case_digest: object = None


def legacy_seal(case_id: str, opened: Any) -> Seal:
    """A schema-1 manifest ({"n", "rows": every row's digest}), sealed whole: it vouches itself."""
    try:
        rows = {str(k): v for k, v in dict(opened["rows"]).items()}
    except (KeyError, TypeError, ValueError):
        return Seal(None, opened=False)
    case_digest = rows.pop(manifest_key("cases", case_id), None)
    return Seal(rows, opened=True, covered=True, case_digest=case_digest)


class Tally:
    """A manifest open for a change: `acc` and `count` move with each row written."""

    __slots__ = ("acc", "acc_key", "case_id", "conn", "count")

    def __init__(
        self, conn: sqlite3.Connection, acc_key: bytes, case_id: str, manifest: dict[str, Any]
    ) -> None:
        self.conn = conn
        self.acc_key = acc_key
        self.case_id = case_id
        self.acc = int(manifest["acc"], 16)
        self.count = int(manifest["count"])

    def _listed(self, key: str) -> object:
        found = self.conn.execute(
            "SELECT digest FROM manifest_rows WHERE id = ? AND case_id = ?", (key, self.case_id)
        ).fetchone()
        if found is None:
            # The case was proven before this write: a row it has is listed. Not so means
            # the store changed under us; refuse rather than seal over it.
            raise CaseDamaged("a row of the case is not in its manifest")
        return found[0]

    def put(self, table: str, row_id: str, digest: str, *, insert: bool) -> None:
        key = manifest_key(table, row_id)
        if insert:
            self.conn.execute(
                "INSERT INTO manifest_rows (id, case_id, digest) VALUES (?, ?, ?)",
                (key, self.case_id, digest),
            )
            self.count += 1
        else:
            self.acc ^= term(self.acc_key, key, self._listed(key))
            self.conn.execute("UPDATE manifest_rows SET digest = ? WHERE id = ?", (digest, key))
        self.acc ^= term(self.acc_key, key, digest)

    def drop(self, table: str, row_id: str) -> None:
        key = manifest_key(table, row_id)
        self.acc ^= term(self.acc_key, key, self._listed(key))
        self.conn.execute("DELETE FROM manifest_rows WHERE id = ?", (key,))
        self.count -= 1

    def into(self, manifest: dict[str, Any]) -> None:
        manifest["acc"] = f"{self.acc:064x}"
        manifest["count"] = self.count
