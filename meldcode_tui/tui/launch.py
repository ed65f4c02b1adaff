"""Start the app from the `meldcode` command: resolve store, language and passphrase, then run."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import typer

from meldcode_tui import casework
from meldcode_tui.cli_cases import _read_secret_file as read_secret_file
from meldcode_tui.i18n import current_language
from meldcode_tui.tui.app import DEFAULT_IDLE_SECONDS, make_app

ENV_IDLE = "MELDCODE_IDLE_LOCK"
DEMO_STORE_NAME = "demo.meldcode"


def _idle_seconds(obj: dict[str, object]) -> float:
    value = obj.get("idle_lock")
    if value is None:
        value = os.environ.get(ENV_IDLE)
    if value in (None, ""):
        return DEFAULT_IDLE_SECONDS
    try:
        # Minutes, as people think of it; 0 switches auto-lock off.
        return float(str(value)) * 60
    except ValueError:
        return DEFAULT_IDLE_SECONDS


def _passphrase(obj: dict[str, object]) -> str | None:
    """--passphrase-file (read as every command reads it), else MELDCODE_PASSPHRASE, else ask."""
    file = obj.get("passphrase_file")
    if file:
        # An unreadable or empty file is one clear line and exit 2, before the screen opens.
        return read_secret_file(Path(str(file)))
    return os.environ.get(casework.ENV_PASSPHRASE) or None


def launch(ctx: typer.Context, *, demo: bool) -> None:
    obj: dict[str, object] = ctx.obj if isinstance(ctx.obj, dict) else {}
    lang = current_language()  # the root callback already applied --lang / MELDCODE_LANG
    if demo:
        from meldcode_tui.store import utc_now
        from meldcode_tui.tui.demo import DEMO_PASSPHRASE, build_demo_store

        folder = Path(tempfile.mkdtemp(prefix="meldcode-demo-"))
        try:
            path = folder / DEMO_STORE_NAME
            build_demo_store(path, utc_now)
            make_app(path, lang=lang, demo=True, idle_seconds=0, passphrase=DEMO_PASSPHRASE).run()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    store = obj.get("store")
    path = casework.resolve_store_path(str(store) if store else None)
    make_app(path, lang=lang, idle_seconds=_idle_seconds(obj), passphrase=_passphrase(obj)).run()
