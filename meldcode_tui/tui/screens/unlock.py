"""Unlock: the passphrase opens the store; a wrong one gets a calm message and another try."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from meldcode_tui.i18n import t
from meldcode_tui.tui.services import services

__all__ = ["UnlockScreen"]
from meldcode_tui.tui.type_ahead import TypeAhead
from meldcode_tui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    # Imported when the passphrase is sent, not before the screen is drawn (issue 16).
    pass


class UnlockScreen(TypeAhead, Screen[None]):
    """Covers everything while the store is locked; the app gets the opened store."""

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="unlock", classes="dialog"):
            yield Static(t("tui.unlock.title"), classes="dialog-title")
            yield Static(t("tui.unlock.explain"), classes="dialog-help")
            if services(self.app).demo:
                yield Static(t("tui.unlock.demo_hint"), id="unlock-demo", classes="demo")
            field = Input(
                password=True, placeholder=t("tui.unlock.placeholder"), id="unlock-passphrase"
            )
            field.cursor_blink = False
            yield field
            yield Static("", id="unlock-message", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.unlock.button"), id="unlock-button", variant="primary")
                # The recovery key from paper sets a new passphrase (screens/forgot.py).
                yield Button(t("tui.forgot.link"), id="unlock-forgot")
        yield KeyBar(
            [
                ("F2", "app.veilig_thuis", "tui.keys.veilig_thuis"),
                ("F3", "app.toggle_language", "tui.keys.language"),
                ("F1", "app.help", "tui.keys.help"),
                ("^Q", "app.quit", "tui.keys.quit"),
            ]
        )

    def on_mount(self) -> None:
        self.focus_typing(self.query_one("#unlock-passphrase", Input))

    @on(Input.Submitted, "#unlock-passphrase")
    @on(Button.Pressed, "#unlock-button")
    def _submit(self) -> None:
        field = self.query_one("#unlock-passphrase", Input)
        if not field.value:
            field.focus()
            return
        self.query_one("#unlock-message", Static).update(t("tui.unlock.working"))
        self.unlock(field.value)
        field.value = ""

    @on(Button.Pressed, "#unlock-forgot")
    def _forgot(self) -> None:
        from meldcode_tui.tui.screens.forgot import ForgotScreen

        self.query_one("#unlock-passphrase", Input).value = ""
        # Back from it (Esc), typing goes into the passphrase field again, not to the button.
        self.app.push_screen(ForgotScreen(), lambda _: self._focus_passphrase())

    def _focus_passphrase(self) -> None:
        if self.is_attached:
            self.query_one("#unlock-passphrase", Input).focus()

    @work(thread=True, exclusive=True, group="unlock")
    def unlock(self, passphrase: str) -> None:
        # The key derivation takes a second on purpose; a thread keeps the screen alive.
        from meldcode_tui.store import Store, StoreError
        from meldcode_tui.tui.screens.passphrase_text import open_error_message

        app = services(self.app)
        try:
            store = Store.open(app.store_path, passphrase, clock=app.clock)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, open_error_message(exc))
            return
        self.app.call_from_thread(app.unlocked, store)

    def _failed(self, message: str) -> None:
        self.query_one("#unlock-message", Static).update(message)
        self.query_one("#unlock-passphrase", Input).focus()

    async def relabel(self) -> None:
        await self.recompose()
        self.query_one("#unlock-passphrase", Input).focus()
