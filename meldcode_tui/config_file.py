"""The settings file: read, checked and written here; merged by the one Settings object.

It lives in the platform's config folder (platformdirs: %APPDATA%\\meldcode-tui on Windows,
~/Library/Application Support/meldcode-tui on macOS, ~/.config/meldcode-tui on Linux) as
config.toml, unless MELDCODE_CONFIG names another file (settings.py decides which). It holds
preferences only, never a passphrase, key or case data; a setting it does not know is refused
rather than ignored, so a misspelt or misplaced secret is never kept silently. A file that
cannot be used in full is not used at all: the defaults apply and the caller shows the one
warning line this module returns. `meldcode config set` and the app's settings screen write it
through `write_setting`, which checks the value first and leaves the file as it was when
anything is wrong.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Final

from meldcode_tui.i18n import LANGUAGES, t

APP_NAME: Final = "meldcode-tui"
FILENAME: Final = "config.toml"
THEMES: Final = ("default", "high-contrast")
_TEXT_LIMIT: Final = 200
_PATH_LIMIT: Final = 1000
# The settings screen says these limits in its own words.
TEXT_LIMIT: Final = _TEXT_LIMIT
PATH_LIMIT: Final = _PATH_LIMIT
MAX_IDLE_MINUTES: Final = 24 * 60


@dataclass(frozen=True)
class FileSettings:
    """What the file sets; None where it says nothing (the environment or a default decides)."""

    lang: str | None = None
    store: Path | None = None
    idle_minutes: float | None = None
    theme: str | None = None
    organisation: str | None = None
    author: str | None = None
    retention_years: int | None = None
    # The export dialog's default folder (the app; the CLI's -o stays relative to where you are).
    export_folder: Path | None = None
    # The author role recorded with each change when a flow names it (else the flow's first).
    role: str | None = None


# The keys in the order `meldcode config show` lists them and the file is written in.
KEYS: Final = tuple(f.name for f in fields(FileSettings))


@dataclass(frozen=True)
class LoadedConfig:
    settings: FileSettings
    warning: str | None = None  # one line for the user when the file was not used


class ConfigRefused(ValueError):
    """A setting or value that cannot be written; `problem` is the one line for the user."""

    def __init__(self, problem: str) -> None:
        super().__init__("setting refused")
        self.problem = problem


def default_config_path() -> Path:
    # Imported here: with MELDCODE_CONFIG set (the tests, an IT department's own location)
    # a command never loads it; `meldcode --help` stays as light as it was.
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / FILENAME


class _Invalid(ValueError):
    def __init__(self, problem: str) -> None:
        super().__init__("invalid settings file")
        self.problem = problem


def _choice(key: str, value: Any, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _Invalid(t("config.problem.choice", name=key, choices=", ".join(choices)))
    return value


def _text(key: str, value: Any, limit: int = _TEXT_LIMIT) -> str:
    # A control character would break the one line it is printed on (an export's header).
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > limit
        or any(ord(ch) < 32 or ord(ch) == 127 for ch in value)
    ):
        raise _Invalid(t("config.problem.text", name=key, limit=limit))
    return value.strip()


def _minutes(key: str, value: Any) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= MAX_IDLE_MINUTES
    ):
        raise _Invalid(t("config.problem.minutes", name=key))
    return float(value)


ROLE_PATTERN: Final = re.compile(r"[a-z][a-z0-9_]{0,39}")


def _role(key: str, value: Any) -> str:
    # A flow's role id (`beroepskracht`); whether a case's flow names it is decided per case.
    if not isinstance(value, str) or not ROLE_PATTERN.fullmatch(value.strip()):
        raise _Invalid(t("config_cli.problem_role", name=key))
    return value.strip()


def _years(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise _Invalid(t("config_cli.problem_years", name=key))
    return value


_READERS: Final[dict[str, Callable[[Any], object]]] = {
    "lang": lambda v: _choice("lang", v, tuple(LANGUAGES)),
    "store": lambda v: Path(_text("store", v, _PATH_LIMIT)),
    "idle_minutes": lambda v: _minutes("idle_minutes", v),
    "theme": lambda v: _choice("theme", v, THEMES),
    "organisation": lambda v: _text("organisation", v),
    "author": lambda v: _text("author", v),
    "retention_years": lambda v: _years("retention_years", v),
    "export_folder": lambda v: Path(_text("export_folder", v, _PATH_LIMIT)),
    "role": lambda v: _role("role", v),
}


def parse_config(data: dict[str, Any]) -> FileSettings:
    """Check a parsed file; raises _Invalid naming the first problem."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _READERS:
            raise _Invalid(t("config.problem.unknown", name=key, known=", ".join(KEYS)))
        values[key] = _READERS[key](value)
    return FileSettings(**values)


