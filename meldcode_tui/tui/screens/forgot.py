"""Passphrase forgotten: the recovery key from paper sets a new passphrase and opens the store.

The same path as `meldcode passwd --recovery` (casework.setup.reset_passphrase), with the same
strength check as the welcome screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from meldcode_tui.casework.setup import (
    PassphraseRefused,
    recovery_key_mistyped,
    reset_passphrase,
)
from meldcode_tui.i18n import t
from meldcode_tui.store import Store, StoreError
from meldcode_tui.tui.screens.passphrase_text import open_error_message, refusal
from meldcode_tui.tui.services import services
from meldcode_tui.tui.type_ahead import TypeAhead
from meldcode_tui.tui.widgets.keybar import KeyBar

FIELDS = ("forgot-key", "forgot-pass1", "forgot-pass2")


class ForgotScreen(TypeAhead, Screen[None]):
    """Recovery key, new passphrase twice; Esc goes back to the unlock screen."""

    DEFAULT_CSS = """
    ForgotScreen { align: center middle; }
    ForgotScreen #forgot { width: 72; max-width: 100%; }
    #forgot Input { margin: 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", show=False)]

    def compose(self) -> ComposeResult:
        # The fields scroll; the message and the buttons are docked, so the error of a
        # mistyped key never pushes them off an 80x24 screen.
        with Vertical(id="forgot", classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                yield Static(t("tui.forgot.title"), classes="dialog-title")
                yield Static(t("tui.forgot.explain"), classes="dialog-help")
                for field_id, key in zip(FIELDS, ("key", "first", "second"), strict=True):
                    # The recovery key is shown as typed: it is copied from paper, and the
                    # error asks to compare it with the paper (dots cannot be compared). The
                    # new passphrase stays hidden.
                    field = Input(
                        password=field_id != "forgot-key",
                        placeholder=t(f"tui.forgot.{key}"),
                        id=field_id,
                    )
                    field.cursor_blink = False
                    yield field
            with Vertical(classes="dialog-foot"):
                yield Static("", id="forgot-message", classes="dialog-error")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("tui.forgot.button"), id="forgot-button", variant="primary")
                    yield Button(t("tui.forgot.back"), id="forgot-back")
        yield KeyBar(
            [
                ("Esc", "screen.back", "tui.forgot.back"),
                ("F3", "app.toggle_language", "tui.keys.language"),
                ("^Q", "app.quit", "tui.keys.quit"),
            ]
        )

    def on_mount(self) -> None:
        self.focus_typing(self.query_one("#forgot-key", Input))

    @on(Input.Submitted, "#forgot-key")
    @on(Input.Submitted, "#forgot-pass1")
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "forgot-key" and recovery_key_mistyped(event.value):
            # Checked at Enter, so a retyped key is not left looking refused.
            self._say(t("tui.forgot.mistyped"), "forgot-key")
            return
        self.query_one("#forgot-message", Static).update("")
        following = FIELDS[FIELDS.index(event.input.id or FIELDS[0]) + 1]
        self.query_one(f"#{following}", Input).focus()

    @on(Input.Changed)
    def _typing(self, event: Input.Changed) -> None:
        # An old refusal stays only until the field it was about is changed.
        message = self.query_one("#forgot-message", Static)
        if self.focused is event.input and str(message.render()).strip():
            message.update("")

    def _say(self, message: str, field_id: str) -> None:
        self.query_one("#forgot-message", Static).update(message)
        self.query_one(f"#{field_id}", Input).focus()

    @on(Input.Submitted, "#forgot-pass2")
    @on(Button.Pressed, "#forgot-button")
    def _submit(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        key, first, second = (self.query_one(f"#{f}", Input) for f in FIELDS)
        if recovery_key_mistyped(key.value):
            self._say(t("tui.forgot.mistyped"), "forgot-key")
            return
        problem = refusal(first.value)
        if problem is not None:
            self._say(problem, "forgot-pass1")
            return
        if first.value != second.value:
            second.value = ""
            self._say(t("tui.welcome.mismatch"), "forgot-pass2")
            return
        self.query_one("#forgot-message", Static).update(t("tui.forgot.working"))
        self.reset(key.value, first.value)

    @work(thread=True, exclusive=True, group="forgot")
    def reset(self, recovery_key: str, new_passphrase: str) -> None:
        # Two key derivations (the new wrapping, then the open): seconds, so not on the loop.
        app = services(self.app)
        try:
            store = reset_passphrase(app.store_path, recovery_key, new_passphrase, clock=app.clock)
        except (StoreError, PassphraseRefused) as exc:
            message = (
                open_error_message(exc)
                if isinstance(exc, StoreError)
                else refusal(new_passphrase) or ""
            )
            self.app.call_from_thread(self._say, message, "forgot-key")
            return
        self.app.call_from_thread(self._done, store)

    def _done(self, store: Store) -> None:
        services(self.app).unlocked(store)
        self.app.notify(t("tui.forgot.done"), timeout=10)

    @on(Button.Pressed, "#forgot-back")
    def action_back(self) -> None:
        self.dismiss(None)

    async def relabel(self) -> None:
        # What is typed stays: a language switch is no reason to type a recovery key twice.
        values = {f: self.query_one(f"#{f}", Input).value for f in FIELDS}
        focused = self.focused.id if self.focused is not None else FIELDS[0]
        await self.recompose()
        for field_id, value in values.items():
            self.query_one(f"#{field_id}", Input).value = value
        if focused in FIELDS:
            self.query_one(f"#{focused}", Input).focus()
