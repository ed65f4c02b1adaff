"""Small encoders shared by the store: JSON payloads, UTC timestamps, ids and row digests."""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
from datetime import UTC, datetime
from typing import Any

from meldcode_tui.store.errors import BrokenText

# No 0/1/i/l/o: ids are read aloud and copied by hand.
ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CASE_ID_LENGTH = 8
ROW_ID_LENGTH = 12


def new_id(length: int) -> str:
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(length))


# Sealed values are padded to these sizes: AES-GCM keeps the length, and without padding
# some answers ("no disclosure" against "disclosure") were known from their length alone.
PAD_MIN = 64
PAD_STEP = 16 * 1024


def padded_length(n: int) -> int:
    """The bucket for n bytes: 64, then powers of two up to 16 KiB, then multiples of 16 KiB."""
    if n <= PAD_MIN:
        return PAD_MIN
    if n <= PAD_STEP:
        return 1 << (n - 1).bit_length()
    return -(-n // PAD_STEP) * PAD_STEP


def dump(payload: Any) -> bytes:
    """Payload -> UTF-8 JSON padded with spaces to its bucket; ValueError if not JSON-able.

    The padding is JSON whitespace, so `load` (and a store written before padding) needs
    nothing special. The error never echoes the value.
    """
    try:
        raw = json.dumps(
            payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (a broken character) cannot be UTF-8: refuse before anything is saved.
        raise BrokenText("value holds a broken character") from None
    except (TypeError, ValueError, RecursionError):
        raise ValueError("value cannot be stored as JSON") from None
    return raw + b" " * (padded_length(len(raw)) - len(raw))


def load(raw: bytes) -> Any:
    return json.loads(raw.decode("utf-8"))


def to_utc(moment: datetime) -> datetime:
    # A naive datetime is taken to be UTC already: the store never uses local time.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso(moment: datetime) -> str:
    return to_utc(moment).isoformat(timespec="microseconds")


def iso_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else iso(moment)


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    # What we write always parses to UTC itself; skip the conversion then (list speed).
    return moment if moment.tzinfo is UTC else to_utc(moment)


def parse_iso_or_none(text: str | None) -> datetime | None:
    return None if text is None else parse_iso(text)


def digest(*fields: str | bytes | int | None) -> str:
    """Unambiguous hash of a row's stored fields, as listed in the case manifest."""
    h = hashlib.sha256()
    for value in fields:
        if value is None:
            h.update(b"\x00")
            continue
        # surrogateescape: a doctored non-UTF-8 cell must hash (and mismatch), not crash.
        raw = value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogateescape")
        h.update(b"\x01" + struct.pack(">I", len(raw)) + raw)
    return h.hexdigest()[:32]


def blob_digest(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()[:32]
