"""An error of the operating system is one line in Dutch: which file, what happened, the fix.

Never the system's English ("No such file or directory"), never a traceback; exit 2, and the
store is as it was.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest
from cli_helpers import PASSPHRASE, init_store, ok, one_line_error, run

ENGLISH = ("No such file", "Is a directory", "Not a directory", "File name too long", "Errno")


def _case() -> str:
    init_store()
    return ok("new", "--flow", "basismodel", "--title", "Casus schijf").strip()


def _installed(meldcode_script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MELDCODE_PASSPHRASE": PASSPHRASE, "MELDCODE_LANG": "nl"}
    return subprocess.run(
        [meldcode_script, *args], capture_output=True, text=True, timeout=60, cwd=cwd, env=env
    )


def _dutch_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and not any(word in stderr for word in ENGLISH), stderr
    return lines[0]


def test_a_file_name_too_long_for_the_disk(
    store_path: Path, tmp_path: Path, meldcode_script: str
) -> None:
    case_id = _case()
    before = store_path.read_bytes()
    target = tmp_path / ("verslag" * 50 + ".txt")
    done = _installed(meldcode_script, "export", case_id, "-o", str(target), cwd=tmp_path)
    assert done.returncode == 2
    line = _dutch_line(done.stderr)
    assert line.startswith("fout: ") and str(target) in line
    assert "te lang" in line and "kortere naam" in line
    assert store_path.read_bytes() == before


def test_the_disk_is_full_while_exporting(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import meldcode_tui.casework.export as casework_export

    case_id = _case()
    target = tmp_path / "verslag.txt"

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(casework_export, "export_case", full)
    line = one_line_error(run("export", case_id, "-o", str(target)))
    assert "de schijf is vol" in line and "maak ruimte vrij" in line and str(target) in line
    assert "No space" not in line
    assert not target.exists()


def test_an_answers_file_that_is_a_folder(store_path: Path, tmp_path: Path) -> None:
    case_id = _case()
    folder = tmp_path / "antwoorden"
    folder.mkdir()
    before = ok("show", case_id, "--json")
    line = one_line_error(run("answer", case_id, "--answers", str(folder)))
    assert str(folder) in line and "dat is een map, geen bestand" in line
    assert not any(word in line for word in ENGLISH)
    assert ok("show", case_id, "--json") == before


def test_a_backup_under_a_file_names_the_backup_not_the_store(
    store_path: Path, tmp_path: Path
) -> None:
    _case()
    blocker = tmp_path / "gewoon-bestand"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "backup.meldcode"
    line = one_line_error(run("backup", str(target)))
    assert str(target) in line and str(store_path) not in line


def test_flows_check_of_a_folder(tmp_path: Path, meldcode_script: str) -> None:
    folder = tmp_path / "flow.toml"
    folder.mkdir()
    done = _installed(meldcode_script, "flows", "check", str(folder), cwd=tmp_path)
    assert done.returncode != 0
    assert "dat is een map, geen bestand" in done.stdout + done.stderr
    assert not any(word in done.stdout + done.stderr for word in ENGLISH)
