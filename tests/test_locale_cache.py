"""The locale strings are parsed once per content and read back from the cache folder after."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from meldcode_tui.cache_folder import cache_file, digest
from meldcode_tui.i18n import _strings, catalog
from meldcode_tui.resources import data_dir


def test_the_cache_folder_is_the_apps_own() -> None:
    from meldcode_tui import cache_folder, settings

    assert cache_folder.APP_NAME == settings.APP_NAME


def test_the_cached_strings_are_the_parsed_file(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (data_dir("locales") / "en.toml").read_bytes()
    parsed = _strings("en", data)
    assert parsed == catalog("en") and parsed["tui.unlock.title"]

    def no_parsing(_text: str) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomllib, "loads", no_parsing)
    assert _strings("en", data) == parsed


def test_an_edited_file_is_parsed_again() -> None:
    assert _strings("nl", b'[tui]\ntitle = "eerst"\n') == {"tui.title": "eerst"}
    assert _strings("nl", b'[tui]\ntitle = "daarna"\n') == {"tui.title": "daarna"}
    assert _strings("nl", b'[tui]\ntitle = "eerst"\n') == {"tui.title": "eerst"}


@pytest.mark.parametrize(
    "kept",
    [b"{not json", b"[]", b'{"layout": 1, "sha256": "KEY", "strings": {"a": 1}}', b"\xff"],
)
def test_a_damaged_cache_is_parsed_again(kept: bytes) -> None:
    data = b'a = "b"\n'
    _strings("en", data)
    path = cache_file("locale-en.json")
    path.write_bytes(kept.replace(b"KEY", digest(data).encode()))
    assert _strings("en", data) == {"a": "b"}


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    path = cache_file("locale-en.json")
    path.unlink(missing_ok=True)
    path.mkdir(parents=True)  # a folder where the file should be
    try:
        assert _strings("en", b'a = "c"\n') == {"a": "c"}
    finally:
        path.rmdir()
