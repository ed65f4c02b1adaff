"""One Settings object: resolved once from flags, then the environment, then defaults.

The command line resolves it (`meldcode_tui.cli.root`) and passes it down; nothing below the
CLI reads a `MELDCODE_*` variable for itself, with two deliberate exceptions: the engine's
clock (`flow/clock.py`, MELDCODE_NOW, so `evaluate()` without a moment honours an audit's
"as of") and the vault's test-only KDF switch (a safety guard that must hold for every
caller). A config file, when there is one, slots in between the environment and the defaults.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from meldcode_tui.i18n import DEFAULT_LANG, ENV_LANG, resolve_lang

APP_NAME: Final = "meldcode-tui"
STORE_FILENAME: Final = "store.meldcode"
DEFAULT_IDLE_MINUTES: Final = 5.0

# Every variable the program reads, in one list (`meldcode --help` shows each at its option).
ENV_STORE: Final = "MELDCODE_STORE"
ENV_PASSPHRASE: Final = "MELDCODE_PASSPHRASE"
ENV_NEW_PASSPHRASE: Final = "MELDCODE_NEW_PASSPHRASE"
ENV_RECOVERY_KEY: Final = "MELDCODE_RECOVERY_KEY"
ENV_IDLE: Final = "MELDCODE_IDLE_LOCK"
ENV_DEBUG: Final = "MELDCODE_DEBUG"
ENV_ORGANISATION: Final = "MELDCODE_ORGANISATION"
ENV_AUTHOR: Final = "MELDCODE_AUTHOR"
ENV_NOW: Final = "MELDCODE_NOW"  # read by flow/clock.py, see above
ENV_INSECURE_KDF: Final = "MELDCODE_INSECURE_TEST_KDF"  # read by vault/kdf.py, tests only
__all__ = [
    "APP_NAME",
    "ENV_AUTHOR",
    "ENV_DEBUG",
    "ENV_IDLE",
    "ENV_INSECURE_KDF",
    "ENV_LANG",
    "ENV_NEW_PASSPHRASE",
    "ENV_NOW",
    "ENV_ORGANISATION",
    "ENV_PASSPHRASE",
    "ENV_RECOVERY_KEY",
    "ENV_STORE",
    "Settings",
    "debug_requested",
    "default_store_path",
    "language_asked",
    "resolve_settings",
    "resolve_store_path",
    "secret_from_environment",
]


@dataclass(frozen=True)
class Settings:
    """Everything the program needs to know about where and how it runs, resolved once."""

    store_path: Path
    lang: str = DEFAULT_LANG
    # Minutes of no key or mouse before the wizard locks itself; 0 switches it off.
    idle_minutes: float = DEFAULT_IDLE_MINUTES
    # A passphrase handed over without a prompt (--passphrase-file or MELDCODE_PASSPHRASE).
    passphrase: str | None = None
    demo: bool = False
    high_contrast: bool = False
    debug: bool = False
    # Printed on exports: the school and who recorded the case (never sensitive).
    organisation: str | None = None
    author: str | None = None

    @property
    def idle_seconds(self) -> float:
        return self.idle_minutes * 60

    def with_changes(self, **changes: object) -> Settings:
        """A copy with some fields changed (the demo's throw-away store, a test's tmp_path)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def default_store_path() -> Path:
    """The platform's user data folder; it is only created when a store is created."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / STORE_FILENAME


def resolve_store_path(
    explicit: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """--store, else MELDCODE_STORE, else the user data folder."""
    if explicit:
        return _expand(Path(explicit))
    from_env = (os.environ if environ is None else environ).get(ENV_STORE)
    if from_env:
        return _expand(Path(from_env))
    return default_store_path()


def _expand(path: Path) -> Path:
    # `~nouser/x` cannot be expanded; kept as typed, it then reads as "no store there".
    try:
        return path.expanduser()
    except RuntimeError:
        return path


def resolve_settings(
    *,
    store: str | os.PathLike[str] | None = None,
    lang: str | None = None,
    idle_minutes: float | None = None,
    passphrase: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Flags first, then the environment, then the defaults (UnknownLanguage for a bad --lang).

    The passphrase is passed in already read (the CLI reads --passphrase-file with its own
    one-line errors); MELDCODE_PASSPHRASE is the fallback.
    """
    env = os.environ if environ is None else environ
    return Settings(
        store_path=resolve_store_path(store, env),
        lang=resolve_lang(lang or env.get(ENV_LANG)),
        idle_minutes=DEFAULT_IDLE_MINUTES if idle_minutes is None else idle_minutes,
        passphrase=passphrase if passphrase is not None else (env.get(ENV_PASSPHRASE) or None),
        debug=debug_requested(env),
        organisation=env.get(ENV_ORGANISATION) or None,
        author=env.get(ENV_AUTHOR) or None,
    )


def debug_requested(environ: Mapping[str, str] | None = None) -> bool:
    """MELDCODE_DEBUG: let an unexpected error show its traceback (for a developer)."""
    return bool((os.environ if environ is None else environ).get(ENV_DEBUG))


def secret_from_environment(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """A passphrase or recovery key handed over in the environment (None when unset)."""
    return (os.environ if environ is None else environ).get(name)


def language_asked(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str | None:
    """The language asked for before any parsing (--lang, else MELDCODE_LANG), unchecked.

    The command line needs it early, so that even a usage error is in the chosen language.
    """
    wanted: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            wanted = argv[i + 1]
        elif arg.startswith("--lang="):
            wanted = arg.partition("=")[2]
    return wanted or (os.environ if environ is None else environ).get(ENV_LANG)
