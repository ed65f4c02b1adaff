"""The app's cache folder: results worked out from shipped files, kept to save time (issue 16).

What is kept here is derived from the files that ship with the app (the parsed locale
strings, which flow files passed the full check), never case data, and each entry is keyed
by the SHA-256 of the bytes it came from, so a changed file never gets an old result. A
missing, unreadable, damaged or unwritable cache only costs the work again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

# settings.APP_NAME (tests/test_locale_cache.py checks): not imported, because settings
# imports i18n, which reads its strings through this module.
APP_NAME = "meldcode-tui"


def cache_file(name: str) -> Path:
    """`name` in the platform's user cache folder (XDG_CACHE_HOME on Linux)."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / name


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_json(path: Path) -> Any:
    """The file's JSON, or None when it is missing, unreadable or not JSON."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def write_json(path: Path, value: Any) -> None:
    """Write the whole file under another name, then rename it: two runs at once never leave
    half a file. A cache that cannot be written (read-only profile, full disk) is no error."""
    body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(body)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
