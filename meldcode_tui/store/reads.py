"""Reading cases back: the case list, and a whole case with the records that did not open."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from meldcode_tui import vault
from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import codec, sealcheck
from meldcode_tui.store import manifest as manifest_mod
from meldcode_tui.store.base import EPOCH, StoreBase
from meldcode_tui.store.lifecycle import lifecycle_events
from meldcode_tui.store.records import (
    Action,
    AnswerChange,
    Case,
    CaseSummary,
    DamagedRecord,
    EntryFix,
    Note,
    Revision,
)
from meldcode_tui.store.rows import (
    CHILD_COLUMNS,
    CaseKeys,
    as_blob,
    case_row_digest,
    child_row_digest,
    manifest_key,
)
from meldcode_tui.store.schema import schema_version


@dataclass(frozen=True)
class FirstCases:
    """The cases a list shows first (see `CaseReads.list_first`), and how many there are."""

    summaries: list[CaseSummary]
    total: int
    # Cases past a limit by the clear columns (the full list counts them from the sealed copy).
    late: int


class CaseReads(StoreBase):
    """`list_cases` and `get_case`; `_read_case` checks each record against the manifest."""

    def list_cases(self) -> list[CaseSummary]:
        """Every case, newest change first: one open of its list blob per case, no key unwrap."""
        with self._op() as conn:
            rows = self._list_rows(conn)
            out = []
            summary = self._summary
            for row in rows:
                info: Any
                try:
                    info = self._open_info(row[0], row[6])
                except (vault.SealBroken, ValueError):
                    info = None
                out.append(summary(row[0], row[1], row[2], row[3], row[4], row[5], info))
            return out

    def count_cases(self) -> int:
        with self._op() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0])

    def list_first(self, now: datetime, limit: int) -> FirstCases:
        """The newest `limit` cases and the `limit` longest overdue, opened; the rest not.

        Picked by the clear columns, which the database can read without a key: a store of
        10,000 cases shows its list from 200 openings instead of 10,000. The summaries are as
        `list_cases` makes them (a sealed copy that differs from its clear column is damaged),
        in its order; a caller follows with `list_cases`, which catches a case the doctored
        clear columns left out of this page.

        The picking is done by SQLite on the listing index (schema.py): reading all 10,000
        ids and deadlines into Python to pick 200 took 30 ms of the unlock (issue 16).
        """
        # ISO times as the store writes them (UTC, microseconds) sort as the moments do; a
        # doctored deadline that is not text is not overdue (as in the whole list).
        late = (
            "FROM cases WHERE status IS NOT 'closed' AND typeof(next_deadline) = 'text' "
            "AND next_deadline < ?"
        )
        moment = codec.iso(now)
        with self._op() as conn:
            total = int(conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0])
            newest = self._list_rows(
                conn, "SELECT id FROM cases ORDER BY updated_at DESC, id LIMIT ?", (limit,)
            )
            late_count = int(conn.execute(f"SELECT COUNT(*) {late}", (moment,)).fetchone()[0])
            longest = self._list_rows(
                conn,
                f"SELECT id {late} ORDER BY next_deadline, updated_at DESC, id LIMIT ?",
                (moment, limit),
            )
            chosen = tuple({r[0] for r in newest} | {r[0] for r in longest})
            marks = ", ".join("?" * len(chosen))
            query = (
                "SELECT id, flow_id, status, created_at, updated_at, next_deadline, info "
                f"FROM cases WHERE id IN ({marks}) ORDER BY updated_at DESC, id"
            )
            opened = self._list_rows(conn, query, chosen) if chosen else []
            summaries = [self._summary_of(row) for row in opened]
            return FirstCases(summaries=summaries, total=total, late=late_count)

    def _summary_of(self, row: Any) -> CaseSummary:
        info: Any
        try:
            info = self._open_info(row[0], row[6])
        except (vault.SealBroken, ValueError):
            info = None
        return self._summary(row[0], row[1], row[2], row[3], row[4], row[5], info)

    @staticmethod
    def _list_rows(
        conn: sqlite3.Connection, query: str | None = None, params: tuple[Any, ...] = ()
    ) -> list[Any]:
        query = query or (
            "SELECT id, flow_id, status, created_at, updated_at, next_deadline, info "
            "FROM cases ORDER BY updated_at DESC, id"
        )
        # Plain str decoding is a third faster; a doctored non-UTF-8 cell makes it raise,
        # and then the lenient decoder reads the rows instead.
        lenient = conn.text_factory
        conn.text_factory = str
        try:
            return conn.execute(query, params).fetchall()
        except sqlite3.OperationalError:
            conn.text_factory = lenient
            return conn.execute(query, params).fetchall()
        finally:
            conn.text_factory = lenient

    @staticmethod
    def _summary(
        case_id: str,
        flow_id: str,
        status: str,
        created_at: str,
        updated_at: str,
        next_deadline: str | None,
        info: Any,
    ) -> CaseSummary:
        damaged = not isinstance(info, dict)
        data: dict[str, Any] = {} if damaged else info
        if "status" in data:
            # Status, flow and deadline are read from the sealed copy; a clear copy that
            # differs was edited in the file (the list and `due` must not follow it).
            clear = {"status": status, "flow_id": flow_id, "next_deadline": next_deadline}
            damaged = not sealcheck.clear_columns_match(data, clear)
            status, flow_id = str(data["status"]), str(data.get("flow", flow_id))
            next_deadline = data.get("deadline")
        try:
            created = codec.parse_iso(created_at)
            updated = codec.parse_iso(updated_at)
            deadline = None if next_deadline is None else codec.parse_iso(next_deadline)
        except (TypeError, ValueError):
            # A doctored time: show the case anyway, flagged; verify names the row.
            created = updated = EPOCH
            deadline = None
            damaged = True
        return CaseSummary(
            id=case_id,
            title=str(data.get("title", "")),
            flow_id=flow_id,
            status=status,
            created_at=created,
            updated_at=updated,
            next_deadline=deadline,
            current_step=data.get("current_step"),
            melden=data.get("melden"),
            hulp=data.get("hulp"),
            damaged=damaged,
            handed_over=bool(data.get("handed_over")),
        )

    def get_case(self, case_id: str) -> Case:
        """Open a whole case; records that fail to open are listed in `Case.damaged`."""
        with self._op():
            return self._read_case(self._case_row(case_id))

    def _read_case(self, row: dict[str, Any], *, thorough: bool = False) -> Case:
        """The case with every record checked; `thorough` (verify) checks the listing too."""
        case_id = row["id"]
        damaged: list[DamagedRecord] = []
        clear = (
            case_id,
            row["flow_id"],
            row["status"],
            row["created_at"],
            row["updated_at"],
            row["next_deadline"],
        )

        def broken(table: str, row_id: str, fld: str, reason: str) -> None:
            damaged.append(DamagedRecord(table, row_id, case_id, fld, reason))

        try:
            keys = self._keys(case_id, row["case_key"])
        except (vault.SealBroken, ValueError):
            broken("cases", case_id, "case_key", "unreadable")
            return Case(
                summary=self._summary(*clear, None),
                answers={},
                history=[],
                notes=[],
                actions=[],
                damaged=damaged,
            )
        children: list[tuple[str, str, dict[str, Any], str]] = []
        for table, cols in CHILD_COLUMNS.items():
            cursor = self._conn.execute(
                f"SELECT {', '.join(cols)} FROM {table} WHERE case_id = ?", (case_id,)
            )
            for found in cursor:
                child = dict(zip(cols, found, strict=True))
                key = manifest_key(table, child["id"])
                children.append((table, key, child, child_row_digest(table, child)))
        seal = self._seal(row, keys, {key: digest for _, key, _, digest in children}, thorough)
        expected = seal.listed
        if not seal.opened:
            broken("cases", case_id, "manifest", "unreadable")
        else:
            last = audit_log.last_case_entry(self._conn, case_id)
            pinned = last is not None and last[1] == codec.blob_digest(as_blob(row["manifest"]))
            # Not pinned: the rows and manifest agree but not with the log (the case was put
            # back). Not covered: rows and their listing were changed together.
            if not pinned or not seal.covered:
                broken("cases", case_id, "manifest", "altered")
        info: Any = None
        try:
            info = self._open_info(case_id, row["info"])
        except (vault.SealBroken, ValueError):
            broken("cases", case_id, "info", "unreadable")
        else:
            if seal.opened and seal.case_digest != case_row_digest(row):
                broken("cases", case_id, "row", "altered")
        seen: set[str] = set()
        opened: dict[str, list[tuple[dict[str, Any], Any]]] = {t: [] for t in CHILD_COLUMNS}
        for table, key, child, digest in children:
            seen.add(key)
            try:
                payload = keys.open(table, child["id"], case_id, "body", child["body"])
                if not isinstance(payload, dict):
                    raise ValueError("unexpected payload")
            except (vault.SealBroken, ValueError):
                broken(table, child["id"], "body", "unreadable")
                continue
            if expected is not None and expected.get(key) != digest:
                broken(table, child["id"], "row", "altered" if key in expected else "unexpected")
                continue
            opened[table].append((child, payload))
        # A doctored key may not be text: named as found.
        for key in sorted(str(k) for k in set(expected or ()) - seen):
            table, _, row_id = key.partition("/")
            broken(table, row_id, "row", "missing")
        for key in seal.stray:
            broken("manifest_rows", key, "row", "altered")
        case = self._assemble(case_id, opened, damaged)
        case.summary = self._summary(*clear, info)
        case.position = info.get("position") if isinstance(info, dict) else None
        start = info.get("retention_start") if isinstance(info, dict) else None
        case.retention_start = start if isinstance(start, str) else None
        case.lifecycle = lifecycle_events(info)
        for name in ("handed_over", "received"):
            mark = info.get(name) if isinstance(info, dict) else None
            setattr(case, name, mark if isinstance(mark, dict) else None)
        case.damaged = damaged
        return case

    def _seal(
        self, row: dict[str, Any], keys: CaseKeys, rows: dict[str, str], thorough: bool
    ) -> manifest_mod.Seal:
        """What the case's manifest says of its rows (`rows`: key -> digest, as found).

        When the rows are the set the manifest was sealed over, the listing is not needed
        (`thorough`, for verify, still compares it). Otherwise the listing names the rows
        that differ, and the manifest says whether the listing itself can be believed.
        """
        case_id = row["id"]
        try:
            opened = keys.open("cases", case_id, case_id, "manifest", row["manifest"])
        except (vault.SealBroken, ValueError):
            opened = None
        if schema_version(self._conn) < manifest_mod.VERSION:
            # A store not yet upgraded, read where it cannot be (salvage, a backup checked
            # before it is restored): its manifest is the old sealed list of every row.
            return manifest_mod.legacy_seal(case_id, opened)
        if not manifest_mod.well_formed(opened):
            return manifest_mod.Seal(manifest_mod.listing(self._conn, case_id), opened=False)
        digest = opened["case"]
        if manifest_mod.covers(keys.acc_key, opened, rows):
            stray: tuple[str, ...] = ()
            if thorough:
                # The rows are as sealed; a listing edited on its own is named, not the rows.
                listed = manifest_mod.listing(self._conn, case_id)
                stray = tuple(sorted(str(k) for k in set(listed) ^ set(rows)))
                stray += tuple(sorted(k for k in rows if k in listed and listed[k] != rows[k]))
            return manifest_mod.Seal(
                None, opened=True, covered=True, case_digest=digest, stray=stray
            )
        listed = manifest_mod.listing(self._conn, case_id)
        covered = manifest_mod.covers(keys.acc_key, opened, listed)
        return manifest_mod.Seal(listed, opened=True, covered=covered, case_digest=digest)

    def _assemble(
        self,
        case_id: str,
        opened: dict[str, list[tuple[dict[str, Any], Any]]],
        damaged: list[DamagedRecord],
    ) -> Case:
        answers: dict[str, Any] = {}
        history: list[AnswerChange] = []
        notes: list[Note] = []
        actions: list[Action] = []

        def bad(table: str, row_id: str) -> None:
            damaged.append(DamagedRecord(table, row_id, case_id, "body", "unreadable"))

        for child, p in opened["answers"]:
            try:
                answers[str(p["q"])] = p["v"]
            except KeyError:
                bad("answers", child["id"])
        for child, p in sorted(opened["answer_history"], key=lambda cp: cp[0]["seq"]):
            try:
                history.append(
                    AnswerChange(
                        question_id=str(p["q"]),
                        value=p["v"],
                        previous=p["p"],
                        author_role=str(p["by"]),
                        at=codec.parse_iso(p["at"]),
                        cleared=bool(p.get("cleared", False)),
                        fix=_entry_fix(p.get("fix")),
                    )
                )
            except (KeyError, TypeError, ValueError):
                bad("answer_history", child["id"])
        for child, p in sorted(opened["notes"], key=lambda cp: (cp[0]["created_at"], cp[0]["id"])):
            try:
                notes.append(
                    Note(
                        id=child["id"],
                        kind=p["kind"],
                        text=str(p["text"]),
                        step_id=p["step"],
                        author_role=str(p["by"]),
                        created_at=codec.parse_iso(child["created_at"]),
                        for_record=bool(p["rec"]),
                        earlier=tuple(_revision(x) for x in p.get("was") or ()),
                        withdrawn=_revision(p["gone"]) if p.get("gone") else None,
                    )
                )
            except (KeyError, TypeError, ValueError):
                bad("notes", child["id"])
        ordered = sorted(opened["actions"], key=lambda cp: (cp[0]["created_at"], cp[0]["id"]))
        for child, p in ordered:
            try:
                actions.append(
                    Action(
                        id=child["id"],
                        text=str(p["text"]),
                        owner=str(p["owner"]),
                        due=codec.parse_iso_or_none(child["due"]),
                        done_at=codec.parse_iso_or_none(child["done_at"]),
                        created_at=codec.parse_iso(child["created_at"]),
                    )
                )
            except (KeyError, TypeError, ValueError):
                bad("actions", child["id"])
        placeholder = self._summary(case_id, "", "", "", "", None, None)
        return Case(
            summary=placeholder, answers=answers, history=history, notes=notes, actions=actions
        )


def _revision(raw: Any) -> Revision:
    """A correction mark of a note; a doctored one raises (the note is then named damaged)."""
    if not isinstance(raw, dict):
        raise TypeError("unexpected revision")
    return Revision(
        at=codec.parse_iso(raw["at"]),
        author_role=str(raw["by"]),
        reason=str(raw.get("why", "")),
        text=str(raw.get("text", "")),
    )


def _entry_fix(raw: Any) -> EntryFix | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or raw.get("op") not in ("corrected", "withdrawn"):
        raise TypeError("unexpected entry fix")
    return EntryFix(op=raw["op"], entry=int(raw["n"]), reason=str(raw.get("why", "")))
