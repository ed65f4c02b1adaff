"""Write an export: owner-only, atomic, never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import date
from pathlib import Path


class ExportExists(FileExistsError):
    """The target exists and overwriting was not asked for (the message holds no user text)."""


def default_filename(case_ref: str, fmt: str, day: date, preset: str | None = None) -> str:
    """meldcode-<case reference>-<YYYY-MM-DD>[-<preset>].<format>: the reference is a pseudonym."""
    safe = "".join(c for c in case_ref if c.isalnum() or c in "-_") or "casus"
    tail = f"-{preset}" if preset else ""
    return f"meldcode-{safe}-{day.isoformat()}{tail}.{fmt}"


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write `data` to `path` with mode 0600 (POSIX), atomically.

    The bytes go to a temporary file beside the target (never to a shared temp folder,
    where cleartext could linger) and are renamed into place once complete. Without
    `overwrite`, an existing target raises ExportExists, also when it appears meanwhile.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not overwrite and path.exists():
        raise ExportExists("export target exists")
    # mkstemp creates the file 0600 on POSIX before a byte is written.
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                # A hard link fails if the name is taken: no window in which to clobber.
                os.link(tmp, path)
            except FileExistsError:
                raise ExportExists("export target exists") from None
            except OSError:
                # File systems without hard links: the check above is the best we have.
                if path.exists():
                    raise ExportExists("export target exists") from None
                os.replace(tmp, path)
        _fsync_dir(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return path
