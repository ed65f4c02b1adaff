"""`meldcode flows check` fails clearly on every file of the broken-flow corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from meldcode_tui.cli import app
from meldcode_tui.flow import FlowError, load_flow, shipped_flow_paths
from meldcode_tui.i18n import LANGUAGES, catalog

CORPUS = sorted((Path(__file__).parent.parent / "flows_broken").glob("*.toml"))


def _expected_code(path: Path) -> str:
    first = path.read_bytes().splitlines()[0].decode("ascii")
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: CODE'"
    return first.removeprefix("# expect: ").strip()


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 20


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_broken_flow_reports_the_expected_problem(path: Path) -> None:
    with pytest.raises(FlowError) as info:
        load_flow(path)
    codes = [p.code for p in info.value.problems]
    assert _expected_code(path) in codes
    for problem in info.value.problems:
        text = str(problem)
        assert text.startswith(str(path))
        assert "oplossing:" in text  # every problem says how to fix it
        # ... in words from the locales, never a bare message key
        for suffix in ("", "_fix"):
            assert all(f"flowcheck.{problem.code}{suffix}" in catalog(lang) for lang in LANGUAGES)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_check_command_exits_1_without_traceback(path: Path) -> None:
    result = CliRunner().invoke(app, ["flows", "check", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert str(path) in result.output


def test_problem_names_step_and_question() -> None:
    path = next(p for p in CORPUS if p.stem == "01_unknown_question_ref")
    with pytest.raises(FlowError) as info:
        load_flow(path)
    text = str(info.value.problems[0])
    assert "stap 'a'" in text and "vraag 'a2'" in text and "bestaat_niet" in text


def test_english_messages() -> None:
    path = next(p for p in CORPUS if p.stem == "04_condition_on_later")
    result = CliRunner().invoke(app, ["--lang", "en", "flows", "check", str(path)])
    assert result.exit_code == 1
    assert "comes later" in result.output and "fix:" in result.output


def test_shipped_flows_pass() -> None:
    result = CliRunner().invoke(app, ["flows", "check"])
    assert result.exit_code == 0, result.output
    assert len(shipped_flow_paths()) >= 1


def test_missing_file_is_one_clear_problem(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["flows", "check", str(tmp_path / "nope.toml")])
    assert result.exit_code == 1
    assert "bestaat niet" in result.output
