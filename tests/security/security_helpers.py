"""Helpers of the security tests: run `meldcode`, open the file as an attacker would, digests."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner, Result

from meldcode_tui.cli import app, main

PASSPHRASE = "vier losse woorden hier"
# Fictitious case text that must never reach a terminal, a traceback or a clear column.
SECRET_TITLE = "Fictieve Noor Jansen-de Vries"
SECRET_NOTE = "Fictief: zegt thuis geslagen te worden door oom Kees"

# A safeguarding intake whose 24-hour limit runs from `gemeld_op`.
INTAKE = {
    "kanaal": "email",
    "gemeld_op": "2026-11-23T09:00+00:00",
    "zorg_omschrijving": "Fictieve zorg over een fictieve deelnemer.",
    "leads_geactiveerd_op": "2026-11-23T09:05+00:00",
}


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input, env=env)


def ok(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> str:
    result = run(*args, input=input, env=env)
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    return result.stdout


def one_line_error(result: Result | MainResult, code: int = 2) -> str:
    """The contract: exit code, exactly one line on stderr, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    # "unexpected internal error" is the last-resort line: it means the input was not handled.
    assert "MELDCODE_DEBUG" not in lines[0], lines[0]
    return lines[0]


@dataclass
class MainResult:
    exit_code: int
    stdout: str
    stderr: str


def run_main(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> MainResult:
    """Run the real entry point (its error handling included), in this process."""
    out, err = io.StringIO(), io.StringIO()
    saved_env = {k: os.environ.get(k) for k in (env or {})}
    saved = sys.argv, sys.stdin
    sys.argv, sys.stdin = ["meldcode", *args], io.StringIO(stdin)
    os.environ.update(env or {})
    code: int | str | None = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code
    finally:
        sys.argv, sys.stdin = saved
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return MainResult(code if isinstance(code, int) else 1, out.getvalue(), err.getvalue())


def raw_conn(path: Path) -> sqlite3.Connection:
    """A plain connection that bypasses the store (foreign keys off, like a tamperer)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


def file_digest(path: Path) -> str:
    """The store and its side files, as bytes: equal before and after means nothing changed."""
    h = hashlib.sha256()
    for p in (path, path.with_name(path.name + "-wal")):
        if p.exists():
            h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def write_answers(folder: Path, name: str, answers: dict[str, object]) -> Path:
    import json

    path = folder / f"{name}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


def new_case(folder: Path, flow: str, answers: dict[str, object], title: str = SECRET_TITLE) -> str:
    file = write_answers(folder, f"new-{flow}", answers)
    out = ok("new", "--flow", flow, "--title", title, "--answers", str(file))
    return out.strip().splitlines()[-1]
