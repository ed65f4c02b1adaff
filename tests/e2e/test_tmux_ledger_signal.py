"""The installed `meldcode` in tmux: a half-filled ledger entry in its open dialog survives the
terminal closing (SIGHUP) and a polite kill (SIGTERM), kept as a note of the step."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import time
from pathlib import Path

import pytest
from test_tmux import MELDCODE, PASSPHRASE, Terminal, env, pytestmark

# The fixture, and the marks (e2e; skipped without tmux), shared with test_tmux.
__all__ = ["env", "pytestmark"]

STEPS_1_2 = {
    "client_type": "kind",
    "signalen": ["gedrag"],
    "signalen_feiten": "f",
    "onthulling": False,
    "tegensignalen": False,
    "consultatie_met": "A",
    "consultatie_datum": "2025-03-10",
    "consultatie_uitkomst": "ok",
    "advies_veilig_thuis": False,
}
# A focused button is drawn bold and reversed.
FOCUSED_ADD = re.compile(r"\x1b\[1;7m[^\n]*\+ Regel toevoegen")


def _notes_once_closed(path: Path, timeout: float = 15) -> list[str]:
    from meldcode_tui.store import Store, StoreError

    deadline = time.monotonic() + timeout
    while True:
        try:
            with Store.open(path, PASSPHRASE) as store:
                (summary,) = store.list_cases()
                case = store.get_case(summary.id)
                assert case.answers.get("informatiedeling") is None
                return [n.text for n in case.notes]
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.parametrize("how", ["close the terminal", "SIGTERM"])
def test_a_half_filled_ledger_entry_survives_the_terminal_going(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    from meldcode_tui.casework import start_case
    from meldcode_tui.store import Store

    assert MELDCODE.exists(), "install the package (pip install -e .) first"
    monkeypatch.setenv("MELDCODE_INSECURE_TEST_KDF", "1")
    path = Path(env["MELDCODE_STORE"])
    with Store.create(path, PASSPHRASE, recovery=False)[0] as store:
        case_id, _ = start_case(store, "basismodel", "E2E regel", STEPS_1_2)
        store.update_progress(case_id, position="consultatie")
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    term = Terminal(f"{MELDCODE} --passphrase-file {shlex.quote(str(secret))}", env)
    try:
        term.wait_for("E2E regel")
        term.keys("Enter")
        term.wait_for("Collegiale consultatie")
        for _ in range(30):  # by Tab to the ledger's add button, as a keyboard user goes
            if FOCUSED_ADD.search(term.screen(styled=True)):
                break
            term.keys("Tab")
        assert FOCUSED_ADD.search(term.screen(styled=True)), term.screen()
        term.keys("Enter")
        term.wait_for("Regel 1:")
        subprocess.run(["tmux", "send-keys", "-t", term.name, "-l", "Mentor Vos"])
        # Shown, so received; well within the typing pause, so only the exit path saves it.
        term.wait_for("Mentor Vos", timeout=5, settle=False)
        if how == "SIGTERM":
            os.kill(term.app_pid(), signal.SIGTERM)
        term.close()  # tmux kill-session: the app gets SIGHUP
    finally:
        term.close()
    notes = _notes_once_closed(path)
    assert len(notes) == 1 and "Mentor Vos" in notes[0], notes
