"""The store's own sealed records outside any case: its identity, address book, hand-overs.

Each lives in one `meta` row, sealed with its own subkey of the master key (so `passwd`,
which rewraps only the master key, keeps them working) and bound to its row name. Every
change is pinned by an audit entry carrying the sealed blob's digest, so an older copy of
a row put back into the file (an address-book entry un-removed, a hand-over un-received)
is noticed like a case put back.
"""

from __future__ import annotations

from typing import Any

from meldcode_tui import vault
from meldcode_tui.store import audit as audit_log
from meldcode_tui.store import codec
from meldcode_tui.store.base import StoreBase
from meldcode_tui.store.errors import StoreDamaged
from meldcode_tui.store.records import DamagedRecord
from meldcode_tui.vault import associated_data
from meldcode_tui.vault.identity import Identity

META_ROWS = ("identity", "contacts", "handovers")


class MetaDamaged(StoreDamaged):
    """A sealed meta row does not open, or is not the one the audit log last pinned."""

    code = "handover.meta_damaged"


class StoreRecords(StoreBase):
    """Sealed store-wide records (identity, contacts, hand-overs), one transaction per change."""

    def _meta_ad(self, name: str) -> bytes:
        return associated_data("meta", name)

    def _pinned(self, name: str) -> str | None:
        found = self._conn.execute(
            "SELECT state FROM audit WHERE case_id IS NULL AND state LIKE ? "
            "ORDER BY seq DESC LIMIT 1",
            (f"meta/{name}:%",),
        ).fetchone()
        return None if found is None else str(found[0])

    def _meta_read(self, name: str) -> Any:
        """The opened record, or None when it was never written; MetaDamaged when tampered."""
        found = self._conn.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        pinned = self._pinned(name)
        if found is None:
            if pinned is not None:
                raise MetaDamaged("a sealed record was removed")
            return None
        blob = found[0]
        if not isinstance(blob, bytes) or pinned != f"meta/{name}:{codec.blob_digest(blob)}":
            raise MetaDamaged("a sealed record is not the one last written")
        try:
            return codec.load(self._master.sealer(f"meta/{name}").open(blob, self._meta_ad(name)))
        except (vault.SealBroken, ValueError):
            raise MetaDamaged("a sealed record does not open") from None

    def _meta_write(self, name: str, payload: Any, event: str, at: str | None = None) -> None:
        """Seal and store a record with its audit pin; call inside the change's transaction."""
        blob = self._master.sealer(f"meta/{name}").seal(codec.dump(payload), self._meta_ad(name))
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (name, blob),
        )
        audit_log.append(
            self._conn,
            self._audit_key,
            at=at or self._now(),
            case_id=None,
            event=event,
            state=f"meta/{name}:{codec.blob_digest(blob)}",
        )

    # ------------------------------------------------------------- identity

    def _ensure_identity(self, at: str | None = None) -> None:
        """Made at `init`, and on the first unlock of a store from before identities."""
        if self._meta_read("identity") is None:
            with self._db.atomic():
                moment = at or self._now()
                fresh = Identity.generate(moment)
                self._meta_write("identity", fresh.to_json(), "identity_created", moment)

    def identity(self) -> Identity:
        """This store's identity (MetaDamaged if tampered; made now if a writer lacks one)."""
        with self._op():
            stored = self._meta_read("identity")
        if stored is None:
            with self._op(write=True):
                self._ensure_identity()
                stored = self._meta_read("identity")
        try:
            return Identity.from_json(stored)
        except ValueError:
            raise MetaDamaged("the identity record is malformed") from None

    def rotate_identity(self) -> Identity:
        """A new key pair; colleagues need the new public line, what is under way still opens."""
        current = self.identity()
        with self._op(write=True), self._db.atomic():
            fresh = current.rotated(self._now())
            self._meta_write("identity", fresh.to_json(), "identity_rotated")
        return fresh

    def verify_records(self) -> list[DamagedRecord]:
        """`verify` for the records outside any case: each opens and is the one last pinned.

        A changed address book could send the next hand-over to someone else's key, so it is
        checked like a case, not only when a hand-over reads it."""
        damaged = []
        with self._op():
            for name in META_ROWS:
                try:
                    payload = self._meta_read(name)
                    if name == "identity" and payload is not None:
                        Identity.from_json(payload)
                except (MetaDamaged, ValueError):
                    damaged.append(DamagedRecord("meta", name, None, "record", "altered"))
        return damaged

    # ----------------------------------------------------- contacts, hand-overs

    def read_record(self, name: str) -> Any:
        """The opened address book or hand-over register (None before the first write)."""
        if name not in ("contacts", "handovers"):
            raise ValueError("unknown record")
        with self._op():
            return self._meta_read(name)

    def write_record(self, name: str, payload: Any) -> None:
        """Replace the address book or hand-over register, in one transaction with its pin."""
        if name not in ("contacts", "handovers"):
            raise ValueError("unknown record")
        with self._op(write=True), self._db.atomic():
            self._meta_read(name)  # refuse to seal over a tampered record
            self._meta_write(name, payload, f"{name}_changed")
