"""Writing the settings file: what is written reads back the same, atomically, nothing else kept."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest

from meldcode_tui.config_file import (
    ConfigRefused,
    FileSettings,
    load_config,
    parse_value,
    write_setting,
    write_settings,
)


def test_texts_with_quotes_backslashes_and_accents_read_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    windows = str(PureWindowsPath(r"C:\Users\Juf Ä\Documents\store.meldcode"))
    written = write_settings(
        path,
        {
            "organisation": 'Basisschool "De Linde" (fictief)',
            "author": "Ç. Öztürk \\ mentor",
            "store": Path(windows),
        },
    )
    loaded = load_config(path)
    assert loaded.warning is None
    assert loaded.settings == written
    assert loaded.settings.organisation == 'Basisschool "De Linde" (fictief)'
    assert str(loaded.settings.store) == windows


def test_a_write_leaves_no_temporary_file_and_keeps_the_other_settings(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    write_setting(path, "lang", "en")
    write_setting(path, "retention_years", 5)
    assert load_config(path).settings == FileSettings(lang="en", retention_years=5)
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


def test_a_typed_store_path_is_kept_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    value = parse_value("store", "zaken/store.meldcode")
    assert value == tmp_path / "zaken" / "store.meldcode"


def test_an_unwritable_folder_is_one_line_naming_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ConfigRefused) as refused:
        write_setting(blocker / "config.toml", "lang", "en")
    assert "config.toml" in refused.value.problem and "\n" not in refused.value.problem
