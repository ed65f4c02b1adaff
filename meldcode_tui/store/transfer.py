"""A whole case out of the store and into another one: every row opened, re-sealed on arrival.

The bundle carries each record's opened payload and its clear columns, never a ciphertext
or a key of this store: the receiving store seals everything again under a new case key.
Tables are walked generically (rows.CHILD_COLUMNS), so a record kind added later travels too.
"""

from __future__ import annotations

import os
from typing import Any

from meldcode_tui import vault
from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import codec
from meldcode_tui.store import manifest as manifest_mod
from meldcode_tui.store.errors import CaseDamaged, StoreError
from meldcode_tui.store.reads import CaseReads
from meldcode_tui.store.rows import CASE_COLUMNS, CASE_KEY_BYTES, CHILD_COLUMNS, CaseKeys, ad
from meldcode_tui.store.writes import CaseWrites, _CaseWrite

BUNDLE_CASE_VERSION = 1
_CLEAR_CASE = ("flow_id", "status", "created_at", "updated_at", "next_deadline")
_SEALED_OR_KEYED = {"id", "case_id", "body", "tag"}
# List-blob fields that describe this store's copy, not the case: never carried over.
_LOCAL_INFO = ("handed_over", "received", "status", "flow", "deadline")


class BadCaseData(StoreError):
    """A bundle's case part does not have the shape this version writes."""

    code = "handover.bad_case_data"


