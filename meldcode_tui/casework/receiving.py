"""Receiving: a colleague's bundle (import the case whole) or a receipt (record the arrival).

Every check runs before anything is written: the frame (a cut-off or damaged file), the
recipient (a bundle for someone else), the signature, the expiry, and whether this bundle or
this case was received before (a replay). Last, the sender: a bundle signed by a key that is
not a confirmed contact is refused (`sender_unconfirmed`) unless the user, having compared the
fingerprint with the colleague, accepts it: a signature proves only that the holder of that
key sent it, and a case imported from a stranger cannot be un-imported without a trace.
A refusal is one translated line and changes nothing; a bundle that passes is imported in
one transaction with a case_received entry, and a signed receipt, encrypted to the sender, is
written for them to import.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from meldcode_tui.casework.contacts import Contact, contact_for, list_contacts
from meldcode_tui.casework.handover import BUNDLE_KIND, HandoverRefused, write_private
from meldcode_tui.flow import FlowError, get_flow
from meldcode_tui.store import Store
from meldcode_tui.store import codec as store_codec
from meldcode_tui.vault import envelope
from meldcode_tui.vault.identity import PublicIdentity

RECEIPT_KIND = "case-receipt"
# The refusals a user may overrule, having compared the fingerprint (accept_unconfirmed).
SENDER_NOT_CONFIRMED = frozenset({"sender_unknown", "sender_unconfirmed"})
MAX_FILE = envelope.MAX_ENVELOPE + 4096


class ReceiveRefused(HandoverRefused):
    """A bundle or receipt refused; `code` names the reason (tests and exit codes use it)."""

    def __init__(self, code: str, **fields: Any) -> None:
        super().__init__(f"receive.refused.{code}", **fields)
        self.code = code
        # Who signed it, for a screen that asks (`sender_unconfirmed`); kept out of the message:
        # a contact's name was typed by the user.
        self.sender: Sender | None = None


@dataclass(frozen=True)
class Sender:
    key: PublicIdentity
    contact: Contact | None

    @property
    def fingerprint(self) -> str:
        return self.key.fingerprint


@dataclass(frozen=True)
class CaseReceived:
    case_id: str
    sender: Sender
    note: str
    receipt: Path
    title: str


@dataclass(frozen=True)
class ReceiptRecorded:
    case_id: str
    sender: Sender
    shredded: bool


def default_receipt_path(bundle: Path) -> Path:
    return bundle.with_name(bundle.name + ".receipt")


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE:
            raise ReceiveRefused("too_large", file=path)
        return path.read_bytes()
    except OSError:
        raise ReceiveRefused("unreadable", file=path) from None


def _open(store: Store, path: Path) -> envelope.Opened:
    raw = _read(path)
    try:
        return envelope.open_envelope(raw, store.identity())
    except envelope.EnvelopeError as exc:
        raise ReceiveRefused(exc.code, file=path) from None


def _origin_tag(sender: PublicIdentity, case_id: object) -> str:
    return hashlib.sha256(
        b"meldcode/origin/1|" + sender.signing_key + str(case_id).encode()
    ).hexdigest()[:32]


def receive(
    store: Store,
    path: Path,
    *,
    now: datetime,
    receipt: Path | None = None,
    accept_unconfirmed: bool = False,
) -> CaseReceived | ReceiptRecorded:
    """Import a bundle or record a receipt; ReceiveRefused (nothing changed) otherwise.

    `accept_unconfirmed`: the user compared the fingerprint of a sender who is not a confirmed
    contact and accepts the bundle all the same (a receipt needs no such step: it is checked
    against the key the case was handed over to).
    """
    opened = _open(store, path)
    sender = Sender(opened.sender, contact_for(list_contacts(store), opened.sender))
    if opened.kind == BUNDLE_KIND:
        return _receive_bundle(store, opened, sender, path, now, receipt, accept_unconfirmed)
    if opened.kind == RECEIPT_KIND:
        return _record_receipt(store, opened, sender, path, now)
    raise ReceiveRefused("damaged", file=path)


def _check_not_expired(opened: envelope.Opened, path: Path, now: datetime) -> None:
    try:
        expires = store_codec.parse_iso(opened.expires or "")
    except ValueError:
        raise ReceiveRefused("damaged", file=path) from None
    if now >= expires:
        raise ReceiveRefused("expired", file=path, date=store_codec.iso(expires)[:10])


def _receive_bundle(
    store: Store,
    opened: envelope.Opened,
    sender: Sender,
    path: Path,
    now: datetime,
    receipt: Path | None,
    accept_unconfirmed: bool,
) -> CaseReceived:
    _check_not_expired(opened, path, now)
    data = opened.body.get("case")
    if not isinstance(data, dict):
        raise ReceiveRefused("damaged", file=path)
    register = store.read_record("handovers") or {}
    incoming = dict(register.get("in") or {})
    origin = _origin_tag(opened.sender, data.get("id"))
    for entry in incoming.values():
        if entry.get("origin") == origin:
            raise ReceiveRefused("replay", file=path, case=str(entry.get("case", "")))
    if opened.envelope_id in incoming:
        raise ReceiveRefused("replay", file=path, case=str(incoming[opened.envelope_id]["case"]))
    try:
        get_flow(str(data.get("case", {}).get("flow_id")))
    except (FlowError, AttributeError):
        raise ReceiveRefused("unknown_flow", file=path) from None
    receipt_path = receipt or default_receipt_path(path)
    if receipt_path.exists():
        raise ReceiveRefused("receipt_exists", file=receipt_path)
    if not accept_unconfirmed and (sender.contact is None or not sender.contact.confirmed):
        # Not in the book at all, or added but not compared: each is told its own way on.
        code = "sender_unknown" if sender.contact is None else "sender_unconfirmed"
        refused = ReceiveRefused(code, file=path, fingerprint=sender.fingerprint)
        refused.sender = sender
        raise refused
    note = opened.body.get("note")
    note = note if isinstance(note, str) else ""
    received = {
        "from": sender.contact.name if sender.contact else "",
        "fp": sender.fingerprint,
        "key": opened.sender.line,
        "at": store_codec.iso(now),
        "sent": opened.created,
        "note": note,
        "origin_case": str(data.get("id")),
        "bundle": opened.envelope_id,
        "audit": data.get("audit", []),
    }
    _, receipt_raw = envelope.seal(
        RECEIPT_KIND,
        {"bundle": opened.envelope_id, "case": str(data.get("id")), "received": received["at"]},
        sender=store.identity(),
        recipient=opened.sender,
        created=received["at"],
        expires=None,
    )
    # The receipt is written first: a folder that cannot take it refuses the whole receive,
    # rather than leaving a case imported whose sender can never be told.
    try:
        write_private(receipt_path, receipt_raw)
    except HandoverRefused:
        raise ReceiveRefused("receipt_unwritable", file=receipt_path) from None
    try:
        case_id = store.import_case_data(data, received)
        incoming[opened.envelope_id] = {"case": case_id, "origin": origin, "at": received["at"]}
        store.write_record("handovers", {**register, "in": incoming})
    except BaseException:
        with contextlib.suppress(OSError):
            receipt_path.unlink()
        raise
    title = str(data.get("info", {}).get("title", ""))
    return CaseReceived(case_id, sender, note, receipt_path, title)


def _record_receipt(
    store: Store, opened: envelope.Opened, sender: Sender, path: Path, now: datetime
) -> ReceiptRecorded:
    register = store.read_record("handovers") or {}
    outgoing = dict(register.get("out") or {})
    bundle = str(opened.body.get("bundle"))
    entry = outgoing.get(bundle)
    if not isinstance(entry, dict):
        raise ReceiveRefused("receipt_unknown", file=path)
    try:
        sent_to = PublicIdentity.parse(str(entry.get("key")))
    except ValueError:
        raise ReceiveRefused("damaged", file=path) from None
    if sent_to.signing_key != opened.sender.signing_key:
        raise ReceiveRefused("receipt_wrong_sender", file=path)
    if entry.get("arrived"):
        raise ReceiveRefused("receipt_replay", file=path, case=str(entry.get("case")))
    case_id = str(entry.get("case"))
    arrived = store_codec.iso(now)
    shred = entry.get("then") == "shred"
    if not shred:
        store.mark_arrived(case_id, arrived)
    outgoing[bundle] = {**entry, "arrived": arrived}
    store.write_record("handovers", {**register, "out": outgoing})
    if shred:
        store.shred(case_id)
    return ReceiptRecorded(case_id, sender, shred)