def load_config(path: Path | None = None) -> LoadedConfig:
    """The file's settings, or the defaults and one warning line if it cannot be used."""
    where = path or default_config_path()
    try:
        raw = where.read_bytes()
    except FileNotFoundError:
        return LoadedConfig(FileSettings())
    except OSError:
        return LoadedConfig(FileSettings(), t("config.unreadable", path=where))
    # Imported here: most starts have no settings file, and every command starts here.
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
        return LoadedConfig(parse_config(data))
    except UnicodeDecodeError:
        problem = t("config.problem.encoding")
    except tomllib.TOMLDecodeError as exc:
        # The parser's message names the line and column; it quotes no value from the file.
        problem = t("config.problem.syntax", detail=str(exc))
    except _Invalid as exc:
        problem = exc.problem
    except (RecursionError, ValueError):
        # Nesting beyond the recursion limit, or an integer beyond Python's digit limit.
        problem = t("config.problem.syntax", detail=t("security.too_deep"))
    return LoadedConfig(FileSettings(), t("config.invalid", path=where, problem=problem))


def parse_value(key: str, text: str) -> object:
    """A value typed on the command line or in the settings screen, checked as the file is.

    Raises ConfigRefused with one line naming the key and what it accepts.
    """
    if key not in _READERS:
        raise ConfigRefused(t("config.problem.unknown", name=key, known=", ".join(KEYS)))
    raw: object = text.strip()
    if key == "idle_minutes":
        raw = _number(text.strip().replace(",", "."), float)
    elif key == "retention_years":
        raw = _number(text.strip(), int)
    try:
        value = _READERS[key](raw)
    except _Invalid as exc:
        raise ConfigRefused(exc.problem) from None
    if isinstance(value, Path):
        # Typed relative to where the user stands now; the file must not depend on that later.
        with contextlib.suppress(RuntimeError):  # `~nouser`: kept as typed
            value = value.expanduser()
        value = value.absolute()
    return value


def _number(text: str, kind: Callable[[str], float | int]) -> object:
    try:
        return kind(text)
    except ValueError:
        return text  # the reader refuses it with its own line


def dump_config(settings: FileSettings) -> str:
    """The file's text: one `key = value` line per setting that is set, in KEYS order."""
    lines = ["# meldcode-tui settings (meldcode config set KEY VALUE); no secrets belong here."]
    for key in KEYS:
        value = getattr(settings, key)
        if value is None:
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, Path):
            value = str(value)
        lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, str):
        # JSON's escapes are TOML's basic-string escapes; DEL is the one more TOML wants escaped.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return repr(value)


def write_setting(path: Path, key: str, value: object | None) -> FileSettings:
    """Set (or, with None, remove) one checked setting; see write_settings."""
    return write_settings(path, {key: value})


def write_settings(path: Path, changes: Mapping[str, object | None]) -> FileSettings:
    """Set (or, with None, remove) checked settings and write the file whole, atomically.

    A file that is there but cannot be used is refused (ConfigRefused): rewriting it would lose
    what the user wrote in it. The new text goes to a temporary file beside it, which then
    replaces the old one, so a crash leaves the old file or the new one, never half of one.
    """
    for key in changes:
        if key not in _READERS:
            raise ConfigRefused(t("config.problem.unknown", name=key, known=", ".join(KEYS)))
    loaded = load_config(path)
    if loaded.warning is not None:
        raise ConfigRefused(loaded.warning)
    updated = replace(loaded.settings, **changes)  # type: ignore[arg-type]
    text = dump_config(updated)
    import tempfile  # only when writing: every command reads the file, few write it

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        raise ConfigRefused(
            t("config_cli.unwritable", path=path, reason=exc.strerror or type(exc).__name__)
        ) from None
    return updated
