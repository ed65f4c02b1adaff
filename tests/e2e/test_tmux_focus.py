"""The installed `meldcode` in tmux at 80x24: opening a case and typing at once puts the text in
the step's first open question; letters typed on a choice are no answer."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from test_tmux import MELDCODE, PASSPHRASE, Terminal, env, pytestmark

# The fixture, and the marks (e2e; skipped without tmux), shared with test_tmux.
__all__ = ["env", "pytestmark"]

STEP_1 = {
    "client_type": "kind",
    "signalen": ["letsel"],
    "signalen_feiten": "Fictieve feiten.",
    "onthulling": False,
    "tegensignalen": False,
}


def _store_with(path: Path, title: str, answers: dict[str, object]) -> None:
    from meldcode_tui.casework import start_case
    from meldcode_tui.store import Store

    with Store.create(path, PASSPHRASE, recovery=False)[0] as store:
        start_case(store, "basismodel", title, answers)


def _answers(path: Path) -> dict[str, object]:
    from meldcode_tui.store import Store

    with Store.open(path, PASSPHRASE) as store:
        (summary,) = store.list_cases()
        return store.get_case(summary.id).answers


def _session(env: dict[str, str], tmp_path: Path, path: Path) -> Terminal:
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    command = f"{MELDCODE} --passphrase-file {shlex.quote(str(secret))}"
    return Terminal(command, {**env, "MELDCODE_STORE": str(path)})


def test_text_typed_on_opening_a_case_lands_in_the_first_open_question(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert MELDCODE.exists(), "install the package (pip install -e .) first"
    monkeypatch.setenv("MELDCODE_INSECURE_TEST_KDF", "1")
    # Step 1 done, so the case resumes at step 2, whose first question asks for a name.
    named = tmp_path / "named.meldcode"
    _store_with(named, "E2E focus", STEP_1)
    term = _session(env, tmp_path, named)
    try:
        term.wait_for("E2E focus")
        term.keys("Enter")
        term.wait_for("Met wie heb je de signalen besproken")
        term.text("A. Jansen")  # at once, no Tab, no click
        screen = term.wait_for("A. Jansen", timeout=5)
        assert "Met wie heb je de signalen besproken" in screen  # the question is in view
        term.quit()
    finally:
        term.close()
    assert _answers(named)["consultatie_met"] == "A. Jansen"

    # A new case: step 1 opens on a choice; a sentence typed there is no answer.
    chosen = tmp_path / "choice.meldcode"
    _store_with(chosen, "E2E keuze", {})
    term = _session(env, tmp_path, chosen)
    try:
        term.wait_for("E2E keuze")
        term.keys("Enter")
        screen = term.wait_for("Over wie maak je je zorgen?")
        term.text("ik zag het")
        term.wait_for("Dit is een keuzevraag", timeout=5)
        term.quit()
    finally:
        term.close()
    assert _answers(chosen) == {}
