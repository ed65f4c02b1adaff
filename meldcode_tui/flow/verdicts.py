"""Which flow files already passed the full check, remembered by their exact content (issue 16).

The full check (flow/checks.py with the path search of flow/reachability.py) takes most of the
time of loading the shipped flows, and the shipped files do not change between two runs. So a
file that passed is remembered by the SHA-256 of its bytes, together with a fingerprint of the
checking code: the same bytes checked by the same code give the same answer, so the answer is
reused instead of searched again. Any edit of the file, or another version of the app, misses
and checks in full. What is kept is protocol text from the shipped files (id, version, title,
description), no case data; it lives in the user's cache folder, never beside the store, and a
missing, unreadable or corrupt cache only costs the full check again.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from meldcode_tui import __version__
from meldcode_tui.cache_folder import cache_file, read_json, write_json

CACHE_FILE = "flows-checked.json"
# Bumped when the file's layout changes; older layouts are then ignored.
LAYOUT = 1


@dataclass(frozen=True)
class Listing:
    """What `meldcode flows list` shows of a flow that passed the full check."""

    id: str
    version: str
    title: dict[str, str]
    description: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
        }


@cache
def checker_fingerprint() -> str:
    """The app's version and the bytes of the flow package's code: what decides a verdict.

    A frozen build (PyInstaller) has no source files beside it: its executable stands for
    the code, by size and time, so another build never reuses this one's verdicts.
    """
    h = hashlib.sha256(f"{LAYOUT}:{__version__}".encode())
    sources = sorted(Path(__file__).resolve().parent.glob("*.py"))
    if sources:
        for source in sources:
            h.update(source.name.encode())
            h.update(source.read_bytes())
    else:
        stat = Path(sys.executable).stat()
        h.update(f"{sys.executable}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return h.hexdigest()


class Verdicts:
    """The remembered passes, read once; `save` writes them back when one was added."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_file(CACHE_FILE)
        self._passed: dict[str, dict[str, Any]] = self._read()
        self._changed = False

    def _read(self) -> dict[str, dict[str, Any]]:
        raw = read_json(self.path)
        if not isinstance(raw, dict) or raw.get("checker") != checker_fingerprint():
            return {}
        passed = raw.get("passed")
        return passed if isinstance(passed, dict) else {}

    def listing(self, file_digest: str) -> Listing | None:
        """The listing of a file with these bytes if it passed; None: check it in full."""
        entry = self._passed.get(file_digest)
        if not isinstance(entry, dict):
            return None
        try:
            return Listing(
                id=_text(entry["id"]),
                version=_text(entry["version"]),
                title=_pair(entry["title"]),
                description=_pair(entry["description"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def passed(self, file_digest: str) -> bool:
        return self.listing(file_digest) is not None

    def remember(self, file_digest: str, listing: Listing) -> None:
        """A file with these bytes passed the full check."""
        if self._passed.get(file_digest) != listing.to_json():
            self._passed[file_digest] = listing.to_json()
            self._changed = True

    def save(self) -> None:
        if not self._changed:
            return
        self._changed = False
        write_json(self.path, {"checker": checker_fingerprint(), "passed": self._passed})


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _pair(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != {"nl", "en"}:
        raise ValueError(value)
    return {"nl": _text(value["nl"]), "en": _text(value["en"])}
