"""First run: what the app does, a passphrase typed twice, then the recovery key shown once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from meldcode_tui.i18n import t
from meldcode_tui.tui.services import services
from meldcode_tui.tui.type_ahead import TypeAhead
from meldcode_tui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from meldcode_tui.store import Store

# The store, its set-up and the passphrase check (zxcvbn) are imported where they are used:
# this screen is drawn first, and they load while the passphrase is typed (tui/app.py
# `_preload`), as for the unlock screen (issue 16).


class WelcomeScreen(TypeAhead, Screen[None]):
    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="welcome", classes="dialog"):
            yield Static(t("tui.welcome.title"), classes="dialog-title")
            yield Static(t("tui.welcome.explain"), classes="dialog-help")
            for field_id, key in (("welcome-pass1", "first"), ("welcome-pass2", "second")):
                field = Input(password=True, placeholder=t(f"tui.welcome.{key}"), id=field_id)
                field.cursor_blink = False
                yield field
            yield Static("", id="welcome-message", classes="dialog-error")
            yield Button(t("tui.welcome.create"), id="welcome-create", variant="primary")
        yield KeyBar(
            [
                ("F3", "app.toggle_language", "tui.keys.language"),
                ("F1", "app.help", "tui.keys.help"),
                ("^Q", "app.quit", "tui.keys.quit"),
            ]
        )

    def on_mount(self) -> None:
        self.focus_typing(self.query_one("#welcome-pass1", Input))

    @on(Input.Submitted, "#welcome-pass1")
    def _first_done(self) -> None:
        self.query_one("#welcome-pass2", Input).focus()

    @on(Input.Submitted, "#welcome-pass2")
    @on(Button.Pressed, "#welcome-create")
    def _create(self) -> None:
        from meldcode_tui.tui.screens.passphrase_text import refusal

        first = self.query_one("#welcome-pass1", Input)
        second = self.query_one("#welcome-pass2", Input)
        message = self.query_one("#welcome-message", Static)
        problem = refusal(first.value)
        if problem is not None:
            message.update(problem)
            first.focus()
            return
        if first.value != second.value:
            message.update(t("tui.welcome.mismatch"))
            second.value = ""
            second.focus()
            return
        message.update(t("tui.welcome.working"))
        self.create_store(first.value)

    @work(thread=True, exclusive=True, group="create")
    def create_store(self, passphrase: str) -> None:
        from meldcode_tui.casework.setup import create_store
        from meldcode_tui.store import StoreError
        from meldcode_tui.tui.screens.passphrase_text import open_error_message

        app = services(self.app)
        try:
            store, key = create_store(app.store_path, passphrase, recovery=True, clock=app.clock)
        except StoreError as exc:
            self.app.call_from_thread(
                self.query_one("#welcome-message", Static).update, open_error_message(exc)
            )
            return
        self.app.call_from_thread(self._created, store, key or "")

    def _created(self, store: Store, key: str) -> None:
        def confirmed(_: None) -> None:
            services(self.app).unlocked(store)

        self.app.push_screen(RecoveryKeyScreen(key), confirmed)

    async def relabel(self) -> None:
        await self.recompose()


class RecoveryKeyScreen(Screen[None]):
    """The recovery key, once; the only way on is to confirm it was written down."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="recovery", classes="dialog"):
            yield Static(t("tui.recovery.title"), classes="dialog-title")
            yield Static(t("tui.recovery.explain"), classes="dialog-help")
            yield Static(Text(self.key, style="bold"), id="recovery-key")
            yield Static(t("tui.recovery.warning"), classes="dialog-help")
            yield Button(t("tui.recovery.confirm"), id="recovery-confirm", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#recovery-confirm", Button).focus()

    @on(Button.Pressed, "#recovery-confirm")
    def _confirm(self) -> None:
        self.dismiss(None)

    async def relabel(self) -> None:
        await self.recompose()
