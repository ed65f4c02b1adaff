"""Setting up the store: the rules for a new passphrase, and creating the store (CLI and app)."""

from __future__ import annotations

import math
import string
from pathlib import Path
from typing import Literal

from meldcode_tui.store import Clock, Store

MIN_PASSPHRASE = 8
Strength = Literal["weak", "fair", "strong"]


class PassphraseTooShort(ValueError):
    """A new passphrase shorter than MIN_PASSPHRASE characters."""


def check_new_passphrase(passphrase: str) -> None:
    """The one rule a new passphrase must meet (PassphraseTooShort)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(MIN_PASSPHRASE)


def passphrase_strength(passphrase: str) -> Strength:
    """A rough hint, not a guarantee: character-pool entropy, or word count for phrases."""
    pools = [
        (string.ascii_lowercase, 26),
        (string.ascii_uppercase, 26),
        (string.digits, 10),
    ]
    pool = sum(size for chars, size in pools if any(c in chars for c in passphrase))
    if any(not c.isascii() or c in string.punctuation + " " for c in passphrase):
        pool += 33
    bits = len(passphrase) * math.log2(max(pool, 2))
    words = len(passphrase.split())
    if words >= 5 or bits >= 90:
        return "strong"
    if words >= 4 or bits >= 60:
        return "fair"
    return "weak"


def create_store(
    path: Path, passphrase: str, *, recovery: bool = True, clock: Clock | None = None
) -> tuple[Store, str | None]:
    """Create the encrypted store; returns it open, with the recovery key to show once."""
    check_new_passphrase(passphrase)
    return Store.create(path, passphrase, recovery=recovery, clock=clock)
