"""The address book: colleagues' public keys by name, each confirmed (or not) by fingerprint.

A hand-over picks a person, not a key string. A key is only as good as the way it came: it is
marked unconfirmed until the user compared its fingerprint with the colleague (read aloud, on
paper), and every list and hand-over says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.vault.identity import BadPublicKey, PublicIdentity

MAX_NAME = 80


class ContactRefused(ValueError):
    """An address-book change that cannot be made; `line()` says why, translated.

    The exception itself holds only the locale key: a colleague's name is typed text and
    never goes into an exception message (a traceback or a log would carry it).
    """

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields

    def line(self) -> str:
        return t(self.key, **self.fields)


@dataclass(frozen=True)
class Contact:
    name: str
    key: PublicIdentity
    confirmed: bool
    added_at: str

    @property
    def fingerprint(self) -> str:
        return self.key.fingerprint


def _load(store: Store) -> list[dict[str, Any]]:
    raw = store.read_record("contacts")
    entries = raw.get("contacts") if isinstance(raw, dict) else None
    return [e for e in entries or [] if isinstance(e, dict)]


def _save(store: Store, entries: list[dict[str, Any]]) -> None:
    store.write_record("contacts", {"contacts": entries})


def _contact(entry: dict[str, Any]) -> Contact | None:
    try:
        key = PublicIdentity.parse(str(entry["key"]))
    except (KeyError, BadPublicKey):
        return None
    return Contact(str(entry["name"]), key, bool(entry.get("ok")), str(entry.get("at", "")))


def list_contacts(store: Store) -> list[Contact]:
    """Everyone in the address book, by name."""
    found = [c for c in (_contact(e) for e in _load(store)) if c is not None]
    return sorted(found, key=lambda c: c.name.casefold())


def parse_key(text: str) -> PublicIdentity:
    """A typed or pasted public key; ContactRefused (one translated line) when it is mistyped."""
    try:
        return PublicIdentity.parse(text)
    except BadPublicKey:
        raise ContactRefused("contacts.bad_key") from None


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_NAME or not cleaned.isprintable():
        raise ContactRefused("contacts.bad_name", max=MAX_NAME)
    return cleaned


def add_contact(store: Store, name: str, key_text: str, *, at: str) -> Contact:
    """Add a colleague, unconfirmed; refused for a name or key already in the book, or our own."""
    cleaned = _clean_name(name)
    key = parse_key(key_text)
    if key == store.identity().public:
        raise ContactRefused("contacts.own_key")
    entries = _load(store)
    for entry in entries:
        if str(entry.get("name", "")).casefold() == cleaned.casefold():
            raise ContactRefused("contacts.name_taken", name=cleaned)
        existing = _contact(entry)
        if existing is not None and existing.key == key:
            raise ContactRefused("contacts.key_taken", name=existing.name)
    entries.append({"name": cleaned, "key": key.line, "ok": False, "at": at})
    _save(store, entries)
    return Contact(cleaned, key, False, at)


def _index(entries: list[dict[str, Any]], name: str) -> int:
    wanted = " ".join(name.split()).casefold()
    for i, entry in enumerate(entries):
        if str(entry.get("name", "")).casefold() == wanted:
            return i
    raise ContactRefused("contacts.unknown", name=" ".join(name.split()))


def confirm_contact(store: Store, name: str) -> Contact:
    """Mark a colleague's key confirmed: the user compared the fingerprint with them."""
    entries = _load(store)
    i = _index(entries, name)
    entries[i] = {**entries[i], "ok": True}
    _save(store, entries)
    found = _contact(entries[i])
    if found is None:
        raise ContactRefused("contacts.bad_key")
    return found


def remove_contact(store: Store, name: str) -> str:
    entries = _load(store)
    i = _index(entries, name)
    removed = str(entries.pop(i)["name"])
    _save(store, entries)
    return removed


def find_recipient(store: Store, name_or_key: str) -> tuple[PublicIdentity, Contact | None]:
    """A name from the address book, or a public key (and its entry, if it has one)."""
    text = name_or_key.strip()
    contacts = list_contacts(store)
    for contact in contacts:
        if contact.name.casefold() == " ".join(text.split()).casefold():
            return contact.key, contact
    if text.lower().startswith("mc1."):
        key = parse_key(text)
        return key, contact_for(contacts, key)
    raise ContactRefused("contacts.unknown", name=" ".join(text.split()))


def contact_for(contacts: Sequence[Contact], key: PublicIdentity) -> Contact | None:
    """The address-book entry holding exactly this key, if any."""
    for contact in contacts:
        if contact.key == key:
            return contact
    return None
