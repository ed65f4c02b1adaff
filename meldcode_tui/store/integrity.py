"""Checking a store: every record, every manifest and the audit chain; the audit log itself."""

from __future__ import annotations

from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import codec
from meldcode_tui.store.base import EPOCH
from meldcode_tui.store.reads import CaseReads
from meldcode_tui.store.records import AuditEntry, DamagedRecord
from meldcode_tui.store.rows import CASE_COLUMNS, CHILD_TABLES


class StoreIntegrity(CaseReads):
    """`verify` reads every case the way `get_case` does, then looks for what is not there."""

    def verify(self) -> list[DamagedRecord]:
        """Open every record, check every manifest and the audit chain; [] means all is well."""
        with self._op() as conn:
            damaged: list[DamagedRecord] = []
            # Unwrap every case key afresh: a cached key would hide a damaged wrapped one.
            self._case_keys.clear()
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                damaged.append(DamagedRecord("store", "pages", None, "structure", "altered"))
            case_ids: set[str] = set()
            cursor = conn.execute(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases ORDER BY id")
            for found in cursor.fetchall():
                row = dict(zip(CASE_COLUMNS, found, strict=True))
                case_ids.add(row["id"])
                damaged.extend(self._read_case(row).damaged)
            for table in CHILD_TABLES:
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
