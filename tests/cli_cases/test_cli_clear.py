"""`meldcode answer CASE --clear ID`: the same clearing as the wizard's, history kept."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import PASSPHRASE, init_store, ok, one_line_error, run

from meldcode_tui.store import Store


def test_clear_removes_the_answer_and_keeps_its_history(store_path: Path, tmp_path: Path) -> None:
    init_store()
    answers = tmp_path / "a.toml"
    answers.write_text('client_type = "kind"\nonthulling = false\n', encoding="utf-8")
    case_id = ok("new", "--flow", "basismodel", "--answers", str(answers)).strip()
    ok("answer", case_id, "--clear", "onthulling")
    with Store.open(store_path, PASSPHRASE) as store:
        case = store.get_case(case_id)
        (summary,) = store.list_cases()
    assert case.answers == {"client_type": "kind"}
    last = case.history[-1]
    assert (last.question_id, last.cleared, last.previous) == ("onthulling", True, False)
    assert summary.current_step == "signalen"
    # An id the flow does not have is refused before anything changes; so is no input at all.
    assert "bestaat_niet" in one_line_error(run("answer", case_id, "--clear", "bestaat_niet"))
    one_line_error(run("answer", case_id))
    with Store.open(store_path, PASSPHRASE) as store:
        assert len(store.get_case(case_id).history) == len(case.history)
