"""The exit codes of every command (DESIGN.md): no imports, so the path that opens the app
without Typer (cli/start.py) uses the same numbers as the commands."""

from __future__ import annotations

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
