"""Checking a store: every record, every manifest and the audit chain; the audit log itself."""

from __future__ import annotations

from typing import Any

from meldcode_tui import vault
from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import codec, sealcheck
from meldcode_tui.store import manifest as manifest_mod
from meldcode_tui.store.base import EPOCH
from meldcode_tui.store.errors import CaseDamaged
from meldcode_tui.store.reads import CaseReads
from meldcode_tui.store.records import AuditEntry, CaseSummary, DamagedRecord
from meldcode_tui.store.rows import (
    CASE_COLUMNS,
    CHILD_COLUMNS,
    CHILD_TABLES,
    ad,
    case_row_digest,
    child_row_digest,
    manifest_key,
)
from meldcode_tui.store.schema import schema_matches, schema_version


class StoreIntegrity(CaseReads):
    """`verify` reads every case the way `get_case` does, then looks for what is not there."""

    def verify(self) -> list[DamagedRecord]:
        """Open every record, check every manifest and the audit chain; [] means all is well."""
        with self._op() as conn:
            damaged: list[DamagedRecord] = []
            # Unwrap every case key afresh: a cached key would hide a damaged wrapped one.
            self._case_keys.clear()
            # integrity_check, not quick_check: it also finds indexes that disagree with tables.
            check = conn.execute("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                damaged.append(DamagedRecord("store", "pages", None, "structure", "altered"))
            if not schema_matches(conn):
                damaged.append(DamagedRecord("store", "schema", None, "structure", "altered"))
            case_ids: set[str] = set()
            cursor = conn.execute(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases ORDER BY id")
            for found in cursor.fetchall():
                row = dict(zip(CASE_COLUMNS, found, strict=True))
                case_ids.add(row["id"])
                damaged.extend(self._read_case(row, thorough=True).damaged)
            # A listing entry of no case is named like a row of no case.
            listing = ("manifest_rows",) if schema_version(conn) >= manifest_mod.VERSION else ()
            for table in (*CHILD_TABLES, *listing):
                orphans = conn.execute(
                    f"SELECT id, case_id FROM {table} WHERE case_id NOT IN (SELECT id FROM cases)"
                ).fetchall()
                damaged.extend(DamagedRecord(table, r, c, "row", "unexpected") for r, c in orphans)
            damaged.extend(audit_log.check(conn, self._audit_key))
            last_events = conn.execute(
                "SELECT case_id, event FROM audit AS a WHERE case_id IS NOT NULL AND seq = "
                "(SELECT MAX(seq) FROM audit WHERE case_id = a.case_id)"
            ).fetchall()
            for case_id, event in last_events:
                if case_id not in case_ids and event != "case_shredded":
                    damaged.append(DamagedRecord("cases", case_id, case_id, "row", "missing"))
            return damaged

    def audit(self) -> list[AuditEntry]:
        """The audit log, oldest first (check it with `verify`)."""
        with self._op() as conn:
            entries = []
            for r in audit_log.rows(conn):
                try:
                    at = codec.parse_iso(r.at)
                except (TypeError, ValueError):
                    at = EPOCH  # a doctored time; verify names the entry
                entries.append(
                    AuditEntry(
                        seq=r.seq, at=at, case_id=r.case_id, event=r.event, entry_hash=r.hash
                    )
                )
            return entries

    def checked_cases(self) -> list[CaseSummary]:
        """The case list with every case's seal checked too (`damaged` set where it fails).

        Slower than `list_cases` (one key unwrap and a digest of every row per case, no case
        text opened): for `meldcode list` and `due`, which must not miss a tampered case.
        """
        with self._op():
            cases = self.list_cases()
            for summary in cases:
                if not summary.damaged and not self._case_sealed(summary.id):
                    summary.damaged = True
            return cases

    def _case_sealed(self, case_id: str) -> bool:
        row = self._case_row(case_id)
        try:
            keys = self._keys(case_id, row["case_key"])
            manifest = keys.open("cases", case_id, case_id, "manifest", row["manifest"])
        except (vault.SealBroken, ValueError):
            return False
        return sealcheck.case_is_sealed(self._conn, row, manifest, keys.acc_key)

    def accept_damage(self, case_id: str) -> int:
        """The user's choice for a damaged case: keep it as it now is, so it can be changed.

        Records that no longer open are removed (their content is gone already); every other
        row is sealed again as it is, and the audit log says so. Returns how many records
        were removed. A case whose key does not open cannot be kept: only `shred` remains.
        """
        with self._op(write=True), self._db.atomic():
            self._case_keys.pop(case_id, None)
            row = self._case_row(case_id)
            try:
                keys = self._keys(case_id, row["case_key"])
            except (vault.SealBroken, ValueError):
                raise CaseDamaged("the case's key does not open") from None
            try:
                info: Any = self._open_info(case_id, row["info"])
            except (vault.SealBroken, ValueError):
                info = None
            if not isinstance(info, dict):
                info = {"title": ""}
            sealcheck.bind_clear_columns(info, row)
            row["info"] = self._list_sealer.seal(
                codec.dump({k: v for k, v in info.items() if v is not None}),
                ad("cases", case_id, case_id, "info"),
            )
            removed = 0
            listed: dict[str, str] = {}
            self._conn.execute("DELETE FROM manifest_rows WHERE case_id = ?", (case_id,))
            for table, cols in CHILD_COLUMNS.items():
                found = self._conn.execute(
                    f"SELECT {', '.join(cols)} FROM {table} WHERE case_id = ?", (case_id,)
                ).fetchall()
                for values in found:
                    child = dict(zip(cols, values, strict=True))
                    try:
                        keys.open(table, child["id"], case_id, "body", child["body"])
                    except (vault.SealBroken, ValueError):
                        self._conn.execute(f"DELETE FROM {table} WHERE id = ?", (child["id"],))
                        removed += 1
                        continue
                    listed[manifest_key(table, child["id"])] = child_row_digest(table, child)
            # OR REPLACE: an entry of ours moved to another case in the file comes back.
            self._conn.executemany(
                "INSERT OR REPLACE INTO manifest_rows (id, case_id, digest) VALUES (?, ?, ?)",
                [(key, case_id, digest) for key, digest in listed.items()],
            )
            row["updated_at"] = self._now()
            manifest = manifest_mod.new(
                keys.acc_key, self._next_change(case_id), listed, case_row_digest(row)
            )
            row["manifest"] = keys.seal("cases", case_id, case_id, "manifest", manifest)
            self._conn.execute(
                "UPDATE cases SET updated_at = ?, info = ?, manifest = ? WHERE id = ?",
                (row["updated_at"], row["info"], row["manifest"], case_id),
            )
            self._audit("damage_accepted", case_id, codec.blob_digest(row["manifest"]))
            return removed

    def _next_change(self, case_id: str) -> int:
        # The change counter orders the answer history; continue after the highest seen.
        found = self._conn.execute(
            "SELECT MAX(seq) FROM answer_history WHERE case_id = ?", (case_id,)
        ).fetchone()
        try:
            return int(found[0] or 0)
        except (TypeError, ValueError):
            return 0  # a doctored counter; the history then starts counting afresh
