"""The Settings of this run, resolved once by the root callback, for the commands that need them.

A command function takes its own options; what only the root knows (the settings file, where
each setting came from) reaches it here instead of through a `ctx` parameter on every command.
A command called without the root (a test calling the function) resolves its own.
"""

from __future__ import annotations

from contextvars import ContextVar

import typer

from meldcode_tui.config_file import LoadedConfig, load_config
from meldcode_tui.settings import Resolution, config_file_path, resolve

_RUN: ContextVar[tuple[Resolution, LoadedConfig] | None] = ContextVar(
    "meldcode_resolution", default=None
)


def set_for_run(ctx: typer.Context, resolution: Resolution, loaded: LoadedConfig) -> None:
    """Hold `resolution` until the command ends (then the previous one, if any, is back)."""
    token = _RUN.set((resolution, loaded))
    ctx.call_on_close(lambda: _RUN.reset(token))


def current() -> tuple[Resolution, LoadedConfig]:
    """This run's resolution and the settings file as read."""
    held = _RUN.get()
    if held is not None:
        return held
    loaded = load_config(config_file_path())
    return resolve(file=loaded.settings), loaded
