"""Exports written beside the app: recorded in the audit trail by the next writer.

A command run while the app holds the store opens it read-only (WAL allows it), so it cannot
write the audit trail when it exports a summary. It leaves a sealed note instead, one small
file per export beside the store (`.<store name>.exported-<random>`): which case, whether it
answered a parent's request to inspect, and when. The writer (the app at its next lock, quit or
open, or the next command that opens the store for writing) records each note as the export's
audit entry and deletes it. The note is sealed under a key from the store's master key, so it
reveals nothing, and a note that does not open (edited, or from another store) is left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from meldcode_tui import vault
from meldcode_tui.store import files

_PURPOSE = "beside-exports"
_NAME = re.compile(r"^\.(?P<store>.+)\.exported-[0-9a-f]{16}$")


@dataclass(frozen=True)
class BesideExport:
    file: Path
    case_id: str
    inspection: bool
    at: datetime


def _ad(store_path: Path) -> bytes:
    return vault.associated_data("beside-export", "1", store_path.name)


def leave_note(
    master: vault.MasterKey, store_path: Path, case_id: str, *, inspection: bool, at: datetime
) -> Path:
    """Write the sealed note of one export (OSError when the folder cannot be written)."""
    body = json.dumps({"case": case_id, "inspection": inspection, "at": at.isoformat()})
    sealed = master.sealer(_PURPOSE).seal(body.encode("utf-8"), _ad(store_path))
    name = f".{store_path.name}.exported-{secrets.token_hex(8)}"
    return files.write_private(store_path.parent / name, sealed)


def pending(master: vault.MasterKey, store_path: Path) -> list[BesideExport]:
    """The notes beside this store that open under its key, oldest first."""
    try:
        names = os.listdir(store_path.parent)
    except OSError:
        return []
    sealer = master.sealer(_PURPOSE)
    found: list[BesideExport] = []
    for name in names:
        match = _NAME.match(name)
        if match is None or match["store"] != store_path.name:
            continue
        file = store_path.parent / name
        try:
            data = json.loads(sealer.open(file.read_bytes(), _ad(store_path)))
            found.append(
                BesideExport(
                    file=file,
                    case_id=str(data["case"]),
                    inspection=bool(data["inspection"]),
                    at=datetime.fromisoformat(str(data["at"])),
                )
            )
        except (OSError, ValueError, KeyError, TypeError, vault.SealBroken):
            # Not one of ours, or damaged: never deleted unread, never recorded.
            continue
    return sorted(found, key=lambda note: (note.at, note.file.name))


def remove(note: BesideExport) -> None:
    with contextlib.suppress(OSError):
        note.file.unlink()
