"""Shared CLI plumbing: one-line errors with exit codes, language, JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer

from meldcode_tui.i18n import UnknownLanguage, resolve_lang, set_language, t

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one clear line on stderr and exit; never a traceback."""
    typer.echo(t("cli.error_prefix") + message, err=True)
    raise typer.Exit(code)


def apply_language(lang: str | None) -> None:
    try:
        set_language(resolve_lang(lang))
    except UnknownLanguage as exc:
        # The catalogue cannot be used yet, so this one line is bilingual by necessity.
        typer.echo(
            f"fout / error: onbekende taal / unknown language {exc.args[0]!r} (nl, en)", err=True
        )
        raise typer.Exit(EXIT_USAGE) from None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")
