"""Where the store lives: synced folders and network shares are named; old backups remind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from meldcode_tui.casework.store_warnings import backup_age_days, open_warnings
from meldcode_tui.store import Store
from meldcode_tui.store_location import LocationRisk, backup_overdue, location_risk
from meldcode_tui.vault import INSECURE_TEST_ENV

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
PASSPHRASE = "paard batterij nietje correct"


@pytest.mark.parametrize(
    ("path", "environ", "platform", "risk"),
    [
        (
            r"C:\Users\ann\OneDrive - Lyceum\meldcode\cases.meldcode",
            {},
            "win32",
            LocationRisk("synced", "OneDrive"),
        ),
        (
            r"D:\Sync\Werk\cases.meldcode",
            {"OneDriveCommercial": r"D:\Sync"},
            "win32",
            LocationRisk("synced", "OneDrive"),
        ),
        (r"C:\Users\ann\Dropbox\cases.meldcode", {}, "win32", LocationRisk("synced", "Dropbox")),
        (r"G:\Mijn Drive\cases.meldcode", {}, "win32", LocationRisk("synced", "Google Drive")),
        (
            r"C:\Users\ann\iCloudDrive\cases.meldcode",
            {},
            "win32",
            LocationRisk("synced", "iCloud Drive"),
        ),
        (
            "/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/cases.meldcode",
            {},
            "darwin",
            LocationRisk("synced", "iCloud Drive"),
        ),
        (
            "/Users/ann/Library/CloudStorage/GoogleDrive-ann@school.nl/My Drive/c.meldcode",
            {},
            "darwin",
            LocationRisk("synced", "Google Drive"),
        ),
        (
            "/Users/ann/Library/CloudStorage/OneDrive-Personal/c.meldcode",
            {},
            "darwin",
            LocationRisk("synced", "OneDrive"),
        ),
        (
            r"\\fileserver\docenten\ann\cases.meldcode",
            {},
            "win32",
            LocationRisk("network", r"\\fileserver\docenten"),
        ),
        (r"C:\Users\ann\AppData\Local\meldcode\cases.meldcode", {}, "win32", None),
        ("/home/ann/.local/share/meldcode/cases.meldcode", {}, "linux", None),
        # A file merely called like a service is not in its folder.
        ("/home/ann/Dropbox.meldcode", {}, "linux", None),
    ],
)
def test_location_risk(
    path: str, environ: dict[str, str], platform: str, risk: LocationRisk | None
) -> None:
    assert location_risk(path, environ, platform) == risk


def test_mapped_network_drive_and_network_mounts() -> None:
    assert location_risk(r"H:\cases.meldcode", {}, "win32", remote_drive=lambda d: d == "H:") == (
        LocationRisk("network", "H:")
    )
    assert (
        location_risk(r"C:\cases.meldcode", {}, "win32", remote_drive=lambda d: d == "H:") is None
    )
    mounts = [("/", "ext4"), ("/home", "ext4"), ("/home/ann/school", "cifs")]
    assert location_risk("/home/ann/school/c.meldcode", {}, "linux", mounts) == (
        LocationRisk("network", "cifs")
    )
    assert location_risk("/home/ann/c.meldcode", {}, "linux", mounts) is None


def test_backup_reminder_counts_from_the_last_backup_or_the_store() -> None:
    week = timedelta(days=7)
    assert not backup_overdue(None, NOW - timedelta(days=6), NOW, 7)
    assert backup_overdue(None, NOW - week, NOW, 7)
    assert not backup_overdue(NOW - timedelta(days=2), NOW - 10 * week, NOW, 7)
    assert backup_overdue(NOW - timedelta(days=9), NOW - 10 * week, NOW, 7)


def test_open_warnings_follow_the_verified_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(INSECURE_TEST_ENV, "1")
    path = tmp_path / "cases.meldcode"
    store, _ = Store.create(path, PASSPHRASE, recovery=False)
    with store:
        assert backup_age_days(store) is None
        assert open_warnings(store, path) == []  # a new store needs no reminder yet
        later = datetime.now(UTC) + timedelta(days=8)
        (never,) = open_warnings(store, path, now=later)
        assert "meldcode backup" in never
        store.backup(tmp_path / "copy.meldcode")
        made = store.audit()[-1]
        assert made.event == "backup_verified"
        assert backup_age_days(store) == 0
        assert open_warnings(store, path, now=made.at + timedelta(days=6)) == []
        (old,) = open_warnings(store, path, now=made.at + timedelta(days=15, hours=1))
        assert "15 dagen" in old  # days since the backup, not since the store was made


def test_the_cli_warns_once_when_the_store_is_in_a_synced_folder(
    tmp_path: Path, meldcode_script: str
) -> None:
    import subprocess

    from smoke import smoke_env

    synced = tmp_path / "Dropbox" / "cases.meldcode"
    env = smoke_env(tmp_path) | {"MELDCODE_STORE": str(synced)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [meldcode_script, *args], capture_output=True, text=True, env=env, check=False
        )

    assert run("init", "--no-recovery").returncode == 0
    listed = run("list")
    assert listed.returncode == 0, listed.stderr
    warnings = [line for line in listed.stderr.splitlines() if "Dropbox" in line]
    assert len(warnings) == 1 and "synced folder" in warnings[0]


def test_a_macos_smb_share_is_named_from_the_mount_table() -> None:
    from meldcode_tui.store_location import network_share, parse_darwin_mount

    table = parse_darwin_mount(
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)\n"
        "//juf@nas.school.local/Zorg Team on /Volumes/Zorg Team (smbfs, nodev, nosuid, "
        "mounted by juf)\n"
        "/dev/disk4s1 on /Volumes/USB (msdos, local, nodev, nosuid, noowners)\n"
    )
    assert ("/Volumes/Zorg Team", "smbfs") in table
    assert network_share("/Volumes/Zorg Team/meldcode.store", "darwin", table) == "smbfs"
    # A USB stick and the boot disk are local.
    assert network_share("/Volumes/USB/meldcode.store", "darwin", table) is None
    assert network_share("/Users/juf/meldcode.store", "darwin", table) is None
