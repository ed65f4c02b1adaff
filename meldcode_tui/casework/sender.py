"""Who a received case came from, said by the address book as it is now.

The case keeps what was known at receipt (the name then, the key and its fingerprint); a sender
who was not in the book then is often added and confirmed later. The key is what identifies
the sender, so every place that names the sender (the app's chronology, F12, and the exports
made from it) looks the key up in the current book: the name and whether it is confirmed, or
"not in the address book" while no entry holds that key. An export is written at one moment
and says what the book said then, as the app did on screen at that moment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from meldcode_tui.casework.contacts import Contact, contact_for
from meldcode_tui.i18n import t
from meldcode_tui.vault.identity import BadPublicKey, PublicIdentity


def sender_contact(contacts: Sequence[Contact], received: Mapping[str, object]) -> Contact | None:
    """The entry holding the sender's key (its whole key, else its fingerprint), if any."""
    try:
        key: PublicIdentity | None = PublicIdentity.parse(str(received.get("key") or ""))
    except BadPublicKey:
        key = None
    if key is not None:
        return contact_for(contacts, key)
    fingerprint = str(received.get("fp") or "")
    return next((c for c in contacts if fingerprint and c.fingerprint == fingerprint), None)


def sender_label(
    received: Mapping[str, object],
    contacts: Sequence[Contact] | None,
    tr: Callable[..., str] = t,
) -> str:
    """ "Ans", "Ans (sleutel NIET bevestigd)" or "(niet in adresboek)".

    Only an unconfirmed key is marked, as everywhere a colleague is named (the hand-over
    dialog, the address book's warnings): the confirmed one is the normal case.

    `contacts` None: no address book at hand (a case read on its own), so the name recorded
    at receipt, unmarked.
    """
    if contacts is None:
        return str(received.get("from") or "") or tr("contacts.no_name")
    contact = sender_contact(contacts, received)
    if contact is None:
        return str(tr("contacts.no_name"))
    if contact.confirmed:
        return contact.name
    return str(tr("sender_words.unconfirmed", name=contact.name))
