"""What the unlock, welcome and forgotten-passphrase screens say when something is refused.

Its own module, so those three screens import it and not each other (no import cycle).
"""

from __future__ import annotations

from meldcode_tui.casework.setup import (
    MIN_PASSPHRASE,
    PassphraseTooShort,
    PassphraseTooWeak,
    check_new_passphrase,
)
from meldcode_tui.i18n import t
from meldcode_tui.store import (
    BadRecoveryKey,
    NoRecoveryKey,
    StoreError,
    StoreInUse,
    WrongPassphrase,
    WrongRecoveryKey,
)


def open_error_message(exc: StoreError) -> str:
    """A plain sentence for each way opening can fail; never the technical detail."""
    if isinstance(exc, WrongRecoveryKey):
        return t("tui.forgot.wrong_key")
    if isinstance(exc, BadRecoveryKey):
        return t("tui.forgot.mistyped")
    if isinstance(exc, NoRecoveryKey):
        return t("tui.forgot.no_key")
    if isinstance(exc, WrongPassphrase):
        return t("tui.unlock.wrong")
    if isinstance(exc, StoreInUse):
        return t("tui.unlock.in_use")
    return t("tui.unlock.failed", kind=type(exc).__name__)


def refusal(passphrase: str) -> str | None:
    """Why a new passphrase is refused, as a sentence for the screen; None when it will do.

    The same check as `meldcode init` and `meldcode passwd` (casework.passphrase).
    """
    try:
        check_new_passphrase(passphrase)
    except PassphraseTooShort:
        return t("tui.welcome.too_short", count=MIN_PASSPHRASE)
    except PassphraseTooWeak as exc:
        line = t("passphrase.too_weak", reason=t(f"passphrase.reason.{exc.reason}"))
        return line[:1].upper() + line[1:]
    return None
