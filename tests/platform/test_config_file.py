"""The settings file: read and checked; a file that cannot be used gives defaults and one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from meldcode_tui.config_file import FileSettings, default_config_path, load_config
from meldcode_tui.i18n import set_language


def _load(tmp_path: Path, text: str | bytes) -> tuple[FileSettings, str | None]:
    path = tmp_path / "config.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    loaded = load_config(path)
    return loaded.settings, loaded.warning


def test_a_missing_file_is_the_defaults_without_a_word(tmp_path: Path) -> None:
    loaded = load_config(tmp_path / "none.toml")
    assert loaded.settings == FileSettings() and loaded.warning is None


def test_a_valid_file_sets_what_it_names(tmp_path: Path) -> None:
    settings, warning = _load(
        tmp_path,
        'lang = "en"\nidle_minutes = 10\ntheme = "high-contrast"\n'
        'store = "~/Zaken/store.meldcode"\norganisation = "Lyceum (fictief)"\n'
        'author = "A.B., mentor"\nretention_years = 5\n',
    )
    assert warning is None
    assert settings.lang == "en" and settings.idle_minutes == 10.0
    assert settings.theme == "high-contrast" and settings.author == "A.B., mentor"
    assert settings.store == Path("~/Zaken/store.meldcode") and settings.retention_years == 5


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('lang = "de"\n', "'lang'"),
        ("idle_minutes = -1\n", "'idle_minutes'"),
        ("idle_minutes = true\n", "'idle_minutes'"),
        ('theme = "neon"\n', "'theme'"),
        ('passphrase = "geheim"\n', "'passphrase'"),  # refused, never kept
        ('lang = "en"\nauthor = ""\n', "'author'"),
        ('organisation = "a\\u001bb"\n', "'organisation'"),  # a control character
        ("retention_years = 0\n", "'retention_years'"),
        ('rol = "mentor"\n', "'rol'"),  # not a setting of the file
        ('role = "Mentor"\n', "'role'"),  # not a role id
        ('export_folder = ""\n', "'export_folder'"),
        ("lang = \n", "TOML"),
        (b"lang = '\xff'\n", "UTF-8"),
    ],
)
def test_an_invalid_file_gives_defaults_and_one_line(
    tmp_path: Path, text: str | bytes, names: str
) -> None:
    set_language("en")
    settings, warning = _load(tmp_path, text)
    assert settings == FileSettings()  # nothing half-applied
    assert warning is not None and "\n" not in warning
    assert names in warning and "config.toml" in warning and "defaults apply" in warning
    assert "geheim" not in warning


def test_the_file_lives_in_the_platforms_config_folder() -> None:
    path = default_config_path()
    assert path.name == "config.toml" and path.parent.name == "meldcode-tui"
