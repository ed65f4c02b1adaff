"""Converting a store's data when a schema step changes its format (see schema.migrate).

Schema 2 (issue 16): each case's manifest, one sealed list of every row's digest, becomes the
`manifest_rows` listing plus a small sealed set hash (manifest.py). The conversion carries the
old manifest over as it was sealed, never what the rows now are: a row edited, added or
removed in the file before the upgrade is named exactly as before it, and the upgrade cannot
launder it. Likewise a case whose manifest no longer matched its audit pin (put back to an
older state) gets no new pin, so it still reads as put back; a case whose key or manifest no
longer opens is left as it is, damaged as before.
"""

from __future__ import annotations

from typing import Any

from meldcode_tui import vault
from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import codec
from meldcode_tui.store import manifest as manifest_mod
from meldcode_tui.store.base import StoreBase
from meldcode_tui.store.rows import as_blob


def convert(store: StoreBase, version: int) -> None:
    """The data part of the step to `version`; runs inside that step's transaction."""
    if version == 2:
        _listed_manifests(store)


def _listed_manifests(store: StoreBase) -> None:
    conn = store._conn
    for case_id, wrapped, blob in conn.execute(
        "SELECT id, case_key, manifest FROM cases ORDER BY id"
    ).fetchall():
        try:
            keys = store._keys(case_id, wrapped)
            old: Any = keys.open("cases", case_id, case_id, "manifest", blob)
            seal = manifest_mod.legacy_seal(case_id, old)
            if seal.listed is None:
                raise ValueError("not a schema-1 manifest")
            rows = {key: str(digest) for key, digest in seal.listed.items()}
            n = int(old.get("n", 0))
        except (vault.SealBroken, ValueError, TypeError):
            continue  # damaged before the upgrade: `verify` names it as before
        case_digest = seal.case_digest if isinstance(seal.case_digest, str) else None
        # An id listed by two cases cannot come from meldcode; the second keeps its set
        # hash over its own list, so it reads as damaged rather than stopping the upgrade.
        conn.executemany(
            "INSERT OR IGNORE INTO manifest_rows (id, case_id, digest) VALUES (?, ?, ?)",
            [(key, case_id, digest) for key, digest in rows.items()],
        )
        manifest = manifest_mod.new(keys.acc_key, n, rows, case_digest)
        sealed = keys.seal("cases", case_id, case_id, "manifest", manifest)
        conn.execute("UPDATE cases SET manifest = ? WHERE id = ?", (sealed, case_id))
        last = audit_log.last_case_entry(conn, case_id)
        if last is not None and last[1] == codec.blob_digest(as_blob(blob)):
            # The log's link to the case moves to the new manifest with it.
            store._audit("schema_migrated", case_id, codec.blob_digest(sealed))
