"""Done-when (a): note text written through the CLI never reaches any file in clear."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_helpers import PASSPHRASE, forms

NOTE = "Zusje vertelde dat er thuis met borden wordt gegooid"
TITLE = "Pseudoniem Roodborst"


def _meldcode(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "meldcode_tui.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_note_text_never_on_disk(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    home = tmp_path / "home"
    tmp.mkdir()
    home.mkdir()
    env = {
        **os.environ,
        "MELDCODE_INSECURE_TEST_KDF": "1",
        "MELDCODE_STORE": str(tmp_path / "store.meldcode"),
        "MELDCODE_PASSPHRASE": PASSPHRASE,
        # Anything the run writes to a temp folder or a home folder lands here, and is scanned.
        "TMPDIR": str(tmp),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    _meldcode(env, "init", "--no-recovery")
    case_id = _meldcode(env, "new", "--flow", "basismodel", "--title", TITLE).strip()
    _meldcode(env, "note", case_id, "--kind", "feit", NOTE)
    _meldcode(env, "note", case_id, "--kind", "bron", "-", stdin=NOTE + " (stdin)")
    answers = tmp_path / "answers.json"
    answers.write_text('{"signalen_feiten": "' + NOTE + ' (antwoord)"}', "utf-8")
    _meldcode(env, "answer", case_id, "--answers", str(answers))
    answers.unlink()  # the user's own input file is not ours to scan
    _meldcode(env, "backup", str(tmp_path / "backup.meldcode"))
    assert NOTE in _meldcode(env, "show", case_id)

    scanned = 0
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            scanned += 1
            for text in (NOTE, TITLE):
                for form in forms(text):
                    assert form not in data, (path.name, form)
    assert scanned >= 3  # store, lock, backup at least
