"""The settings screen (command palette): language, idle lock, organisation, in the file."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, RadioButton, Select, Static
from tui_helpers import SIZE, app_for, unlock

from meldcode_tui.i18n import current_language
from meldcode_tui.tui.screens.cases import CaseListScreen
from meldcode_tui.tui.screens.settings import SettingsScreen, open_settings


def _config() -> Path:
    return Path(os.environ["MELDCODE_CONFIG"])


def _palette_titles(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    return [str(c.title) for c in app.get_system_commands(screen)]  # type: ignore[attr-defined]


async def test_saving_writes_the_file_and_the_running_app_follows(new_store: Path) -> None:
    app = app_for(new_store, idle_seconds=300)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert "Instellingen" in _palette_titles(app)
        open_settings(app)
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#lang-en", RadioButton).value = True
        app.screen.query_one("#settings-idle", Input).value = "2"
        app.screen.query_one("#settings-organisation", Input).value = "Het Lyceum (fictief)"
        app.screen.query_one("#settings-export-folder", Input).value = str(new_store.parent)
        app.screen.query_one("#settings-role", Select).value = "aandachtsfunctionaris"
        app.screen.query_one("#settings-idle", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        assert tomllib.loads(_config().read_text(encoding="utf-8")) == {
            "lang": "en",
            "idle_minutes": 2,
            "organisation": "Het Lyceum (fictief)",
            "export_folder": str(new_store.parent.absolute()),
            "role": "aandachtsfunctionaris",
        }
        assert current_language() == "en"
        assert app.settings.export_folder == new_store.parent.absolute()
        assert app.settings.role == "aandachtsfunctionaris"
        assert app.idle_seconds == 120
        assert app.settings.organisation == "Het Lyceum (fictief)"  # the next export's header
        assert "Settings" in _palette_titles(app)


async def test_a_refused_value_is_one_line_and_the_file_stays_as_it_was(new_store: Path) -> None:
    _config().write_text('organisation = "Oud (fictief)"\n', encoding="utf-8")
    before = _config().read_bytes()
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        open_settings(app)
        await pilot.pause()
        app.screen.query_one("#settings-idle", Input).value = "veel"
        app.screen.query_one("#settings-organisation", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        error = str(app.screen.query_one("#settings-error", Static).render())
        # Named as the dialog labels the field, not by the file's key; the cursor goes there.
        assert error == (
            "Vergrendelen na minuten rust: typ een aantal minuten van 0 tot en met 1440"
            " (0 = nooit vergrendelen)."
        )
        assert app.screen.focused is app.screen.query_one("#settings-idle")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
    assert _config().read_bytes() == before


async def test_the_palette_offers_settings_only_when_unlocked(new_store: Path) -> None:
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        assert "Instellingen" not in _palette_titles(app)
        await unlock(pilot)
        assert "Instellingen" in _palette_titles(app)


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_dialog_fits_an_80_by_24_terminal(new_store: Path, lang: str) -> None:
    app = app_for(new_store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        open_settings(app)
        await pilot.pause()
        widgets = (
            "#settings-save",
            "#settings-organisation",
            "#settings-error",
            "#settings-export-folder",
            "#settings-role",
            "#settings-idle",
            "#lang-en",
        )
        for widget in widgets:
            region = app.screen.query_one(widget).region
            assert region.bottom <= 24 and region.right <= 80, (widget, region)
            assert region.width > 0 and region.height > 0, (widget, region)
        # The two radio buttons side by side, inside their column, not cut off.
        nl, en = (app.screen.query_one(f"#lang-{x}").region for x in ("nl", "en"))
        column = app.screen.query_one("#settings-lang-column").region
        assert nl.y == en.y and en.right <= column.right


async def test_the_settings_role_is_the_author_of_a_new_case_where_the_flow_names_it(
    new_store: Path,
) -> None:
    from meldcode_tui.casework import start_case
    from meldcode_tui.casework.roles import remembered_role
    from meldcode_tui.flow import get_flow

    basismodel, safeguarding = get_flow("basismodel"), get_flow("safeguarding")
    assert remembered_role(basismodel, {}, "aandachtsfunctionaris") == "aandachtsfunctionaris"
    assert remembered_role(safeguarding, {}, "aandachtsfunctionaris") == "melder"  # falls back
    # A role chosen in this session still comes first.
    assert remembered_role(
        basismodel, {"basismodel": "leidinggevende"}, "aandachtsfunctionaris"
    ) == ("leidinggevende")
    app = app_for(new_store)
    app.settings = app.settings.with_changes(role="aandachtsfunctionaris")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert app.store is not None
        case_id, _ = start_case(app.store, "basismodel", "Fictief", now=app.clock())
        await app.open_case(case_id)
        await pilot.pause()
        session = app.screen.session  # type: ignore[attr-defined]
        assert session.author_role == "aandachtsfunctionaris"
        session.answer("client_type", "kind")  # the saved answer's author role
        history = app.store.get_case(case_id).history
    assert history[-1].author_role == "aandachtsfunctionaris"


async def test_the_role_is_chosen_from_the_protocols_roles(new_store: Path) -> None:
    """A typed `mentorr` was saved and silently never used; now only a known role can be."""
    from meldcode_tui.casework.roles import shipped_roles

    _config().write_text('role = "mentorr"\n', encoding="utf-8")
    app = app_for(new_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.settings = app.settings.with_changes(role="mentorr")  # as read from the file
        open_settings(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        # The file's unknown role is said, not shown as chosen.
        error = str(screen.query_one("#settings-error", Static).render())
        assert "'mentorr'" in error and "geen enkel protocol" in error
        role = screen.query_one("#settings-role", Select)
        assert role.is_blank()
        options = [(str(words), value) for words, value in role._options if isinstance(value, str)]
        offered = [value for _, value in options]
        assert sorted(offered) == shipped_roles() and "mentorr" not in offered
        # Each in the protocol's words, never as an id (`intern_begeleider`).
        assert ("intern begeleider (IB'er)", "intern_begeleider") in options
        assert all("_" not in words for words, _ in options)
        assert {"beroepskracht", "leerkracht", "aandachtsfunctionaris"} <= set(offered)
        # By keys: open the list, pick a role, save with Enter in a field.
        role.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = role.value
        assert chosen == offered[0]
        screen.query_one("#settings-idle", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
    assert tomllib.loads(_config().read_text(encoding="utf-8"))["role"] == chosen
