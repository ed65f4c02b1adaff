"""`meldcode export`: formats, layers, names, permissions, no overwrite, printing, errors."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from export_case import (
    CHILD,
    COLLEAGUE,
    FACT,
    INTERPRETATION_HIDDEN,
    INTERPRETATION_MARKED,
    StoredCase,
)
from pypdf import PdfReader
from typer.testing import CliRunner

from meldcode_tui.cli import app
from meldcode_tui.store import Store

NOW = "2025-03-06T12:00"
runner = CliRunner()


def run(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> tuple[int, str, str]:
    env = {"MELDCODE_NOW": NOW, **(env or {})}
    result = runner.invoke(app, list(args), env=env, input=input)
    return result.exit_code, result.stdout, result.stderr


def no_traceback(err: str) -> None:
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_txt_default_name_record_layer_and_warning(stored: StoredCase) -> None:
    code, out, err = run("export", stored.case_id)
    assert code == 0, err
    target = stored.workdir / f"meldcode-{stored.case_id}-2025-03-06.txt"
    assert target.is_file() and str(target.name) in out
    assert "NIET versleuteld" in err
    text = target.read_text(encoding="utf-8")
    assert "Minimaal en feitelijk, voor het leerlingdossier" in text
    # Names are initials by default (issue 13): the marked interpretation reads "N. lijkt ...".
    assert INTERPRETATION_MARKED.replace("Noëlle", "N.") in " ".join(text.split())
    assert CHILD not in text and "N.v.d.B." in text
    assert INTERPRETATION_HIDDEN not in " ".join(text.split())
    assert max(len(line) for line in text.splitlines()) <= 80
    assert leftovers(stored.workdir) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("fmt", ["txt", "md", "pdf", "json"])
def test_every_format_is_owner_only(stored: StoredCase, fmt: str) -> None:
    # A permissive umask must not widen the file: it is created 0600 regardless.
    old = os.umask(0o022)
    try:
        code, _, err = run("export", stored.case_id, "--format", fmt, "-o", f"out.{fmt}")
    finally:
        os.umask(old)
    assert code == 0, err
    mode = stat.S_IMODE((stored.workdir / f"out.{fmt}").stat().st_mode)
    assert mode == 0o600


def test_json_decisions_match_flows_evaluate(stored: StoredCase) -> None:
    code, _, err = run("export", stored.case_id, "-f", "json", "-o", "case.json")
    assert code == 0, err
    data = json.loads((stored.workdir / "case.json").read_text(encoding="utf-8"))
    assert data["schema"] == "meldcode-summary" and data["schema_version"] == 1
    assert data["layer"] == "record"
    with Store.open(stored.store_path, os.environ["MELDCODE_PASSPHRASE"]) as store:
        answers = store.get_case(stored.case_id).answers
    (stored.workdir / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    code, out, err = run("flows", "evaluate", "basismodel", "--answers", "answers.json", "--json")
    assert code == 0, err
    assert data["decisions"] == json.loads(out)["decisions"] == {"melden": True, "hulp": True}


def test_pdf_defaults_to_the_full_layer(stored: StoredCase) -> None:
    code, _, err = run("export", stored.case_id, "-f", "pdf", "-o", "case.pdf", "--no-pseudonymise")
    assert code == 0, err
    assert "namen staan voluit" in err
    reader = PdfReader(io.BytesIO((stored.workdir / "case.pdf").read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert INTERPRETATION_HIDDEN in text and FACT in text and "Noëlle" in text


def test_layers_and_pseudonymise(stored: StoredCase) -> None:
    args = ("export", stored.case_id, "-f", "md", "--layer", "full", "--no-pseudonymise")
    assert run(*args, "-o", "full.md")[0] == 0
    full = (stored.workdir / "full.md").read_text(encoding="utf-8")
    assert INTERPRETATION_HIDDEN in full and CHILD in full
    args = ("export", stored.case_id, "-f", "md", "--layer", "record", "--pseudonymise")
    assert run(*args, "-o", "record.md")[0] == 0
    record = (stored.workdir / "record.md").read_text(encoding="utf-8")
    assert INTERPRETATION_HIDDEN not in record
    for name in (CHILD, COLLEAGUE, "Noëlle"):
        assert name not in record
    assert "N.v.d.B." in record and "C.B." in record


def test_no_overwrite_without_force(stored: StoredCase) -> None:
    target = stored.workdir / "case.txt"
    target.write_text("eerdere export", encoding="utf-8")
    code, _, err = run("export", stored.case_id, "-o", "case.txt")
    assert code == 2
    no_traceback(err)
    assert "bestaat al" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "eerdere export"
    code, _, err = run("export", stored.case_id, "-o", "case.txt", "--force")
    assert code == 0, err
    assert "SAMENVATTING MELDCODE" in target.read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(stored.workdir) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a named pipe needs POSIX")
def test_force_never_replaces_what_is_not_a_file(stored: StoredCase) -> None:
    """--force replaces an earlier export, not a device, a pipe or a link: one line, exit 2, and
    the thing is still there (as root, /dev/full was once swapped for a file of case text)."""
    pipe = stored.workdir / "pijp.txt"
    os.mkfifo(pipe)
    real = stored.workdir / "elders.txt"
    real.write_text("ander bestand", encoding="utf-8")
    link = stored.workdir / "link.txt"
    link.symlink_to(real)
    for target in (pipe, link):
        for force in ([], ["--force"]):
            code, _, err = run("export", stored.case_id, "-o", target.name, *force)
            assert code == 2, err
            no_traceback(err)
            assert "geen gewoon bestand" in err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and link.is_symlink()
    assert real.read_text(encoding="utf-8") == "ander bestand"
    assert leftovers(stored.workdir) == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-f", "docx"], "onbekend formaat 'docx'"),
        (["--layer", "alles"], "onbekende laag 'alles'"),
        (["-f", "txt", "--print"], "--print"),
        (["-o", "geen/map/case.txt"], "bestaat niet"),
        (["-o", "."], "is een map"),
    ],
)
def test_usage_errors_are_one_line(stored: StoredCase, args: list[str], words: str) -> None:
    code, _, err = run("export", stored.case_id, *args)
    assert code == 2
    no_traceback(err)
    assert words in err
    assert list(stored.workdir.iterdir()) == []


def test_unknown_case_and_wrong_passphrase(stored: StoredCase) -> None:
    code, _, err = run("export", "nietsbestaand")
    assert code == 2
    no_traceback(err)
    code, _, err = run("export", stored.case_id, env={"MELDCODE_PASSPHRASE": "fout wachtwoord"})
    assert code == 2
    no_traceback(err)
    assert list(stored.workdir.iterdir()) == []


def test_english_output(stored: StoredCase) -> None:
    code, out, err = run("--lang", "en", "export", stored.case_id, "-o", "en.txt")
    assert code == 0, err
    assert "NOT encrypted" in err and "exported to" in out
    assert "MELDCODE DECISION SUMMARY" in (stored.workdir / "en.txt").read_text(encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="lp/lpr are POSIX print services")
def test_print_without_a_print_service_says_where_the_file_is(
    stored: StoredCase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, out, err = run("export", stored.case_id, "-f", "pdf", "--print", "-o", "p.pdf")
    assert code == 0, err
    assert "geen afdrukservice" in out and str(stored.workdir / "p.pdf") in out


@pytest.mark.skipif(os.name != "posix", reason="lp/lpr are POSIX print services")
def test_print_hands_the_pdf_to_lp(
    stored: StoredCase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "lp-args"
    lp = bin_dir / "lp"
    lp.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\n', encoding="utf-8")
    lp.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    code, out, err = run("export", stored.case_id, "-f", "pdf", "--print", "-o", "p.pdf")
    assert code == 0, err
    assert "met lp" in out
    assert record.read_text(encoding="utf-8").splitlines() == [str(stored.workdir / "p.pdf")]


def test_export_command_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from meldcode_tui.cli import app\n"
        "sys.argv = ['meldcode', 'export', '--help']\n"
        "try:\n    app()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('textual' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_export_is_recorded_in_the_audit_trail(stored: StoredCase) -> None:
    from export_case import PASSPHRASE

    code, _, err = run("export", stored.case_id, "--format", "json")
    assert code == 0, err
    with Store.open(stored.store_path, PASSPHRASE) as store:
        entries = [e for e in store.audit() if e.case_id == stored.case_id]
        assert entries[-1].event == "summary_exported"
        assert store.verify() == []
    # A refused export (file exists) leaves no trace.
    code, _, _ = run("export", stored.case_id, "--format", "json")
    assert code == 2
    with Store.open(stored.store_path, PASSPHRASE) as store:
        events = [e.event for e in store.audit() if e.case_id == stored.case_id]
        assert events.count("summary_exported") == 1
