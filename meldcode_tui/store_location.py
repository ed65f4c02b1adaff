"""Where the store lives: synced folders and network shares corrupt SQLite files; backups age.

Pure functions over a path, the environment and the mount table, so every rule is tested on
every OS; `location_warnings` gathers what the CLI prints when it opens a store.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Literal

# After this many days without a verified backup the CLI reminds the user (the Settings object
# of issue 6 is to make it configurable).
BACKUP_REMINDER_DAYS = 7

# Folder names the sync clients create (Windows, macOS ~/Library/CloudStorage, Linux).
_SYNCED_NAMES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    # service, exact folder names, folder name prefixes (all compared in lower case)
    ("OneDrive", ("onedrive",), ("onedrive - ", "onedrive-")),
    ("Dropbox", ("dropbox",), ("dropbox (", "dropbox-")),
    ("Google Drive", ("google drive", "googledrive", "my drive", "mijn drive"), ("googledrive-",)),
    ("iCloud Drive", ("icloud drive", "iclouddrive", "com~apple~clouddocs"), ()),
)
_ONEDRIVE_ENV = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
# File system types of network mounts in /proc/mounts (Linux) and `mount` (macOS: smbfs, afpfs,
# nfs, webdav).
_NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "afpfs",
        "ncpfs",
        "9p",
        "davfs",
        "fuse.sshfs",
        "webdav",
    }
)


@dataclass(frozen=True)
class LocationRisk:
    kind: Literal["synced", "network"]
    service: str  # OneDrive, Dropbox, Google Drive, iCloud Drive; or the share / file system


def _pure(path: str, platform: str) -> PurePath:
    return PureWindowsPath(path) if platform == "win32" else PurePosixPath(path)


def _under(path: PurePath, folder: PurePath) -> bool:
    parts = [p.lower() for p in path.parts]
    base = [p.lower() for p in folder.parts]
    return bool(base) and parts[: len(base)] == base


def synced_service(path: str, environ: Mapping[str, str], platform: str) -> str | None:
    """The sync service whose folder holds `path`, if any."""
    pure = _pure(path, platform)
    for name in _ONEDRIVE_ENV:
        root = environ.get(name)
        if root and _under(pure, _pure(root, platform)):
            return "OneDrive"
    for part in (p.lower() for p in pure.parts[:-1]):
        for service, exact, prefixes in _SYNCED_NAMES:
            if part in exact or part.startswith(prefixes):
                return service
    return None


def network_share(
    path: str,
    platform: str,
    mounts: Sequence[tuple[str, str]] = (),
    remote_drive: Callable[[str], bool] | None = None,
) -> str | None:
    """The share or network file system that holds `path`, if any.

    `mounts` is (mount point, file system type) as in /proc/mounts; `remote_drive` tells whether
    a Windows drive letter is a mapped network drive.
    """
    if platform == "win32":
        win = PureWindowsPath(path)
        if win.drive.startswith("\\\\") and not win.drive.startswith("\\\\?\\"):
            return win.drive  # \\server\share
        if win.drive.upper().startswith("\\\\?\\UNC\\"):
            return win.drive
        if remote_drive is not None and len(win.drive) == 2 and remote_drive(win.drive):
            return win.drive
        return None
    posix = PurePosixPath(path)
    best: tuple[str, str] | None = None
    for point, fstype in mounts:
        if _under(posix, PurePosixPath(point)) and (best is None or len(point) > len(best[0])):
            best = (point, fstype)
    if best is not None and best[1].lower() in _NETWORK_FS:
        return best[1]
    return None


def location_risk(
    path: str,
    environ: Mapping[str, str],
    platform: str,
    mounts: Sequence[tuple[str, str]] = (),
    remote_drive: Callable[[str], bool] | None = None,
) -> LocationRisk | None:
    service = synced_service(path, environ, platform)
    if service is not None:
        return LocationRisk("synced", service)
    share = network_share(path, platform, mounts, remote_drive)
    if share is not None:
        return LocationRisk("network", share)
    return None


def days_since(moment: datetime | None, now: datetime) -> int | None:
    return None if moment is None else max(0, (now - moment).days)


def last_verified_backup(events: Iterable[tuple[str, datetime]]) -> datetime | None:
    """The time of the newest verified backup among (event, time) audit entries."""
    times = [at for event, at in events if event == "backup_verified"]
    return max(times) if times else None


def backup_overdue(
    last_backup: datetime | None, created: datetime | None, now: datetime, limit: int
) -> bool:
    """A reminder is due once the newest backup (or, without one, the store) is `limit` days old."""
    since = days_since(last_backup, now)
    if since is None:
        since = days_since(created, now)
    return since is not None and since >= limit


def _proc_mounts() -> list[tuple[str, str]]:
    try:
        text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            # Spaces in mount points are written as \040.
            mounts.append((fields[1].replace("\\040", " "), fields[2]))
    return mounts


def parse_darwin_mount(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) from macOS's `mount` output.

    A line reads `//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by x)`;
    macOS has no /proc/mounts, and Python's statvfs does not give the file system's name.
    """
    mounts = []
    for line in text.splitlines():
        head, sep, options = line.rpartition(" (")
        if not sep or " on " not in head:
            continue
        point = head.split(" on ", 1)[1]
        mounts.append((point, options.split(",", 1)[0].rstrip(")").strip()))
    return mounts


def _darwin_mounts() -> list[tuple[str, str]]:  # pragma: no cover - macOS only
    import subprocess

    try:
        done = subprocess.run(
            ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return parse_darwin_mount(done.stdout)


def _mounts() -> list[tuple[str, str]]:
    if sys.platform.startswith("linux"):
        return _proc_mounts()
    if sys.platform == "darwin":
        return _darwin_mounts()
    return []


def _windows_remote_drive(drive: str) -> bool:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        return False
    import ctypes

    drive_remote = 4  # DRIVE_REMOTE from GetDriveTypeW
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)


def store_location_risk(store_path: Path) -> LocationRisk | None:
    """location_risk for a real store path on this machine."""
    try:
        resolved = str(store_path.resolve())
    except OSError:
        resolved = str(store_path)
    return location_risk(
        resolved,
        os.environ,
        sys.platform,
        _mounts(),
        _windows_remote_drive if sys.platform == "win32" else None,
    )
