"""The settings file: read and checked here, merged by the one Settings object (not yet wired).

It lives in the platform's config folder (platformdirs: %APPDATA%\\meldcode-tui on Windows,
~/Library/Application Support/meldcode-tui on macOS, ~/.config/meldcode-tui on Linux) as
config.toml. It holds preferences only, never a passphrase, key or case data; a setting it does
not know is refused rather than ignored, so a misspelt or misplaced secret is never kept
silently. A file that cannot be used in full is not used at all: the defaults apply and the
caller shows the one warning line this module returns.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import platformdirs

from meldcode_tui.i18n import LANGUAGES, t

APP_NAME: Final = "meldcode-tui"
FILENAME: Final = "config.toml"
THEMES: Final = ("default", "high-contrast")
_TEXT_LIMIT: Final = 200


@dataclass(frozen=True)
class FileSettings:
    """What the file sets; None where it says nothing (the environment or a default decides)."""

    lang: str | None = None
    idle_minutes: float | None = None
    theme: str | None = None
    export_folder: Path | None = None
    organisation: str | None = None
    role: str | None = None
    initials: str | None = None


@dataclass(frozen=True)
class LoadedConfig:
    settings: FileSettings
    warning: str | None = None  # one line for the user when the file was not used


def config_path() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / FILENAME


class _Invalid(ValueError):
    def __init__(self, problem: str) -> None:
        super().__init__("invalid settings file")
        self.problem = problem


def _choice(key: str, value: Any, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _Invalid(t("config.problem.choice", name=key, choices=", ".join(choices)))
    return value


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > _TEXT_LIMIT:
        raise _Invalid(t("config.problem.text", name=key, limit=_TEXT_LIMIT))
    return value.strip()


def _minutes(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 24 * 60:
        raise _Invalid(t("config.problem.minutes", name=key))
    return float(value)


def parse_config(data: dict[str, Any]) -> FileSettings:
    """Check a parsed file; raises _Invalid naming the first problem."""
    readers: dict[str, Callable[[Any], object]] = {
        "lang": lambda v: _choice("lang", v, tuple(LANGUAGES)),
        "idle_minutes": lambda v: _minutes("idle_minutes", v),
        "theme": lambda v: _choice("theme", v, THEMES),
        "export_folder": lambda v: Path(_text("export_folder", v)).expanduser(),
        "organisation": lambda v: _text("organisation", v),
        "role": lambda v: _text("role", v),
        "initials": lambda v: _text("initials", v),
    }
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in readers:
            raise _Invalid(t("config.problem.unknown", name=key, known=", ".join(readers)))
        values[key] = readers[key](value)
    return FileSettings(**values)


def load_config(path: Path | None = None) -> LoadedConfig:
    """The file's settings, or the defaults and one warning line if it cannot be used."""
    where = path or config_path()
    try:
        raw = where.read_bytes()
    except FileNotFoundError:
        return LoadedConfig(FileSettings())
    except OSError:
        return LoadedConfig(FileSettings(), t("config.unreadable", path=where))
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
    return LoadedConfig(FileSettings(), t("config.invalid", path=where, problem=problem))
