"""Sentences about a number of things say "1 vraag" and "2 vragen", in Dutch and in English."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from meldcode_tui.i18n import LANGUAGES, Translator, catalog

# "vraag/vragen", "interpretatie(s)", "casus(sen)", "answer(s)": a plural left to the reader.
HEDGED = re.compile(r"[a-z]\((s|en|sen|es)\)|\b(\w+)/(\w+en)\b")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_sentence_leaves_the_plural_to_the_reader(lang: str) -> None:
    hedged = {k: v for k, v in catalog(lang).items() if HEDGED.search(v)}
    assert hedged == {}


def test_every_plural_has_both_forms_with_the_count() -> None:
    for lang in LANGUAGES:
        strings = catalog(lang)
        names = {k.rsplit(".", 1)[0] for k in strings if k.startswith("plural.")}
        assert names, "no plural strings"
        for name in names:
            assert {f"{name}.one", f"{name}.other"} <= strings.keys(), (lang, name)
            assert "{count}" in strings[f"{name}.one"] and "{count}" in strings[f"{name}.other"]


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("nl", 1, "Nog 1 vraag te beantwoorden in deze stap."),
        ("nl", 2, "Nog 2 vragen te beantwoorden in deze stap."),
        ("nl", 0, "Nog 0 vragen te beantwoorden in deze stap."),
        ("en", 1, "1 question left to answer in this step."),
        ("en", 3, "3 questions left to answer in this step."),
    ],
)
def test_one_and_other(lang: str, count: int, expected: str) -> None:
    assert Translator(lang).plural("plural.open_questions", count) == expected


def test_the_cli_counts_one_answer_as_one(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from meldcode_tui.cli import app

    monkeypatch.setenv("MELDCODE_STORE", str(tmp_path / "s.meldcode"))
    monkeypatch.setenv("MELDCODE_PASSPHRASE", "vier losse woorden hier")
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--no-recovery"]).exit_code == 0
    case_id = runner.invoke(app, ["new", "--flow", "basismodel", "--title", "Een"]).stdout.strip()
    answers = tmp_path / "a.toml"
    answers.write_text('client_type = "kind"\n', encoding="utf-8")
    done = runner.invoke(app, ["answer", case_id, "--answers", str(answers)])
    assert done.exit_code == 0, done.stderr
    assert f"1 antwoord opgeslagen in dossier {case_id}" in done.stdout
