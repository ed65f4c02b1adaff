"""Row layout: which columns each table stores, how rows are bound (AD) and digested."""

from __future__ import annotations

import hmac
from hashlib import sha256
from typing import Any

from meldcode_tui.store import codec
from meldcode_tui.vault import SealBroken, Sealer, associated_data

CASE_KEY_BYTES = 64  # 32 for sealing, 32 for the answer-tag HMAC: one unwrap gives both

CASE_COLUMNS = (
    "id",
    "flow_id",
    "status",
    "created_at",
    "updated_at",
    "next_deadline",
    "case_key",
    "info",
    "manifest",
)
# Per child table: the columns in the order they are digested; "body" is always sealed.
CHILD_COLUMNS: dict[str, tuple[str, ...]] = {
    "answers": ("id", "case_id", "tag", "body"),
    "answer_history": ("id", "case_id", "seq", "body"),
    "notes": ("id", "case_id", "created_at", "body"),
    "actions": ("id", "case_id", "created_at", "due", "done_at", "body"),
}
CHILD_TABLES = tuple(CHILD_COLUMNS)


_AD_HEAD = associated_data("store/1")


def ad(table: str, row_id: str, case_id: str, field: str) -> bytes:
    """Associated data: a ciphertext opens only in the row, case and field it was sealed for.

    Equal to associated_data("store/1", table, row_id, case_id, field) (a test checks it),
    spelled out because listing 10,000 cases builds 20,000 of these.
    """
    tail = (
        f"{len(table)}:{table},{len(row_id)}:{row_id},{len(case_id)}:{case_id},"
        f"{len(field)}:{field},"
    )
    return _AD_HEAD + tail.encode("utf-8", "surrogateescape")


def as_blob(value: object) -> bytes:
    """A stored ciphertext, or SealBroken if the cell was replaced by something else."""
    if not isinstance(value, bytes):
        raise SealBroken("stored value is not a blob")
    return value


def manifest_key(table: str, row_id: str) -> str:
    return f"{table}/{row_id}"


def case_row_digest(row: dict[str, Any]) -> str:
    # Clear columns are covered too, so editing a status or deadline in the file is noticed.
    return codec.digest(
        "cases",
        row["id"],
        row["flow_id"],
        row["status"],
        row["created_at"],
        row["updated_at"],
        row["next_deadline"],
        row["info"],
    )


def child_row_digest(table: str, row: dict[str, Any]) -> str:
    return codec.digest(table, *(row[c] for c in CHILD_COLUMNS[table]))


class CaseKeys:
    """A case's data key, unwrapped: destroying its wrapped form destroys the case."""

    # A plain slotted class: one is built per case when the list is opened.
    __slots__ = ("acc_key", "sealer", "tag_key")

    def __init__(self, sealer: Sealer, tag_key: bytes, acc_key: bytes) -> None:
        self.sealer = sealer
        self.tag_key = tag_key
        # The manifest's set-hash key (manifest.py): HMAC under the whole 64-byte case key,
        # so it is neither the sealing key nor the tag key, nor any answer tag.
        self.acc_key = acc_key

    @classmethod
    def from_raw(cls, raw: bytes) -> CaseKeys:
        if len(raw) != CASE_KEY_BYTES:
            raise ValueError("case key has the wrong length")
        acc_key = hmac.digest(raw, b"meldcode/manifest-set/1", "sha256")
        return cls(Sealer(raw[:32]), raw[32:], acc_key)

    def tag(self, question_id: str) -> str:
        """Keyed lookup tag for an answer, so which questions were answered stays hidden."""
        return hmac.new(self.tag_key, question_id.encode("utf-8"), sha256).hexdigest()[:32]

    def seal(self, table: str, row_id: str, case_id: str, field: str, payload: Any) -> bytes:
        return self.sealer.seal(codec.dump(payload), ad(table, row_id, case_id, field))

    def open(self, table: str, row_id: str, case_id: str, field: str, blob: bytes) -> Any:
        """Raises SealBroken (or ValueError for an unreadable payload)."""
        return codec.load(self.sealer.open(as_blob(blob), ad(table, row_id, case_id, field)))
