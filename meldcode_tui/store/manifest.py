"""A case's manifest: a few sealed numbers that vouch for every row of the case.

Until schema 2 the manifest was one sealed list of every row's digest (175 KB at 2,500 rows),
encoded, encrypted and written again on every save, so a save grew with the case (issue 16).
Now each row's digest is listed in clear in `manifest_rows` (one row per record, written with
the record), and the sealed manifest holds only

    {"v": 2, "n": change counter, "count": rows listed, "acc": set hash, "case": case row digest}

where `acc` is the XOR of HMAC-SHA256(case's set key, table/row id, digest) over the case's
rows (MSet-XOR-Hash). A write moves `acc` by XOR-ing out the old row's term (from the row as
stored) and in the new one's: constant work however big the case. The set key comes from the
case key, and no term is ever stored (`acc` itself is sealed), so whoever edits the file
cannot compute the terms of a different set of rows. Reading holds the rows it digests anyway
against `acc` and `count`; only when they differ is the listing read, to name the rows that
went wrong (a row not as listed, a listed row missing), and `acc` says whether the listing
itself can be believed. The digests are of stored bytes anyone can read, so listing them in
clear tells nothing new. See docs/ARCHITECTURE.md (the case manifest).
"""

from __future__ import annotations

import hmac
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from meldcode_tui.store.rows import manifest_key

_ACC: Final = re.compile(r"[0-9a-f]{64}")
VERSION: Final = 2  # the manifest format, and the schema version that brought it


def _message(key: object, digest: object) -> bytes:
    # The key's length in bytes first, so no two (key, digest) pairs give the same message.
    # Texts come from the file through the lenient decoder (schema.connect), so encoding them
    # back with surrogateescape gives each its stored bytes, a doctored cell's too.
    raw = str(key).encode("utf-8", "surrogateescape")
    return b"%d:%b%b" % (len(raw), raw, str(digest).encode("utf-8", "surrogateescape"))


def term(acc_key: bytes, key: str, digest: object) -> int:
    """One row's share of the set hash; `key` is the manifest key ("notes/<id>")."""
    return int.from_bytes(hmac.digest(acc_key, _message(key, digest), "sha256"), "big")


def set_hash(acc_key: bytes, listed: Iterable[tuple[object, object]]) -> int:
    """XOR of every listed row's term (reading a case runs this over all of its rows)."""
    acc = 0
    mac, message, from_bytes = hmac.digest, _message, int.from_bytes
    for key, digest in listed:
        acc ^= from_bytes(mac(acc_key, message(key, digest), "sha256"), "big")
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
        and _ACC.fullmatch(acc) is not None
        and type(n) is int
        and type(count) is int
    )


def covers(acc_key: bytes, manifest: dict[str, Any], listed: dict[str, Any]) -> bool:
    """True when the listing is exactly the set of rows the manifest was sealed over."""
    if manifest["count"] != len(listed):
        return False
    found = f"{set_hash(acc_key, listed.items()):064x}"
    return hmac.compare_digest(found, manifest["acc"])


def listing(conn: sqlite3.Connection, case_id: str) -> dict[Any, Any]:
    """The case's listed rows: manifest key -> digest, as stored (a doctored cell as found)."""
    query = "SELECT id, digest FROM manifest_rows WHERE case_id = ?"
    # Plain str decoding, as the case list does (a third faster); a doctored non-UTF-8 cell
    # makes it raise, and then the lenient decoder reads the rows instead.
    lenient = conn.text_factory
    conn.text_factory = str
    try:
        return dict(conn.execute(query, (case_id,)).fetchall())
    except sqlite3.OperationalError:
        conn.text_factory = lenient
        return dict(conn.execute(query, (case_id,)).fetchall())
    finally:
        conn.text_factory = lenient


@dataclass(frozen=True)
class Seal:
    """What reading a case learns of its manifest: what to hold the rows to, and whether
    the manifest vouches for it.

    `listed` is None when the rows are exactly as sealed (nothing to compare) or nothing
    lists them (a schema-1 manifest that does not open); `stray` names listing entries that
    disagree with rows that are as sealed (the listing was edited on its own).
    """

    listed: dict[Any, Any] | None
    opened: bool
    covered: bool = False
    case_digest: object = None
    stray: tuple[str, ...] = ()


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

    # The old row's term comes from the row as stored, which the write proved intact (or
    # this connection wrote): never from the listing, which the file's holder can edit.

    def put(self, table: str, row_id: str, digest: str, *, was: str | None) -> None:
        """A row written: new (`was` None) or replacing a row whose digest was `was`."""
        key = manifest_key(table, row_id)
        self.conn.execute(
            "INSERT OR REPLACE INTO manifest_rows (id, case_id, digest) VALUES (?, ?, ?)",
            (key, self.case_id, digest),
        )
        if was is None:
            self.count += 1
        else:
            self.acc ^= term(self.acc_key, key, was)
        self.acc ^= term(self.acc_key, key, digest)

    def drop(self, table: str, row_id: str, was: str) -> None:
        key = manifest_key(table, row_id)
        self.acc ^= term(self.acc_key, key, was)
        self.conn.execute("DELETE FROM manifest_rows WHERE id = ?", (key,))
        self.count -= 1

    def into(self, manifest: dict[str, Any]) -> None:
        manifest["acc"] = f"{self.acc:064x}"
        manifest["count"] = self.count
