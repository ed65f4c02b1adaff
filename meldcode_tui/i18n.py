"""UI strings from locales/*.toml: Dutch by default, English second."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from meldcode_tui.resources import data_dir

DEFAULT_LANG = "nl"
LANGUAGES = ("nl", "en")
ENV_LANG = "MELDCODE_LANG"  # read in settings.py, like every other variable


class UnknownLanguage(ValueError):
    """Raised when a language code is not one we ship."""


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        full = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{full}."))
        else:
            flat[full] = str(value)
    return flat


# Bumped when what is kept for a locale file changes; older entries are then parsed again.
CACHE_LAYOUT = 1


@cache
def catalog(lang: str, directory: Path | None = None) -> dict[str, str]:
    """All strings of one locale, keyed by their dotted name."""
    if lang not in LANGUAGES:
        raise UnknownLanguage(lang)
    folder = directory or data_dir("locales")
    return _strings(lang, (folder / f"{lang}.toml").read_bytes())


def _strings(lang: str, data: bytes) -> dict[str, str]:
    """The file's strings; parsed once per content and then read back from the cache folder.

    Parsing the TOML takes several times longer than reading the same strings as JSON, on
    every start of every command and before the app's first screen (issue 16).
    """
    from meldcode_tui.cache_folder import cache_file, digest, read_json, write_json

    key = digest(data)
    path = cache_file(f"locale-{lang}.json")
    kept = read_json(path)
    if isinstance(kept, dict) and kept.get("layout") == CACHE_LAYOUT and kept.get("sha256") == key:
        strings = kept.get("strings")
        if isinstance(strings, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in strings.items()
        ):
            return strings
    import tomllib

    strings = _flatten(tomllib.loads(data.decode("utf-8")))
    write_json(path, {"layout": CACHE_LAYOUT, "sha256": key, "strings": strings})
    return strings


def resolve_lang(explicit: str | None = None) -> str:
    """Pick the language: the one asked for (flag or MELDCODE_LANG, see settings.py), else Dutch."""
    lang = (explicit or DEFAULT_LANG).strip().lower()
    if lang not in LANGUAGES:
        raise UnknownLanguage(lang)
    return lang


class Translator:
    """Looks up UI strings for one language, falling back to Dutch for a missing key."""

    def __init__(self, lang: str = DEFAULT_LANG) -> None:
        self.lang = lang
        self._strings = catalog(lang)

    def __call__(self, key: str, **values: object) -> str:
        text = self._strings.get(key)
        if text is None:
            text = catalog(DEFAULT_LANG).get(key, key)
        return text.format(**values) if values else text

    def plural(self, key: str, count: int, **values: object) -> str:
        """`key.one` for exactly one, `key.other` for any other count (0 too), with `count`.

        Dutch and English share this rule ("1 vraag", "0 vragen"; "1 question", "0 questions"),
        so two forms in each locale file are enough.
        """
        return self(f"{key}.{plural_form(count)}", count=count, **values)


def plural_form(count: int) -> str:
    """The CLDR plural category of a count in Dutch and English: "one" or "other"."""
    return "one" if count == 1 else "other"


_current = {"lang": DEFAULT_LANG}


def set_language(lang: str) -> None:
    """Set the process-wide language used by `t()`."""
    if lang not in LANGUAGES:
        raise UnknownLanguage(lang)
    _current["lang"] = lang


def current_language() -> str:
    return _current["lang"]


def t(key: str, **values: object) -> str:
    """Translate `key` in the current language."""
    return Translator(_current["lang"])(key, **values)


def plural(key: str, count: int, **values: object) -> str:
    """`t` for a sentence about `count` things: the locale's `one` or `other` form of `key`."""
    return Translator(_current["lang"]).plural(key, count, **values)