def _clear_value(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column == "seq":
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadCaseData("a counter is not a number")
        return value
    if not isinstance(value, str):
        raise BadCaseData("a clear column is not text")
    if column.endswith("_at") or column == "due":
        try:
            codec.parse_iso(value)
        except ValueError:
            raise BadCaseData("a time does not parse") from None
    return value


class CaseTransfer(CaseWrites, CaseReads):
    """`export_case_data`, `import_case_data`, and the marks a hand-over leaves on a case."""

    def export_case_data(self, case_id: str) -> dict[str, Any]:
        """The case as plain data; CaseDamaged when any record does not open or verify."""
        with self._op():
            w = self._begin_write(case_id, allow_handed_over=True)
            rows: dict[str, list[dict[str, Any]]] = {}
            for table, cols in CHILD_COLUMNS.items():
                rows[table] = []
                cursor = self._conn.execute(
                    f"SELECT {', '.join(cols)} FROM {table} WHERE case_id = ? ORDER BY id",
                    (case_id,),
                )
                for found in cursor:
                    child = dict(zip(cols, found, strict=True))
                    try:
                        body = w.keys.open(table, child["id"], case_id, "body", child["body"])
                    except (vault.SealBroken, ValueError):
                        raise CaseDamaged("a record of the case does not open") from None
                    clear = {c: child[c] for c in cols if c not in _SEALED_OR_KEYED}
                    rows[table].append({"id": child["id"], "clear": clear, "body": body})
            audit = [
                {"seq": r.seq, "at": r.at, "event": r.event}
                for r in audit_log.rows(self._conn)
                if r.case_id == case_id
            ]
            info = {k: v for k, v in w.info.items() if k not in _LOCAL_INFO}
            return {
                "v": BUNDLE_CASE_VERSION,
                "id": case_id,
                "case": {c: w.row[c] for c in _CLEAR_CASE},
                "info": info,
                "rows": rows,
                "audit": audit,
            }

    def _free_case_id(self, wanted: Any) -> str:
        """The sender's id when it is free here (easier to talk about), else a new one."""
        if (
            isinstance(wanted, str)
            and len(wanted) == codec.CASE_ID_LENGTH
            and all(c in codec.ID_ALPHABET for c in wanted)
        ):
            taken = self._conn.execute(
                "SELECT 1 FROM cases WHERE id = ? UNION ALL SELECT 1 FROM audit WHERE case_id = ? "
                "UNION ALL SELECT 1 FROM audit WHERE event = 'case_shredded' AND state = ?",
                (wanted, wanted, self._shredded_tag(wanted)),
            ).fetchone()
            if taken is None:
                return wanted
        return self._new_case_id()

    def import_case_data(self, data: Any, received: dict[str, Any]) -> str:
        """Seal a handed-over case into this store under a new key; returns its id here.

        `received` (sender, when, note) is sealed into the case's list blob. One transaction
        with one audit entry (case_received); BadCaseData, with nothing written, otherwise.
        """
        try:
            if data["v"] != BUNDLE_CASE_VERSION:
                raise BadCaseData("unknown case version")
            clear_case = {c: _clear_value(c, data["case"].get(c)) for c in _CLEAR_CASE}
            info = dict(data["info"])
            tables = dict(data["rows"])
        except (KeyError, TypeError, AttributeError):
            raise BadCaseData("case part malformed") from None
        if not clear_case["flow_id"] or clear_case["status"] not in (
            "open",
            "monitoring",
            "closed",
        ):
            raise BadCaseData("case part malformed")
        if set(tables) - set(CHILD_COLUMNS):
            raise BadCaseData("a record kind this version does not know")
        with self._op(write=True), self._db.atomic():
            case_id = self._free_case_id(data.get("id"))
            raw = os.urandom(CASE_KEY_BYTES)
            keys = CaseKeys.from_raw(raw)
            row: dict[str, Any] = {
                "id": case_id,
                **clear_case,
                "case_key": self._key_wrapper.seal(raw, ad("cases", case_id, case_id, "case_key")),
                "info": b"",
                "manifest": b"",
            }
            self._conn.execute(
                f"INSERT INTO cases ({', '.join(CASE_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(CASE_COLUMNS))})",
                tuple(row[c] for c in CASE_COLUMNS),
            )
            for key in _LOCAL_INFO:
                info.pop(key, None)
            info["received"] = received
            w = self._case_write(row, keys, manifest_mod.empty(), info, info_changed=True)
            for table, records in tables.items():
                self._import_rows(w, table, records)
            self._commit_write(w, "case_received")
            self._case_keys[case_id] = keys
            # Read back inside the transaction: a record this version cannot open (a payload
            # of the wrong shape) rolls the whole import back instead of arriving damaged.
            if self._read_case(self._case_row(case_id)).damaged:
                self._case_keys.pop(case_id, None)
                raise BadCaseData("an imported record does not open")
            return case_id

    def _import_rows(self, w: _CaseWrite, table: str, records: Any) -> None:
        cols = CHILD_COLUMNS[table]
        if not isinstance(records, list):
            raise BadCaseData("records malformed")
        for record in records:
            try:
                body, clear = record["body"], dict(record["clear"])
                wanted = record["id"]
            except (KeyError, TypeError, ValueError):
                raise BadCaseData("record malformed") from None
            if not isinstance(body, dict):
                raise BadCaseData("record malformed")
            row_id = (
                wanted if isinstance(wanted, str) and len(wanted) == codec.ROW_ID_LENGTH else ""
            )
            if (
                not row_id
                or self._conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone()
            ):
                row_id = codec.new_id(codec.ROW_ID_LENGTH)
            row: dict[str, Any] = {"id": row_id, "case_id": w.case_id}
            for col in cols:
                if col not in _SEALED_OR_KEYED:
                    row[col] = _clear_value(col, clear.get(col))
            if "tag" in cols:
                if not isinstance(body.get("q"), str):
                    raise BadCaseData("an answer names no question")
                row["tag"] = w.keys.tag(body["q"])
            try:
                row["body"] = w.keys.seal(table, row_id, w.case_id, "body", body)
            except ValueError:
                raise BadCaseData("record cannot be stored") from None
            self._put_child(w, table, row, insert=True)

    def mark_handed_over(self, case_id: str, mark: dict[str, Any]) -> None:
        """Make the case read-only here: sealed "handed over to ... on ..." and an audit entry."""
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id)
            w.info["handed_over"] = mark
            w.info_changed = True
            self._commit_write(w, "case_handed_over")

    def mark_arrived(self, case_id: str, arrived_at: str) -> None:
        """Record that the receipt came back (the case stays read-only)."""
        with self._op(write=True), self._db.atomic():
            w = self._begin_write(case_id, allow_handed_over=True)
            mark = dict(w.info.get("handed_over") or {})
            mark["arrived"] = arrived_at
            w.info["handed_over"] = mark
            w.info_changed = True
            self._commit_write(w, "handover_confirmed")
