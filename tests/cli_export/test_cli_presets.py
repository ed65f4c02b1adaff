"""`meldcode export --for ...`: the record-system texts, the call sheet, the inspection."""

from __future__ import annotations

from export_case import CHILD, PASSPHRASE, StoredCase
from test_cli_export import no_traceback, run

from meldcode_tui.store import Store


def test_for_magister_writes_the_paste_text_with_author_and_school(stored: StoredCase) -> None:
    env = {"MELDCODE_ORGANISATION": "OBS De Regenboog (fictief)"}
    code, out, err = run(
        "export", stored.case_id, "--for", "magister", "--author", "J. Jansen", env=env
    )
    assert code == 0, err
    target = stored.workdir / f"meldcode-{stored.case_id}-2025-03-06-magister.txt"
    assert target.name in out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Tekst voor Magister")
    assert "Vastgelegd door J. Jansen, OBS De Regenboog (fictief), 6-3-2025." in text
    assert CHILD not in text and "N.v.d.B." in text


def test_for_rejects_unknown_and_non_text_presets(stored: StoredCase) -> None:
    code, _, err = run("export", stored.case_id, "--for", "topdesk")
    assert code == 2
    no_traceback(err)
    assert "magister, parnassys, somtoday" in err
    code, _, err = run("export", stored.case_id, "--for", "somtoday", "-f", "pdf")
    assert code == 2 and "platte tekst" in err
    code, _, err = run("export", stored.case_id, "--for", "personeelsdossier")
    assert code == 2 and "personeelsdossier" in err
    assert list(stored.workdir.iterdir()) == []


def test_inspection_is_its_own_audit_event(stored: StoredCase) -> None:
    code, _, err = run("export", stored.case_id, "--for", "inzage", "-f", "pdf", "-o", "inzage.pdf")
    assert code == 0, err
    assert (stored.workdir / "inzage.pdf").read_bytes().startswith(b"%PDF")
    with Store.open(stored.store_path, PASSPHRASE) as store:
        events = [e.event for e in store.audit() if e.case_id == stored.case_id]
        assert events[-1] == "inspection_exported"
        assert store.verify() == []


def test_interpretation_option_ticks_an_answer_for_the_record(stored: StoredCase) -> None:
    args = ("export", stored.case_id, "--for", "parnassys", "-o")
    assert run(*args, "plain.txt")[0] == 0
    assert run(*args, "ticked.txt", "--interpretation", "afweging4_toelichting")[0] == 0
    plain = " ".join((stored.workdir / "plain.txt").read_text(encoding="utf-8").split())
    ticked = " ".join((stored.workdir / "ticked.txt").read_text(encoding="utf-8").split())
    assert "Moeder staat open voor hulp" not in plain
    assert "Moeder staat open voor hulp" in ticked
