"""This store's identity as the user sees it: the public line to hand out, the fingerprint."""

from __future__ import annotations

from dataclasses import dataclass

from meldcode_tui.store import Store


@dataclass(frozen=True)
class IdentityCard:
    """What `meldcode identity show` and the app's identity screen print."""

    line: str
    fingerprint: str
    created_at: str


def identity_card(store: Store) -> IdentityCard:
    identity = store.identity()
    public = identity.public
    return IdentityCard(public.line, public.fingerprint, identity.created_at)


def rotate_identity(store: Store) -> IdentityCard:
    """A new key pair: colleagues need the new line; hand-overs under way still open."""
    store.rotate_identity()
    return identity_card(store)
