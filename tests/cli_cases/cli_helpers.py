"""Helpers for the case-store CLI tests: run `meldcode`, and check error output is one line."""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path

from typer.testing import CliRunner, Result

from meldcode_tui.cli import app

PASSPHRASE = "vier losse woorden hier"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def ok(*args: str, input: str | None = None) -> str:
    result = run(*args, input=input)
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    return result.stdout


def one_line_error(result: Result, code: int = 2) -> str:
    """The contract: exit code, exactly one line on stderr, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]


def init_store() -> None:
    ok("init", "--no-recovery")


def raw_conn(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


def forms(text: str) -> list[bytes]:
    raw = text.encode("utf-8")
    out = [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
    for shift in range(3):
        enc = base64.b64encode(b"\x00" * shift + raw)
        out.append(enc[4 : len(enc) - 4])
    return out
