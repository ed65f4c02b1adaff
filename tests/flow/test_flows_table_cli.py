"""`meldcode flows table ID`: exit codes, the text in both languages, the --json shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meldcode_tui.cli import app
from meldcode_tui.flow import evaluate, get_flow, reach, shipped_flows


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_table_in_dutch_by_default() -> None:
    code, out, err = _run("flows", "table", "basismodel")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Beslistabel")
    header = next(line for line in lines if "uitkomst" in line and "afsluiten" in line)
    assert header.split()[-5:] == ["uitkomst", "melden", "hulp", "meldnormen", "afsluiten"]
    assert "afweging1_vermoeden" in out and "melding_vastgelegd" in out
    assert all(len(line) <= 100 for line in lines)


def test_table_in_english() -> None:
    code, out, _ = _run("--lang", "en", "flows", "table", "basismodel")
    assert code == 0
    assert out.startswith("Decision table")
    header = next(line for line in out.splitlines() if "outcome" in line and "close" in line)
    assert header.split()[-5:] == ["outcome", "melden", "hulp", "meldnormen", "close"]
    assert "Closure rules" in out and "Afsluitregels" not in out and "Uitkomsten" not in out


@pytest.mark.parametrize("flow_id", sorted(shipped_flows()))
def test_every_shipped_flow_has_a_readable_table(flow_id: str) -> None:
    for lang in ("nl", "en"):
        code, out, err = _run("--lang", lang, "flows", "table", flow_id)
        assert code == 0, err
        assert all(len(line) <= 100 for line in out.splitlines()), flow_id


def test_unknown_flow_is_one_line_and_exit_2() -> None:
    code, out, err = _run("flows", "table", "bestaat-niet")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "bestaat-niet" in lines[0] and "basismodel" in lines[0]


def test_json_rows_are_answers_the_engine_agrees_with() -> None:
    code, out, _ = _run("flows", "table", "onderwijs", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"flow", "version", "lang", "columns", "outcomes", "closure", "rows"}
    assert data["flow"] == "onderwijs" and data["lang"] == "nl"
    columns = [c["id"] for c in data["columns"]]
    assert "vermoeden_betreft" in columns and "afweging1_vermoeden" in columns
    flow = get_flow("onderwijs")
    for row in data["rows"]:
        assert set(row) == {"answers", "outcome", "decisions", "meldnormen", "may_close", "closure"}
        assert set(row["answers"]) <= set(columns)
        given = {k: v for k, v in row["answers"].items() if v is not None}
        result = evaluate(flow, given)
        assert row["outcome"] == (result.outcome.id if result.outcome else None)
        assert row["decisions"] == result.decisions.to_json()
        assert row["may_close"] in {"yes", "after", "no"}
        named = set(row["closure"]["pending"]) | set(row["closure"]["refused"])
        assert {r.id for r in result.closure_blockers} <= named


def test_json_texts_follow_the_language() -> None:
    _, out, _ = _run("--lang", "en", "flows", "table", "basismodel", "--json")
    data = json.loads(out)
    flow = get_flow("basismodel")
    assert data["lang"] == "en"
    assert data["outcomes"][0]["title"] == flow.outcomes[0].title.en


def test_too_large_to_search_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    shipped_flows()  # loaded (and checked) with the normal budget
    monkeypatch.setattr(reach, "DEFAULT_BUDGET", 5)
    code, out, err = _run("flows", "table", "basismodel")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "5 combinaties" in err


def test_json_names_the_options_of_a_checklist_that_count() -> None:
    _, out, _ = _run("flows", "table", "safeguarding", "--json")
    data = json.loads(out)
    flow = get_flow("safeguarding")
    for column in data["columns"]:
        question = flow.question(column["id"])
        assert question is not None
        if question.type != "multi":
            assert column["ticks"] == []
            continue
        counted = [o for group in column["ticks"] for o in group["options"]]
        assert counted and set(counted) <= {o.id for o in question.options}
        assert all(isinstance(group["all"], bool) for group in column["ticks"])


def test_a_draft_flow_file_has_a_table_too(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[2] / "flows" / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Worked example", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    draft = tmp_path / "voorbeeld.toml"
    draft.write_text(example, encoding="utf-8")
    code, out, _ = _run("flows", "table", str(draft), "--json")
    assert code == 0
    rows = json.loads(out)["rows"]
    assert {(tuple(r["answers"].items()), r["outcome"]) for r in rows} == {
        ((("zorg_ernstig", True),), "melden"),
        ((("zorg_ernstig", False),), "afsluiten"),
    }
    broken = tmp_path / "kapot.toml"
    broken.write_text(example.replace('id = "voorbeeld"', 'id = "Kapot!"'), encoding="utf-8")
    code, out, err = _run("flows", "table", str(broken))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert str(broken) in err
