"""What screens may ask of the running app, typed: no `getattr(self.app, ...)` guesswork.

A Protocol rather than the App class itself, so screens need not import `tui/app.py` (which
imports them): the arrows stay one way and there is no import cycle. `MeldcodeApp` satisfies
it; `services(self.app)` is posting's `cast("Posting", self.app)` idea.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

if TYPE_CHECKING:
    from textual.app import App

    from meldcode_tui.settings import Settings
    from meldcode_tui.store import Store


class AppServices(Protocol):
    settings: Settings
    store_path: Path
    demo: bool
    clock: Callable[[], datetime]
    # The idle lock in seconds (0: off); the settings screen changes it while it runs.
    idle_seconds: float
    # Who the user said they are, per flow (role ids differ per flow); kept until quit.
    author_roles: dict[str, str]

    def unlocked(self, store: Store) -> None: ...

    async def open_case(self, case_id: str) -> None: ...

    def open_export(self, case_id: str) -> None: ...


def services(app: App[Any]) -> AppServices:
    """The running MeldcodeApp, as the screens see it."""
    return cast("AppServices", app)


@runtime_checkable
class SavesTyping(Protocol):
    """A screen holding typed text not yet saved (the wizard): saved before lock or quit."""

    def flush(self) -> None: ...


@runtime_checkable
class KeepsDraft(Protocol):
    """A dialog holding typed text that is no answer yet (a ledger entry): kept before lock or
    exit as the wizard keeps a note typed without Enter, but not on a language switch."""

    def keep_draft(self) -> None: ...


@runtime_checkable
class Relabels(Protocol):
    """A screen that rebuilds itself in the new language after F3."""

    async def relabel(self) -> None: ...


@runtime_checkable
class ClosesCase(Protocol):
    """A screen showing one case, offering "close case" in the command palette."""

    def action_close_case(self) -> None: ...

    def offers_close(self) -> bool:
        """False for a case that cannot be closed here (handed over: read-only)."""
        ...


@runtime_checkable
class ManagesActions(Protocol):
    """A screen of one case that opens its agreed actions (Ctrl+T, the command palette)."""

    def action_actions(self) -> None: ...


@runtime_checkable
class HandsOver(Protocol):
    """The case list: hand the selected case over, receive a bundle, show the identity."""

    def action_hand_over(self) -> None: ...

    def action_receive(self) -> None: ...

    def action_identity(self) -> None: ...
