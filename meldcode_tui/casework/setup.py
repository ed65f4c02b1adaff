"""Setting up the store: the rules for a new passphrase, and creating the store (CLI and app)."""

from __future__ import annotations

from pathlib import Path

from meldcode_tui.casework.passphrase import (
    MIN_PASSPHRASE,
    PassphraseRefused,
    PassphraseTooShort,
    PassphraseTooWeak,
    Strength,
    check_new_passphrase,
    rate_passphrase,
)
from meldcode_tui.store import Clock, Store

__all__ = [
    "MIN_PASSPHRASE",
    "PassphraseRefused",
    "PassphraseTooShort",
    "PassphraseTooWeak",
    "Strength",
    "check_new_passphrase",
    "create_store",
    "passphrase_strength",
    "recovery_key_mistyped",
    "reset_passphrase",
]


def passphrase_strength(passphrase: str) -> Strength:
    """A hint for one that passed the check: fair or strong (weak ones are refused)."""
    return rate_passphrase(passphrase).strength


def create_store(
    path: Path, passphrase: str, *, recovery: bool = True, clock: Clock | None = None
) -> tuple[Store, str | None]:
    """Create the encrypted store; returns it open, with the recovery key to show once."""
    check_new_passphrase(passphrase)
    return Store.create(path, passphrase, recovery=recovery, clock=clock)


def recovery_key_mistyped(typed: str) -> bool:
    """A recovery key whose length or check characters are wrong: a typo, before any KDF runs."""
    from meldcode_tui.vault import BadRecoveryKey, parse_key

    try:
        parse_key(typed)
    except BadRecoveryKey:
        return True
    return False


def reset_passphrase(
    path: Path, recovery_key: str, new_passphrase: str, *, clock: Clock | None = None
) -> Store:
    """A forgotten passphrase: the recovery key sets a new one (`meldcode passwd --recovery`).

    Returns the store opened with the new passphrase, as the app's unlock would.
    """
    check_new_passphrase(new_passphrase)
    Store.reset_passphrase_with_recovery(path, recovery_key, new_passphrase, clock=clock)
    return Store.open(path, new_passphrase, clock=clock)
