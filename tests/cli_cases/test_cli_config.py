"""`meldcode config show|set|unset|path`: the settings file, checked before it is written."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest
from cli_helpers import init_store, ok, one_line_error, run


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "instellingen" / "config.toml"
    monkeypatch.setenv("MELDCODE_CONFIG", str(path))
    for name in (
        "MELDCODE_IDLE_LOCK",
        "MELDCODE_ORGANISATION",
        "MELDCODE_AUTHOR",
        "MELDCODE_EXPORT_FOLDER",
        "MELDCODE_ROLE",
    ):
        monkeypatch.delenv(name, raising=False)
    return path


def _shown(key: str, *args: str) -> dict[str, object]:
    data = json.loads(ok(*args, "config", "show", "--json"))
    setting: dict[str, object] = data["settings"][key]
    return setting


def test_path_prints_the_file_it_reads(config: Path) -> None:
    assert ok("config", "path").strip() == str(config)


def test_set_writes_a_checked_value_that_show_then_reports_from_the_file(config: Path) -> None:
    out = ok("config", "set", "idle_minutes", "2,5")
    assert "idle_minutes = 2.5" in out
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {"idle_minutes": 2.5}
    assert _shown("idle_minutes") == {"value": 2.5, "source": "file"}
    ok("config", "set", "organisation", "Het Lyceum (fictief)")
    assert _shown("organisation") == {"value": "Het Lyceum (fictief)", "source": "file"}


def test_show_names_each_source_in_words(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ok("config", "set", "author", "A.B.")
    monkeypatch.setenv("MELDCODE_ORGANISATION", "Omgevingschool (fictief)")
    out = ok("--idle-lock", "3", "config", "show")
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "(instellingenbestand)" in lines["author"]
    assert "(omgevingsvariabele MELDCODE_ORGANISATION)" in lines["organisation"]
    assert "(opdrachtregel)" in lines["idle_minutes"]
    assert "(standaard)" in lines["retention_years"]
    assert str(config) in out.splitlines()[0]


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("lang", "de", "'lang'"),
        ("idle_minutes", "lang", "'idle_minutes'"),
        ("idle_minutes", "1441", "'idle_minutes'"),
        ("retention_years", "0", "'retention_years'"),
        ("theme", "neon", "'theme'"),
        ("organisation", "", "'organisation'"),
        ("passphrase", "geheim", "'passphrase'"),
        ("role", "Mentor van 3B", "'role'"),
        ("role", "", "'role'"),
        ("export_folder", " ", "'export_folder'"),
    ],
)
def test_a_bad_key_or_value_is_one_line_exit_2_and_the_file_untouched(
    config: Path, key: str, value: str, named: str
) -> None:
    ok("config", "set", "lang", "en")
    before = config.read_bytes()
    line = one_line_error(run("config", "set", key, value))
    assert named in line and "geheim" not in line
    assert config.read_bytes() == before


def test_the_export_folder_and_the_role_are_set_shown_and_unset(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _shown("export_folder") == {"value": None, "source": "default"}
    assert _shown("role") == {"value": None, "source": "default"}
    monkeypatch.chdir(tmp_path)
    ok("config", "set", "export_folder", "exports")  # typed relative: kept absolute
    ok("config", "set", "role", "aandachtsfunctionaris")
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {
        "export_folder": str(tmp_path / "exports"),
        "role": "aandachtsfunctionaris",
    }
    assert _shown("export_folder") == {"value": str(tmp_path / "exports"), "source": "file"}
    assert _shown("role") == {"value": "aandachtsfunctionaris", "source": "file"}
    out = ok("--lang", "en", "config", "show")
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "aandachtsfunctionaris" in lines["role"]
    # The variable beats the file, and show says which one applies.
    monkeypatch.setenv("MELDCODE_ROLE", "leidinggevende")
    assert _shown("role") == {"value": "leidinggevende", "source": "env"}
    monkeypatch.delenv("MELDCODE_ROLE")
    ok("config", "unset", "role")
    assert _shown("role") == {"value": None, "source": "default"}


def test_a_role_no_protocol_names_is_refused_and_the_file_kept(config: Path) -> None:
    ok("config", "set", "role", "mentor")
    before = config.read_bytes()
    line = one_line_error(run("config", "set", "role", "mentorr"))
    assert "'mentorr'" in line and "mentor," in line and "aandachtsfunctionaris" in line
    assert config.read_bytes() == before


def test_a_broken_file_is_not_overwritten(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text("lang = \n# eigen aantekening\n", encoding="utf-8")
    before = config.read_bytes()
    line = one_line_error(run("config", "set", "lang", "en"))
    assert "TOML" in line
    assert config.read_bytes() == before


def test_a_broken_file_gives_one_warning_and_the_command_runs_on_defaults(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('lang = "de"\n', encoding="utf-8")
    result = run("flows", "list")
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1 and "'lang'" in warnings[0]


def test_unset_removes_one_setting_and_keeps_the_others(config: Path) -> None:
    ok("config", "set", "lang", "en")
    ok("config", "set", "author", "A.B.")
    ok("config", "unset", "lang")
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {"author": "A.B."}
    assert _shown("lang")["source"] == "default"


def test_set_says_when_a_variable_overrides_the_file(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MELDCODE_AUTHOR", "O.M.")
    result = run("config", "set", "author", "A.B.")
    assert result.exit_code == 0 and "MELDCODE_AUTHOR" in result.stderr


def test_the_file_language_is_used_when_nothing_else_asks(config: Path) -> None:
    ok("config", "set", "lang", "en")
    line = one_line_error(run("show", "nope"))
    assert line.startswith("error:")


def test_the_file_store_reaches_the_store_commands(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "uit-bestand.meldcode"
    monkeypatch.delenv("MELDCODE_STORE")
    ok("config", "set", "store", str(chosen))
    init_store()
    assert chosen.is_file()
    case_id = ok("new", "--flow", "basismodel").strip()
    assert case_id in ok("list")
    # A variable still beats the file.
    other = tmp_path / "uit-omgeving.meldcode"
    monkeypatch.setenv("MELDCODE_STORE", str(other))
    init_store()
    assert other.is_file()


def test_the_file_organisation_is_the_export_default(config: Path, tmp_path: Path) -> None:
    init_store()
    case_id = ok("new", "--flow", "basismodel").strip()
    ok("config", "set", "organisation", "Bestandschool (fictief)")
    target = tmp_path / "samenvatting.md"
    ok("export", case_id, "--format", "md", "--output", str(target))
    assert "Bestandschool (fictief)" in target.read_text(encoding="utf-8")
    again = tmp_path / "andere.md"
    ok("export", case_id, "-f", "md", "-o", str(again), "--organisation", "Vlagschool (fictief)")
    text = again.read_text(encoding="utf-8")
    assert "Vlagschool (fictief)" in text and "Bestandschool" not in text


def test_the_file_retention_term_is_used_and_a_bad_variable_still_fails(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_store()
    ok("config", "set", "retention_years", "4")
    assert _shown("retention_years") == {"value": 4, "source": "file"}
    monkeypatch.setenv("MELDCODE_RETENTION_YEARS", "veel")
    line = one_line_error(run("list"))
    assert "MELDCODE_RETENTION_YEARS" in line


def test_no_secret_is_written_to_the_file(config: Path) -> None:
    ok("config", "set", "author", "A.B.")
    text = config.read_text(encoding="utf-8")
    assert os.environ["MELDCODE_PASSPHRASE"] not in text


def test_the_broken_file_warning_is_in_the_chosen_language(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text("lang = \n", encoding="utf-8")
    monkeypatch.setenv("MELDCODE_LANG", "en")
    result = run("flows", "list")
    assert result.exit_code == 0 and "The defaults apply" in result.stderr
