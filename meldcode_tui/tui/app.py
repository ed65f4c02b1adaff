"""The Textual app: unlock, case list, wizard; auto-lock, language and contrast switching."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from meldcode_tui.i18n import LANGUAGES, current_language, set_language, t
from meldcode_tui.settings import Settings
from meldcode_tui.tui.services import (
    ClosesCase,
    HandsOver,
    KeepsDraft,
    ManagesActions,
    Relabels,
    SavesTyping,
)

if TYPE_CHECKING:
    from meldcode_tui.store import Store
    from meldcode_tui.tui.screens.cases import CaseListScreen

# The store, the flow engine and the use-case layer are imported where they are used, not
# here: the unlock screen is drawn first, and they load while the passphrase is typed
# (`_preload`), so starting takes little longer than a bare Textual app (issue 16).
PRELOAD = (
    "meldcode_tui.store",
    "meldcode_tui.casework",
    "meldcode_tui.casework.setup",
    "meldcode_tui.tui.screens.passphrase_text",
    "meldcode_tui.tui.screens.cases",
)

# Seconds Textual gets to shut down after SIGHUP/SIGTERM, once everything is saved.
SHUTDOWN_GRACE = 3.0
# Home, clear the screen, clear the scrollback. Written on quit and on lock: a terminal without
# an alternate screen (tmux with alternate-screen off, some Windows consoles), or one that
# pushes lines into its scrollback on a resize, would otherwise keep case text after the app.
WIPE_TERMINAL = "\x1b[H\x1b[2J\x1b[3J"
NORMAL_THEME = "textual-dark"
CONTRAST_THEME = "meldcode-contrast"

# Pure black and white with yellow focus: readable on a washed-out beamer or for low vision.
HIGH_CONTRAST = Theme(
    name=CONTRAST_THEME,
    primary="#ffff00",
    secondary="#00ffff",
    accent="#00ffff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    warning="#ffff00",
    error="#ff6060",
    success="#00ff00",
    dark=True,
)


class MeldcodeApp(App[None]):
    """Holds the open store (or none while locked); screens get what they need from it."""

    CSS_PATH = "app.tcss"
    TITLE = "meldcode"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", priority=True, show=False),
        Binding("f2", "veilig_thuis", priority=True, show=False),
        Binding("f3", "toggle_language", priority=True, show=False),
        Binding("f4", "toggle_contrast", priority=True, show=False),
        Binding("ctrl+l", "lock", priority=True, show=False),
        Binding("ctrl+q", "quit", priority=True, show=False),
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], datetime],
        idle_clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.store_path: Path = settings.store_path
        self.lang = settings.lang
        self.demo = settings.demo
        self.clock = clock
        self.idle_seconds = settings.idle_seconds
        # Seconds since an arbitrary start; tests pass their own to lock without waiting.
        self._idle_clock = idle_clock
        self.store: Store | None = None
        self._passphrase = settings.passphrase
        self._high_contrast = settings.high_contrast
        self._last_activity = self._idle_clock()
        # The case to reopen after an auto-lock, so the user lands where they were.
        self._resume_case: str | None = None
        self._preloading: threading.Thread | None = None
        # The case list mounted behind the lock screen, waiting for the store (see unlocked).
        self._waiting_list: CaseListScreen | None = None
        self._signals: list[signal.Signals] = []
        # Who the user said they are, per flow (role ids differ per flow); kept until quit.
        self.author_roles: dict[str, str] = {}

    # ------------------------------------------------------------------ start and unlock

    def on_mount(self) -> None:
        self._install_signal_handlers()
        set_language(self.lang)
        self.register_theme(HIGH_CONTRAST)
        self.theme = CONTRAST_THEME if self._high_contrast else NORMAL_THEME
        if self.idle_seconds > 0:
            self.set_interval(min(5.0, max(self.idle_seconds / 4, 0.05)), self._check_idle)
        passphrase, self._passphrase = self._passphrase, None
        if passphrase is not None and self.store_path.is_file():
            from meldcode_tui.store import Store, StoreError

            try:
                self.unlocked(Store.open(self.store_path, passphrase, clock=self.clock))
                return
            except StoreError:
                pass  # fall back to asking; the unlock screen explains calmly
        self._show_lock_screen()

    def _show_lock_screen(self) -> None:
        # Only the screen shown is imported: the welcome screen brings the store set-up along.
        if not self.store_path.is_file():
            from meldcode_tui.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        else:
            from meldcode_tui.tui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen())
        self.call_after_refresh(self._preload)

    def _preload(self) -> None:
        """Import what unlocking needs in the background, once the first screen is drawn;
        then mount the case list, off the stack, while the passphrase is still typed."""
        loop = asyncio.get_running_loop()
        # Textual finds its app through context variables: the callback runs in this context.
        context = contextvars.copy_context()

        def warm_up_then_prepare() -> None:
            _warm_up()
            with contextlib.suppress(RuntimeError):  # the app has ended in the meantime
                loop.call_soon_threadsafe(self._prepare_case_list, context=context)

        self._preloading = threading.Thread(target=warm_up_then_prepare, daemon=True)
        self._preloading.start()

    def _prepare_case_list(self) -> None:
        """Mount an empty case list now, so that after the key derivation only the cases are
        read and drawn: mounting it (compose, styles) took half of the 100 ms the user waited
        for the list (issue 16). Mounting a screen without showing it has no public Textual
        API; `_get_screen` is what push_screen itself calls (textual is pinned exactly, and a
        test fails if this stops happening). Without it, unlocking mounts the list as before.
        """
        from meldcode_tui.tui.screens.cases import CaseListScreen

        mount = getattr(self, "_get_screen", None)
        if self.store is not None or self._waiting_list is not None or mount is None:
            return
        if not self.is_running:  # quitting
            return
        waiting = CaseListScreen(None, self.clock)
        mount(waiting)
        self._waiting_list = waiting

    def unlocked(self, store: Store) -> None:
        """Called by the unlock and welcome screens with the opened store."""
        from meldcode_tui.tui.screens.cases import CaseListScreen

        self.store = store
        self._last_activity = self._idle_clock()
        self._clear_stack()
        waiting, self._waiting_list = self._waiting_list, None
        if waiting is not None and waiting.ready and waiting.is_running:
            waiting.attach(store)
            self.push_screen(waiting)
        else:
            if waiting is not None and waiting.is_running:  # still composing: discarded
                waiting.remove()
            self.push_screen(CaseListScreen(store, self.clock))
        if self._resume_case:
            case_id, self._resume_case = self._resume_case, None
            self.call_later(self.open_case, case_id)

    def _clear_stack(self) -> list[AwaitComplete]:
        """Pop every screen above the base; each removal finishes later (await the results)."""
        popped = []
        while len(self.screen_stack) > 1:
            popped.append(self.pop_screen())
        return popped

    async def open_case(self, case_id: str) -> None:
        from meldcode_tui.casework import OpenCase
        from meldcode_tui.tui.screens.wizard import WizardScreen

        if self.store is None:
            return
        session = OpenCase.open(
            self.store, case_id, self.clock, self.author_roles, preferred_role=self.settings.role
        )
        await self.push_screen(WizardScreen(session))
        if session.case.damaged:
            self.notify(t("tui.crash.case_damaged_open"), severity="error", timeout=20)

    def open_export(self, case_id: str) -> None:
        """F9 on the case list, the wizard and the decision screen: the export dialog."""
        # Imported here: fpdf2 and the summary renderers load only when someone exports.
        from meldcode_tui.tui.screens import export_dialog

        if self.store is not None:
            export_dialog.open_export(self, self, self.store, case_id)

    # ------------------------------------------------------------------ locking

    def _flush_screens(self, *, leaving: bool = False) -> None:
        """Save what is typed; `leaving` (lock, quit, signal) also keeps dialogs' drafts."""
        from meldcode_tui.store import CaseDamaged  # loaded already once a case was opened

        for screen in self.screen_stack:
            try:
                if isinstance(screen, SavesTyping):
                    screen.flush()
                if leaving and isinstance(screen, KeepsDraft):
                    screen.keep_draft()
            except CaseDamaged:  # locking and quitting must go on
                self.notify(t("tui.crash.case_damaged"), severity="error", timeout=15)

    def action_lock(self) -> None:
        """Save what is typed, drop the keys, and cover everything with the unlock screen."""
        if self.store is None:
            return
        self._flush_screens(leaving=True)
        self._resume_case = self._open_case_id()
        self.store.close()
        self.store = None
        # Popping the screens also drops the decrypted text they were showing.
        popped = self._clear_stack()
        self._wipe_terminal()
        self._show_lock_screen()
        self.run_worker(self._forget_closed_screens(popped), name="forget-closed-screens")

    async def _forget_closed_screens(self, popped: list[AwaitComplete]) -> None:
        """Once the popped screens are really gone, drop what Textual still keeps of them.

        A screen's removal finishes asynchronously, later on a busy machine: cleared before
        that, Textual's class-level render caches kept the case list's table (and the titles it
        drew) alive until the next lock. So the caches are cleared after the removals."""
        from meldcode_tui.tui.hygiene import drop_detached_subscribers

        for removal in popped:
            await removal
        drop_detached_subscribers(self)

    def _open_case_id(self) -> str | None:
        """The case open in the wizard, if any: the one to reopen after unlocking."""
        from meldcode_tui.tui.screens.wizard import WizardScreen

        wizard = next((s for s in self.screen_stack if isinstance(s, WizardScreen)), None)
        return wizard.session.case_id if wizard is not None else None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(
            event,
            events.Key
            | events.MouseDown
            | events.MouseScrollDown
            | events.MouseScrollUp
            | events.Paste,
        ):
            self._last_activity = self._idle_clock()
        await super().on_event(event)

    def _check_idle(self) -> None:
        if self.store is not None and self._idle_clock() - self._last_activity >= self.idle_seconds:
            self.action_lock()

    # ------------------------------------------------------------------ terminal closed

    def _install_signal_handlers(self) -> None:
        """Closing the terminal (SIGHUP) or a polite kill (SIGTERM) must not lose typed text.

        Without a handler the process dies at once and text typed within the autosave pause
        is gone. POSIX only: Windows has no SIGHUP and its event loop cannot add handlers.
        """
        if sys.platform == "win32":
            return
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self._on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                return  # not the main thread (an embedding host); nothing to install
            self._signals.append(signum)

    def _remove_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in self._signals:
            loop.remove_signal_handler(signum)
        self._signals.clear()

    def _on_signal(self, signum: signal.Signals) -> None:
        self._save_and_exit()
        # (Windows has no SIGHUP; the handlers are never installed there.)
        if sys.platform != "win32" and signum == signal.SIGHUP:
            # The terminal is gone: Textual's last writes (restoring the screen) would fail or
            # block; send them nowhere instead.
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            os.close(devnull)
        # Everything is saved and the store is closed. Should Textual's shutdown still hang
        # (its output thread may have died on the vanished terminal), end the process anyway.
        watchdog = threading.Timer(SHUTDOWN_GRACE, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()

    def _save_and_exit(self) -> None:
        """The normal quit path, run from the event loop: save what is typed, close, exit."""
        self._flush_screens(leaving=True)
        if self.store is not None:
            self.store.close()
            self.store = None
        self.exit()

    def _wipe_terminal(self) -> None:
        """Clear what the terminal itself keeps; the next frame is drawn whole (a new screen)."""
        driver = self._driver
        if driver is None or self.is_headless:
            return
        driver.write(WIPE_TERMINAL)
        driver.flush()

    def on_unmount(self) -> None:
        # Before Textual leaves the alternate screen (after this, in App._process_messages).
        self._wipe_terminal()
        self._remove_signal_handlers()
        # However the app ends, the store's lock and keys go with it.
        if self.store is not None:
            self.store.close()
            self.store = None

    async def action_quit(self) -> None:
        self._save_and_exit()

    def _handle_exception(self, error: Exception) -> None:
        """Replaces Textual's handler, whose traceback prints local variables (case text)."""
        from meldcode_tui.tui import crash

        crash.stop_app(self, error)

    # ------------------------------------------------------------------ always at hand

    def action_help(self) -> None:
        from meldcode_tui.tui.screens.info import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            # The screen below tells the help what to explain (a wizard step: that step).
            self.push_screen(HelpScreen(self.screen))

    def action_veilig_thuis(self) -> None:
        from meldcode_tui.tui.screens.info import VeiligThuisScreen

        if not isinstance(self.screen, VeiligThuisScreen):
            self.push_screen(VeiligThuisScreen())

    async def action_toggle_language(self) -> None:
        self._flush_screens()
        self.lang = LANGUAGES[(LANGUAGES.index(current_language()) + 1) % len(LANGUAGES)]
        set_language(self.lang)
        for screen in list(self.screen_stack):
            if isinstance(screen, Relabels):
                await screen.relabel()
        if self._waiting_list is not None and self._waiting_list.ready:
            await self._waiting_list.relabel()  # shown after the unlock, in the new language

    def action_toggle_contrast(self) -> None:
        self.theme = NORMAL_THEME if self.theme == CONTRAST_THEME else CONTRAST_THEME

    def action_command_palette(self) -> None:
        """Ctrl+P: Textual's palette with its own words in the app's language."""
        from textual.command import CommandPalette

        from meldcode_tui.tui.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand(t("tui.palette.vt"), t("tui.palette.vt_help"), self.action_veilig_thuis)
        yield SystemCommand(t("tui.palette.help"), t("tui.palette.help_help"), self.action_help)
        if self.store is not None:
            yield SystemCommand(t("tui.palette.lock"), t("tui.palette.lock_help"), self.action_lock)
        if self.store is not None and isinstance(screen, ClosesCase) and screen.offers_close():
            yield SystemCommand(
                t("tui.palette.close_case"),
                t("tui.palette.close_case_help"),
                screen.action_close_case,
            )
        if self.store is not None and isinstance(screen, ManagesActions):
            yield SystemCommand(
                t("tui.actions.palette"), t("tui.actions.palette_help"), screen.action_actions
            )
        if self.store is not None:  # settings: language, idle lock, organisation (the file)
            from meldcode_tui.tui.screens.settings import open_settings

            yield SystemCommand(
                t("settings_screen.palette"),
                t("settings_screen.palette_help"),
                lambda: open_settings(self),
            )
        if self.store is not None and isinstance(screen, HandsOver):
            yield SystemCommand(
                t("tui.handover.palette"),
                t("tui.handover_words.palette_help"),
                screen.action_hand_over,
            )
            yield SystemCommand(
                t("tui.receive.palette"),
                t("tui.handover_words.receive_palette_help"),
                screen.action_receive,
            )
            yield SystemCommand(
                t("tui.identity.palette"), t("tui.identity.palette_help"), screen.action_identity
            )
        yield SystemCommand(
            t("tui.palette.language"), t("tui.palette.language_help"), self.action_toggle_language
        )
        yield SystemCommand(
            t("tui.palette.contrast"), t("tui.palette.contrast_help"), self.action_toggle_contrast
        )
        yield SystemCommand(t("tui.palette.quit"), t("tui.palette.quit_help"), self.action_quit)


def _import_quietly(modules: Iterable[str]) -> None:
    import importlib

    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the import where it is used reports the problem
            return


def _warm_up() -> None:
    _import_quietly(PRELOAD)
    # The case list shows each case's step in its flow: the shipped flows load and pass their
    # checks (half a second) while the passphrase is typed, not after the unlock (issue 16).
    try:
        from meldcode_tui.flow.registry import shipped_flows

        shipped_flows()
    except Exception:  # a broken flow is reported where it is used
        return


def _utc_now() -> datetime:
    return datetime.now(UTC)


def make_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = _utc_now,
    idle_clock: Callable[[], float] = time.monotonic,
) -> MeldcodeApp:
    """The one way to build the app: for `meldcode`, `meldcode demo` and the tests.

    Everything about where and how it runs comes in `settings`; the clocks are injected so
    tests run at a fixed moment and lock without waiting.
    """
    return MeldcodeApp(settings, clock=clock, idle_clock=idle_clock)
