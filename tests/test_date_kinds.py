"""A date of something that happened cannot lie in the future, a date to come not in the past:
the flow says which kind each date question is (`date_kind`); CLI and app refuse alike."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meldcode_tui.casework import check_dates
from meldcode_tui.cli import app
from meldcode_tui.flow import AnswerError, get_flow
from meldcode_tui.flow.registry import shipped_flows
from meldcode_tui.i18n import set_language
from meldcode_tui.vault import INSECURE_TEST_ENV

NOW = datetime(2026, 1, 7, 12, 0, tzinfo=UTC)


def test_every_date_question_of_the_shipped_flows_says_its_kind() -> None:
    for flow in shipped_flows().values():
        for step in flow.steps:
            for q in step.questions:
                for x in (q, *q.fields):
                    if x.type in ("date", "datetime"):
                        assert x.date_kind in ("past", "future"), (flow.id, x.id)
    basismodel = get_flow("basismodel")
    assert basismodel.question("gesprek_datum").date_kind == "past"  # type: ignore[union-attr]
    assert basismodel.question("gewenste_termijn").date_kind == "future"  # type: ignore[union-attr]


def test_a_conversation_tomorrow_and_a_monitoring_date_yesterday_are_refused() -> None:
    set_language("nl")
    flow = get_flow("basismodel")
    with pytest.raises(AnswerError) as happened:
        check_dates(flow, "gesprek_datum", "2026-01-08", NOW)
    assert "Wanneer vond het gesprek plaats" in str(happened.value)
    assert "8-1-2026" in str(happened.value) and "toekomst" in str(happened.value)
    with pytest.raises(AnswerError) as to_come:
        check_dates(flow, "gewenste_termijn", "2026-01-06", NOW)
    assert "6-1-2026" in str(to_come.value) and "verleden" in str(to_come.value)
    # Today is fine both ways.
    check_dates(flow, "gesprek_datum", "2026-01-07", NOW)
    check_dates(flow, "gewenste_termijn", "2026-01-07", NOW)
    # A ledger entry's date: information shared tomorrow did not happen yet.
    entry = {"wanneer": "2026-02-01"}
    with pytest.raises(AnswerError) as shared:
        check_dates(flow, "informatiedeling", [entry], NOW)
    assert "1-2-2026" in str(shared.value)


def test_the_cli_refuses_a_future_report_date_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(INSECURE_TEST_ENV, "1")
    monkeypatch.setenv("MELDCODE_STORE", str(tmp_path / "s.meldcode"))
    monkeypatch.setenv("MELDCODE_PASSPHRASE", "vier losse woorden hier")
    monkeypatch.setenv("MELDCODE_NOW", "7-1-2026 12:00")
    monkeypatch.delenv("MELDCODE_LANG", raising=False)
    run = CliRunner().invoke
    assert run(app, ["init", "--no-recovery"]).exit_code == 0
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"consultatie_datum": "2027-01-01"}), encoding="utf-8")
    refused = run(app, ["new", "--flow", "basismodel", "--answers", str(answers)])
    assert refused.exit_code == 2
    assert "1-1-2027" in refused.stderr and "Wanneer vond het overleg plaats" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    listed = run(app, ["list", "--json"])
    assert json.loads(listed.stdout) == []

    case_id = run(app, ["new", "--flow", "basismodel"]).stdout.strip()
    refused = run(app, ["answer", case_id, "--answers", str(answers)])
    assert refused.exit_code == 2 and "1-1-2027" in refused.stderr
    shown = json.loads(run(app, ["show", case_id, "--json"]).stdout)
    assert shown["answers"] == {}
