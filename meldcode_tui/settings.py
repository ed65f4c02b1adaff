"""One Settings object: resolved once from flags, then the environment, then the settings file.

The command line resolves it (`meldcode_tui.cli.root`) and passes it down; this is the one
module that reads a `MELDCODE_*` variable (`MELDCODE_NOW` and the test-only KDF switch too,
through `now_override()` and `insecure_test_kdf_requested()`, which the clock and the vault call
at the moment they need them: see docs/ARCHITECTURE.md, "Settings"). Each setting has one
precedence, here and nowhere else: a flag, else its variable, else the settings file
(config_file.py), else the default; `resolve()` says for each where its value came from, which
`meldcode config show` prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final, Literal, TypeVar, cast

from meldcode_tui.config_file import ROLE_PATTERN, FileSettings, default_config_path
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
ENV_CONFIG: Final = "MELDCODE_CONFIG"
ENV_RETENTION_YEARS: Final = "MELDCODE_RETENTION_YEARS"
ENV_EXPORT_FOLDER: Final = "MELDCODE_EXPORT_FOLDER"
ENV_ROLE: Final = "MELDCODE_ROLE"
ENV_STATE_DIR: Final = "MELDCODE_STATE_DIR"  # read at call time by state_dir_override()
ENV_COMPLETE: Final = "_MELDCODE_COMPLETE"  # Click's shell completion, see completion_requested
ENV_NOW: Final = "MELDCODE_NOW"  # read at call time by now_override(), see above
ENV_INSECURE_KDF: Final = "MELDCODE_INSECURE_TEST_KDF"  # tests only, see above
PYTEST_MARK_ENV: Final = "PYTEST_CURRENT_TEST"  # pytest's own: tells a test run from a user
__all__ = [
    "APP_NAME",
    "ENV_AUTHOR",
    "ENV_COMPLETE",
    "ENV_CONFIG",
    "ENV_DEBUG",
    "ENV_EXPORT_FOLDER",
    "ENV_IDLE",
    "ENV_INSECURE_KDF",
    "ENV_LANG",
    "ENV_NEW_PASSPHRASE",
    "ENV_NOW",
    "ENV_ORGANISATION",
    "ENV_PASSPHRASE",
    "ENV_RECOVERY_KEY",
    "ENV_RETENTION_YEARS",
    "ENV_ROLE",
    "ENV_STATE_DIR",
    "ENV_STORE",
    "Resolution",
    "Settings",
    "Source",
    "completion_requested",
    "config_file_path",
    "debug_requested",
    "default_store_path",
    "insecure_test_kdf_requested",
    "language_asked",
    "now_override",
    "resolve",
    "resolve_settings",
    "resolve_store_path",
    "retention_years_from_env",
    "secret_from_environment",
    "started_by_a_test",
    "state_dir_override",
]

Source = Literal["flag", "env", "file", "default"]
T = TypeVar("T")
V = TypeVar("V", int, float, str)


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
    # The organisation's own retention term, replacing every flow's (None: the flow's).
    retention_years: int | None = None
    # The export dialog's default folder (None: where the app was started).
    export_folder: Path | None = None
    # The preferred author role; used where a case's flow names it, else the flow's default.
    role: str | None = None

    @property
    def idle_seconds(self) -> float:
        return self.idle_minutes * 60

    def with_changes(self, **changes: object) -> Settings:
        """A copy with some fields changed (the demo's throw-away store, a test's tmp_path)."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Resolution:
    """The resolved Settings, where each setting came from, and what could not be used."""

    settings: Settings
    # Keyed by the settings file's names (config_file.KEYS): "flag", "env", "file", "default".
    sources: Mapping[str, Source]
    # A variable that is set but unusable, by the same names: one line for the user, shown
    # when the setting is needed (so a bad MELDCODE_RETENTION_YEARS does not stop `flows`).
    problems: Mapping[str, str] = field(default_factory=dict)


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


def config_file_path(environ: Mapping[str, str] | None = None) -> Path:
    """MELDCODE_CONFIG, else config.toml in the platform's user config folder."""
    explicit = (os.environ if environ is None else environ).get(ENV_CONFIG)
    return _expand(Path(explicit)) if explicit else default_config_path()


def _env_minutes(raw: str) -> float | None:
    try:
        minutes = float(raw.replace(",", "."))
    except ValueError:
        return None
    return minutes if 0 <= minutes <= 24 * 60 else None


def _env_years(raw: str) -> int | None:
    try:
        years = int(raw)
    except ValueError:
        return None
    return years if 1 <= years <= 100 else None


def retention_years_from_env(environ: Mapping[str, str] | None = None) -> int | None:
    """MELDCODE_RETENTION_YEARS, or None when unset (ValueError when it is not 1 to 100)."""
    raw = (os.environ if environ is None else environ).get(ENV_RETENTION_YEARS, "").strip()
    if not raw:
        return None
    years = _env_years(raw)
    if years is None:
        raise ValueError("retention years out of range")
    return years


