"""The settings screen: language, idle lock, organisation, export folder and role, in the file.

Opened from the command palette. It writes through `config_file.write_settings`, the one
writer `meldcode config set` uses too: every value is checked first, and a value that is
refused leaves the file as it was and says why in one line. What it saves applies at once
where the running app can take it (the language, the organisation on the next export, a
shorter or longer idle lock, the export folder on the next export, the role on the next case
opened); switching the idle lock on or off takes effect at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Select, Static

from meldcode_tui.casework.roles import shipped_roles
from meldcode_tui.config_file import (
    MAX_IDLE_MINUTES,
    PATH_LIMIT,
    TEXT_LIMIT,
    ConfigRefused,
    parse_value,
    write_settings,
)
from meldcode_tui.flow.roles import role_words
from meldcode_tui.i18n import LANGUAGES, current_language, t
from meldcode_tui.settings import config_file_path
from meldcode_tui.tui.services import services
from meldcode_tui.tui.widgets.choice import Choice


@dataclass(frozen=True)
class SavedSettings:
    """What the dialog wrote (None: the setting was removed from the file)."""

    lang: str
    idle_minutes: float | None
    organisation: str | None
    export_folder: Path | None = None
    role: str | None = None


class SettingsScreen(ModalScreen[SavedSettings | None]):
    """Dismisses with what was saved, or None (cancel, Esc)."""

    # Everything fits an 80x24 terminal: no margins between the rows, the languages side by side.
    DEFAULT_CSS = """
    SettingsScreen { align: center middle; }
    #settings-dialog { width: 76; height: auto; max-height: 100%; }
    #settings-dialog .dialog-title, #settings-dialog .dialog-help { margin: 0; }
    #settings-dialog RadioSet { width: 100%; height: auto; layout: horizontal; }
    #settings-dialog .dialog-buttons { margin: 0; }
    #settings-dialog .settings-row { height: auto; }
    #settings-dialog Label { width: 100%; }
    #settings-lang RadioButton { width: auto; }
    #settings-lang-column { width: 32; height: auto; }
    #settings-idle-column { width: 1fr; height: auto; }
    #settings-folder-column { width: 1fr; height: auto; }
    #settings-role-column { width: 1fr; height: auto; }
    #settings-role SelectCurrent #label { text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(
        self,
        *,
        lang: str,
        idle_minutes: float,
        organisation: str | None,
        path: Path,
        export_folder: Path | None = None,
        role: str | None = None,
    ) -> None:
        super().__init__(id="settings")
        self._lang = lang
        self._idle = idle_minutes
        self._organisation = organisation or ""
        self._export_folder = "" if export_folder is None else str(export_folder)
        self._role = role or ""
        self._roles = shipped_roles()
        self._path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="settings-dialog", classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                yield Static(t("settings_screen.title"), classes="dialog-title")
                yield Static(
                    t("settings_screen.explain", path=self._path),
                    classes="dialog-help",
                    markup=False,
                )
                # Two rows of two columns: the dialog still fits an 80x24 terminal.
                with Horizontal(classes="settings-row"):
                    with Vertical(id="settings-lang-column"):
                        yield Label(t("settings_screen.lang"))
                        with RadioSet(id="settings-lang"):
                            for lang in LANGUAGES:
                                yield Choice(
                                    t(f"settings_screen.lang_{lang}"),
                                    value=lang == self._lang,
                                    id=f"lang-{lang}",
                                )
                    with Vertical(id="settings-idle-column"):
                        yield Label(t("settings_screen.idle"))
                        idle = Input(value=_minutes_text(self._idle), id="settings-idle")
                        idle.cursor_blink = False
                        yield idle
                yield Label(t("settings_screen.organisation"))
                organisation = Input(
                    value=self._organisation,
                    placeholder=t("settings_screen.organisation_placeholder"),
                    id="settings-organisation",
                )
                organisation.cursor_blink = False
                yield organisation
                with Horizontal(classes="settings-row"):
                    with Vertical(id="settings-folder-column"):
                        yield Label(t("settings_screen.export_folder"))
                        folder = Input(
                            value=self._export_folder,
                            placeholder=t("settings_screen.export_folder_placeholder"),
                            id="settings-export-folder",
                        )
                        folder.cursor_blink = False
                        yield folder
                    with Vertical(id="settings-role-column"):
                        yield Label(t("settings_words.role"))
                        # Chosen from the roles the protocols name: a typed one that none
                        # names was saved and then silently never used.
                        yield Select(
                            _role_options(self._roles),
                            prompt=t("settings_words.no_role"),
                            value=self._role if self._role in self._roles else Select.NULL,
                            id="settings-role",
                        )
            with Vertical(classes="dialog-foot"):
                yield Static("", id="settings-error", classes="dialog-error", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("settings_screen.save"), id="settings-save", variant="primary")
                    yield Button(t("settings_screen.cancel"), id="settings-cancel")

    def on_mount(self) -> None:
        self.query_one("#settings-lang", RadioSet).focus()
        if self._role and self._role not in self._roles:
            error = self.query_one("#settings-error", Static)
            error.update(t("settings_words.unknown_role", role=self._role))

    def _chosen_lang(self) -> str:
        pressed = self.query_one("#settings-lang", RadioSet).pressed_button
        return (pressed.id or "").removeprefix("lang-") if pressed is not None else self._lang

    def _refuse(self, field: str, line: str) -> None:
        """The line names the field as the dialog labels it; the cursor goes there."""
        self.query_one("#settings-error", Static).update(line)
        self.query_one(field).focus()

    def _checked(self, key: str, field: str, problem: str) -> object | None:
        """The field's value as the file takes it; None when empty; ConfigRefused, said here."""
        text = self.query_one(field, Input).value.strip()
        if not text:
            return None
        try:
            return parse_value(key, text)
        except ConfigRefused:
            self._refuse(field, problem)
            raise

    @on(Input.Submitted)
    @on(Button.Pressed, "#settings-save")
    def _save(self) -> None:
        lang = self._chosen_lang()
        chosen_role = self.query_one("#settings-role", Select).value
        try:
            idle = self._checked(
                "idle_minutes",
                "#settings-idle",
                t("settings_words.bad_idle", field=t("settings_words.idle"), max=MAX_IDLE_MINUTES),
            )
            organisation = self._checked(
                "organisation",
                "#settings-organisation",
                t(
                    "settings_words.bad_text",
                    field=t("settings_words.organisation"),
                    limit=TEXT_LIMIT,
                ),
            )
            folder = self._checked(
                "export_folder",
                "#settings-export-folder",
                t(
                    "settings_words.bad_text",
                    field=t("settings_words.export_folder"),
                    limit=PATH_LIMIT,
                ),
            )
        except ConfigRefused:
            return
        role = chosen_role if isinstance(chosen_role, str) else None
        try:
            changes = {
                "lang": parse_value("lang", lang),
                "idle_minutes": idle,
                "organisation": organisation,
                "export_folder": folder,
                "role": parse_value("role", role) if role else None,
            }
            write_settings(self._path, changes)
        except ConfigRefused as exc:
            # The file itself (unusable, unwritable): its own line, naming the file.
            self.query_one("#settings-error", Static).update(exc.problem)
            return
        assert idle is None or isinstance(idle, float)
        assert organisation is None or isinstance(organisation, str)
        assert folder is None or isinstance(folder, Path)
        self.dismiss(SavedSettings(lang, idle, organisation, folder, role))

    @on(Button.Pressed, "#settings-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _role_options(roles: list[str]) -> list[tuple[str, str]]:
    """Each role in the words of a protocol naming it, alphabetical as read."""
    lang = current_language()
    options = [(role_words(None, role, lang), role) for role in roles]
    return sorted(options, key=lambda option: option[0].casefold())


def _minutes_text(minutes: float) -> str:
    return str(int(minutes)) if float(minutes).is_integer() else str(minutes)


def open_settings(app: App[Any]) -> None:
    """The command palette's "Settings": the dialog, then what the running app can take."""
    running = services(app)
    settings = running.settings
    screen = SettingsScreen(
        lang=current_language(),
        idle_minutes=settings.idle_minutes,
        organisation=settings.organisation,
        path=config_file_path(),
        export_folder=settings.export_folder,
        role=settings.role,
    )

    async def apply(saved: SavedSettings | None) -> None:
        if saved is None:
            return
        idle = settings.idle_minutes if saved.idle_minutes is None else saved.idle_minutes
        running.settings = running.settings.with_changes(
            organisation=saved.organisation,
            idle_minutes=idle,
            export_folder=saved.export_folder,
            role=saved.role,
        )
        later = False
        if idle > 0 and running.idle_seconds > 0:
            running.idle_seconds = idle * 60  # the idle check is running: it takes the new limit
        elif (idle > 0) != (running.idle_seconds > 0):
            later = True  # switching the lock on or off needs its timer set up at the start
        if saved.lang != current_language():
            await app.run_action("toggle_language")
        app.notify(t("settings_screen.saved_later" if later else "settings_screen.saved"))

    app.push_screen(screen, apply)
