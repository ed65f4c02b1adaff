"""One precedence for each setting, in settings.py: flag > environment > file > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from meldcode_tui.config_file import FileSettings
from meldcode_tui.i18n import UnknownLanguage
from meldcode_tui.settings import DEFAULT_IDLE_MINUTES, default_store_path, resolve

FILE = FileSettings(
    lang="en",
    store=Path("/uit/bestand.meldcode"),
    idle_minutes=12.0,
    theme="high-contrast",
    organisation="Bestandschool (fictief)",
    author="B.E.",
    retention_years=7,
    export_folder=Path("/uit/bestand-exports"),
    role="aandachtsfunctionaris",
)
ENV = {
    "MELDCODE_LANG": "nl",
    "MELDCODE_STORE": "/uit/omgeving.meldcode",
    "MELDCODE_IDLE_LOCK": "8",
    "MELDCODE_ORGANISATION": "Omgevingschool (fictief)",
    "MELDCODE_AUTHOR": "O.M.",
    "MELDCODE_RETENTION_YEARS": "3",
    "MELDCODE_EXPORT_FOLDER": "/uit/omgeving-exports",
    "MELDCODE_ROLE": "leidinggevende",
}


def test_the_defaults_when_nothing_is_set() -> None:
    r = resolve(environ={}, file=FileSettings())
    s = r.settings
    assert s.lang == "nl" and s.store_path == default_store_path()
    assert s.idle_minutes == DEFAULT_IDLE_MINUTES and not s.high_contrast
    assert s.organisation is None and s.author is None and s.retention_years is None
    assert s.export_folder is None and s.role is None
    assert set(r.sources.values()) == {"default"}


def test_the_file_beats_the_defaults() -> None:
    r = resolve(environ={}, file=FILE)
    s = r.settings
    assert (s.lang, s.store_path, s.idle_minutes) == ("en", Path("/uit/bestand.meldcode"), 12.0)
    assert s.high_contrast and s.organisation == "Bestandschool (fictief)"
    assert (s.author, s.retention_years) == ("B.E.", 7)
    assert (s.export_folder, s.role) == (Path("/uit/bestand-exports"), "aandachtsfunctionaris")
    assert set(r.sources.values()) == {"file"}


def test_the_environment_beats_the_file() -> None:
    r = resolve(environ=ENV, file=FILE)
    s = r.settings
    assert (s.lang, s.store_path, s.idle_minutes) == ("nl", Path("/uit/omgeving.meldcode"), 8.0)
    assert (s.organisation, s.author, s.retention_years) == ("Omgevingschool (fictief)", "O.M.", 3)
    assert (s.export_folder, s.role) == (Path("/uit/omgeving-exports"), "leidinggevende")
    assert r.sources["theme"] == "file"  # no variable for the theme: the file still decides
    assert {k: v for k, v in r.sources.items() if k != "theme"} == dict.fromkeys(
        (
            "lang",
            "store",
            "idle_minutes",
            "organisation",
            "author",
            "retention_years",
            "export_folder",
            "role",
        ),
        "env",
    )


def test_a_flag_beats_the_environment_and_the_file() -> None:
    r = resolve(store="/vlag.meldcode", lang="en", idle_minutes=0, environ=ENV, file=FILE)
    s = r.settings
    assert (s.lang, s.store_path, s.idle_minutes) == ("en", Path("/vlag.meldcode"), 0.0)
    assert r.sources["store"] == r.sources["lang"] == r.sources["idle_minutes"] == "flag"
    assert r.sources["organisation"] == "env"


def test_zero_minutes_from_the_file_is_a_value_not_nothing() -> None:
    r = resolve(environ={}, file=FileSettings(idle_minutes=0.0))
    assert r.settings.idle_minutes == 0.0 and r.sources["idle_minutes"] == "file"


def test_a_bad_number_in_a_variable_is_a_problem_and_the_file_decides() -> None:
    env = {"MELDCODE_RETENTION_YEARS": "veel", "MELDCODE_IDLE_LOCK": "-4", "MELDCODE_ROLE": "A B"}
    r = resolve(environ=env, file=FILE)
    assert r.settings.retention_years == 7 and r.sources["retention_years"] == "file"
    assert r.settings.idle_minutes == 12.0
    assert r.settings.role == "aandachtsfunctionaris" and r.sources["role"] == "file"
    assert r.problems == {
        "retention_years": "MELDCODE_RETENTION_YEARS",
        "idle_minutes": "MELDCODE_IDLE_LOCK",
        "role": "MELDCODE_ROLE",
    }


def test_an_empty_variable_counts_as_unset() -> None:
    r = resolve(environ={"MELDCODE_STORE": "", "MELDCODE_ORGANISATION": " "}, file=FILE)
    assert r.sources["store"] == r.sources["organisation"] == "file"


def test_a_bad_language_flag_is_refused() -> None:
    with pytest.raises(UnknownLanguage):
        resolve(lang="de", environ={}, file=FILE)


def test_the_passphrase_is_no_setting_of_the_file() -> None:
    r = resolve(environ={"MELDCODE_PASSPHRASE": "uit de omgeving"}, file=FILE)
    assert r.settings.passphrase == "uit de omgeving" and "passphrase" not in r.sources