def resolve(
    *,
    store: str | os.PathLike[str] | None = None,
    lang: str | None = None,
    idle_minutes: float | None = None,
    passphrase: str | None = None,
    environ: Mapping[str, str] | None = None,
    file: FileSettings | None = None,
) -> Resolution:
    """Flags first, then the environment, then the settings file, then the defaults.

    Pure: the flags are what was typed on the command line (None: not typed), `environ` and
    `file` are passed in (the real ones when None / an empty file). UnknownLanguage for a bad
    --lang or MELDCODE_LANG; a bad number in a variable is a problem line and the next source
    decides. The passphrase is passed in already read (the CLI reads --passphrase-file with its
    own one-line errors); MELDCODE_PASSPHRASE is the fallback. It is not a setting of the file.
    """
    env = os.environ if environ is None else environ
    fs = file or FileSettings()
    sources: dict[str, Source] = {}
    problems: dict[str, str] = {}

    def pick(key: str, flag: T | None, from_env: T | None, from_file: T | None) -> T | None:
        for source, value in (("flag", flag), ("env", from_env), ("file", from_file)):
            if value is not None:
                sources[key] = cast("Source", source)
                return value
        sources[key] = "default"
        return None

    def text_env(name: str) -> str | None:
        return env.get(name, "").strip() or None

    def number_env(key: str, name: str, read: Callable[[str], V | None]) -> V | None:
        raw = text_env(name)
        value = read(raw) if raw else None
        if raw and value is None:
            problems[key] = name
        return value

    store_path = pick("store", Path(store) if store else None, _path(text_env(ENV_STORE)), fs.store)
    chosen_lang = pick("lang", lang or None, text_env(ENV_LANG), fs.lang)
    minutes = pick(
        "idle_minutes",
        idle_minutes,
        number_env("idle_minutes", ENV_IDLE, _env_minutes),
        fs.idle_minutes,
    )
    theme = pick("theme", None, None, fs.theme)
    settings = Settings(
        store_path=_expand(store_path) if store_path else default_store_path(),
        lang=resolve_lang(chosen_lang),
        idle_minutes=DEFAULT_IDLE_MINUTES if minutes is None else minutes,
        passphrase=passphrase if passphrase is not None else (env.get(ENV_PASSPHRASE) or None),
        high_contrast=theme == "high-contrast",
        debug=debug_requested(env),
        organisation=pick("organisation", None, text_env(ENV_ORGANISATION), fs.organisation),
        author=pick("author", None, text_env(ENV_AUTHOR), fs.author),
        retention_years=pick(
            "retention_years",
            None,
            number_env("retention_years", ENV_RETENTION_YEARS, _env_years),
            fs.retention_years,
        ),
        export_folder=_expand_optional(
            pick("export_folder", None, _path(text_env(ENV_EXPORT_FOLDER)), fs.export_folder)
        ),
        role=pick("role", None, number_env("role", ENV_ROLE, _env_role), fs.role),
    )
    return Resolution(settings, sources, problems)


def _env_role(raw: str) -> str | None:
    # The file's check: a flow's role id (whether a case's flow names it is decided per case).
    return raw if ROLE_PATTERN.fullmatch(raw) else None


def _expand_optional(path: Path | None) -> Path | None:
    return _expand(path) if path is not None else None


def _path(text: str | None) -> Path | None:
    return Path(text) if text else None


def resolve_settings(
    *,
    store: str | os.PathLike[str] | None = None,
    lang: str | None = None,
    idle_minutes: float | None = None,
    passphrase: str | None = None,
    environ: Mapping[str, str] | None = None,
    file: FileSettings | None = None,
) -> Settings:
    """`resolve(...)`'s Settings alone (the tests' and the app's way in)."""
    return resolve(
        store=store,
        lang=lang,
        idle_minutes=idle_minutes,
        passphrase=passphrase,
        environ=environ,
        file=file,
    ).settings


def debug_requested(environ: Mapping[str, str] | None = None) -> bool:
    """MELDCODE_DEBUG: let an unexpected error show its traceback (for a developer)."""
    return bool((os.environ if environ is None else environ).get(ENV_DEBUG))


def completion_requested(environ: Mapping[str, str] | None = None) -> bool:
    """The shell asks for completions: it runs a bare `meldcode` with Click's variable set."""
    return bool((os.environ if environ is None else environ).get(ENV_COMPLETE))


def secret_from_environment(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """A passphrase or recovery key handed over in the environment (None when unset)."""
    return (os.environ if environ is None else environ).get(name)


def language_asked(
    argv: Sequence[str], environ: Mapping[str, str] | None = None, file_lang: str | None = None
) -> str | None:
    """The language asked for before any parsing (--lang, else MELDCODE_LANG, else the file's).

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
    return wanted or (os.environ if environ is None else environ).get(ENV_LANG) or file_lang


def now_override(environ: Mapping[str, str] | None = None) -> str | None:
    """MELDCODE_NOW as typed (None when unset): "now" for every deadline (tests, audits).

    Read at each call, not once: `flow/clock.py` parses it (dates.py's one parser), and an
    audit or a test changes it between calls.
    """
    return (os.environ if environ is None else environ).get(ENV_NOW, "").strip() or None


def started_by_a_test(environ: Mapping[str, str] | None = None) -> bool:
    """pytest sets PYTEST_CURRENT_TEST for every test it runs; a process a test starts inherits
    it. With the test-only KDF switch: the vault honours the switch only in a test run."""
    env = os.environ if environ is None else environ
    return bool(env.get(PYTEST_MARK_ENV))


def insecure_test_kdf_requested(environ: Mapping[str, str] | None = None) -> bool:
    """The test-only light Argon2id switch (MELDCODE_INSECURE_TEST_KDF=1), read at each call.

    Not a field of Settings: the vault must honour (and refuse) it for every caller, including
    a Store opened without any Settings, and a guard that a cached value could outlive is none.
    """
    return (os.environ if environ is None else environ).get(ENV_INSECURE_KDF) == "1"


def state_dir_override(environ: Mapping[str, str] | None = None) -> Path | None:
    """MELDCODE_STATE_DIR: where the store's rollback memory lives instead of the user state
    folder (store/rollback.py; the tests and a portable install set it). Read at each call."""
    explicit = (os.environ if environ is None else environ).get(ENV_STATE_DIR)
    return Path(explicit) if explicit else None
