"""Handing a case over to a named colleague: preview, the encrypted bundle, the read-only mark.

The bundle (vault/envelope.py) holds the whole case as the store exports it (answers with
their history, notes, actions, the list blob with lifecycle and position, and the case's
audit lines), signed by this store's identity and encrypted to the colleague's. The case
then stays here read-only ("overgedragen aan ... op ..."), or is shredded once the
colleague's receipt comes back (receiving.py).

A recipient that is not a confirmed contact (added to the address book but its fingerprint not
compared, or a pasted key not in the book) is refused (`recipient_unconfirmed`,
`recipient_unknown`) unless the user, having compared the fingerprint with the colleague,
accepts it: the bundle opens for whoever holds that key, so a wrong or swapped key hands the
case to a stranger. This mirrors receiving a bundle from an unconfirmed sender.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from meldcode_tui.casework.contacts import Contact, find_recipient
from meldcode_tui.i18n import t
from meldcode_tui.store import Store
from meldcode_tui.store import codec as store_codec
from meldcode_tui.store import files as store_files
from meldcode_tui.vault import envelope
from meldcode_tui.vault.identity import PublicIdentity

Then = Literal["keep", "shred"]
THEN_CHOICES: tuple[Then, ...] = ("keep", "shred")
DEFAULT_EXPIRES_DAYS = 14
MAX_EXPIRES_DAYS = 90
MAX_NOTE = 2000
BUNDLE_KIND = "case-handover"
# The refusals a user may overrule, having compared the fingerprint (accept_unconfirmed).
RECIPIENT_NOT_CONFIRMED = frozenset({"recipient_unknown", "recipient_unconfirmed"})


class HandoverRefused(ValueError):
    """A hand-over that cannot be made; the message (translated) says why and what to do.

    It names files, case ids and dates, never typed text (see ContactRefused for names).
    The locale key and its fields are kept too: the message is the command line's line, and
    the app says some of these its own way (tui/app_words.py).
    """

    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(t(key, **fields))
        self.key = key
        self.fields = fields

    def line(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Preview:
    """Exactly what a hand-over would carry: shown before anything is written."""

    case_id: str
    title: str
    flow_id: str
    status: str
    answers: int
    history: int
    notes: int
    actions: int
    other: dict[str, int]
    audit_lines: int


@dataclass(frozen=True)
class Recipient:
    key: PublicIdentity
    contact: Contact | None

    @property
    def name(self) -> str:
        return self.contact.name if self.contact else t("contacts.no_name")

    @property
    def confirmed(self) -> bool:
        return self.contact is not None and self.contact.confirmed


class RecipientRefused(HandoverRefused):
    """The recipient is not a confirmed contact; `code` is one of RECIPIENT_NOT_CONFIRMED.

    The message names the fingerprint only: the contact's name was typed by the user and stays
    out of it (a traceback or a log would carry it); a screen that asks reads `recipient`.
    """

    def __init__(self, code: str, recipient: Recipient) -> None:
        super().__init__(f"handover.refused.{code}", fingerprint=recipient.key.fingerprint)
        self.code = code
        self.recipient = recipient


@dataclass(frozen=True)
class HandedOver:
    case_id: str
    path: Path
    recipient: Recipient
    expires: datetime
    then: Then


def _case_data(store: Store, case_id: str) -> dict[str, Any]:
    case = store.get_case(case_id)
    if case.damaged:
        raise HandoverRefused("handover.case_damaged", case=case_id)
    if case.handed_over:
        raise HandoverRefused("handover.already", case=case_id)
    return store.export_case_data(case_id)


def preview(store: Store, case_id: str) -> Preview:
    """What would be handed over, counted from the very data the bundle would hold."""
    data = _case_data(store, case_id)
    rows = data["rows"]
    known = ("answers", "answer_history", "notes", "actions")
    return Preview(
        case_id=case_id,
        title=str(data["info"].get("title", "")),
        flow_id=str(data["case"]["flow_id"]),
        status=str(data["case"]["status"]),
        answers=len(rows.get("answers", [])),
        history=len(rows.get("answer_history", [])),
        notes=len(rows.get("notes", [])),
        actions=len(rows.get("actions", [])),
        other={k: len(v) for k, v in rows.items() if k not in known},
        audit_lines=len(data["audit"]),
    )


def resolve_recipient(store: Store, name_or_key: str) -> Recipient:
    """A colleague from the address book, or a pasted key (then unconfirmed, unnamed)."""
    key, contact = find_recipient(store, name_or_key)
    if key == store.identity().public:
        raise HandoverRefused("handover.to_self")
    return Recipient(key, contact)


def check_expires(days: int) -> int:
    if not 1 <= days <= MAX_EXPIRES_DAYS:
        raise HandoverRefused("handover.bad_expires", max=MAX_EXPIRES_DAYS)
    return days


def write_private(path: Path, data: bytes) -> None:
    """Write through the store's one atomic helper: a half-written bundle never has the real
    name, and an existing file (a bundle or receipt from earlier) is never overwritten."""
    if os.path.lexists(path):
        raise HandoverRefused("handover.file_exists", file=path)
    try:
        store_files.write_private(path, data)
    except store_files.TargetExists:
        raise HandoverRefused("handover.file_exists", file=path) from None
    except OSError:
        raise HandoverRefused("handover.cannot_write", file=path) from None


def hand_over(
    store: Store,
    case_id: str,
    to: str,
    out: Path,
    *,
    now: datetime,
    note: str = "",
    expires_days: int = DEFAULT_EXPIRES_DAYS,
    then: Then = "keep",
    accept_unconfirmed: bool = False,
) -> HandedOver:
    """Write the bundle for `to`, then mark the case read-only here (one audit entry each).

    HandoverRefused (nothing written, the case unchanged) for an unknown colleague, a damaged
    or already handed-over case, a bad expiry, a note too long or a file that exists;
    RecipientRefused for a recipient who is not a confirmed contact, unless
    `accept_unconfirmed`: the user compared the fingerprint and hands over all the same.
    """
    if then not in THEN_CHOICES:
        raise HandoverRefused("handover.bad_then")
    if len(note) > MAX_NOTE:
        raise HandoverRefused("handover.note_too_long", max=MAX_NOTE)
    check_expires(expires_days)
    recipient = resolve_recipient(store, to)
    data = _case_data(store, case_id)
    if os.path.lexists(out):
        # Before the question below: a user who compared the fingerprint is not sent back again.
        raise HandoverRefused("handover.file_exists", file=out)
    if not accept_unconfirmed and not recipient.confirmed:
        # Not in the book at all, or added but not compared: each is told its own way on.
        code = "recipient_unknown" if recipient.contact is None else "recipient_unconfirmed"
        raise RecipientRefused(code, recipient)
    identity = store.identity()
    expires = now + timedelta(days=expires_days)
    body = {"case": data, "note": note, "then": then}
    envelope_id, raw = envelope.seal(
        BUNDLE_KIND,
        body,
        sender=identity,
        recipient=recipient.key,
        created=store_codec.iso(now),
        expires=store_codec.iso(expires),
    )
    write_private(out, raw)
    mark = {
        # Empty for a pasted key: "(niet in adresboek)" is said when shown, in that language.
        "to": recipient.contact.name if recipient.contact else "",
        "fp": recipient.key.fingerprint,
        "at": store_codec.iso(now),
        "then": then,
        "bundle": envelope_id,
        "expires": store_codec.iso(expires),
        "confirmed": recipient.confirmed,
    }
    try:
        # The register first: an entry whose case was never marked is harmless.
        register = store.read_record("handovers") or {}
        outgoing = dict(register.get("out") or {})
        outgoing[envelope_id] = {**mark, "case": case_id, "key": recipient.key.line}
        store.write_record("handovers", {**register, "out": outgoing})
        store.mark_handed_over(case_id, mark)
    except BaseException:
        # The case is not marked: a bundle lying around would be a second live copy.
        with contextlib.suppress(OSError):
            out.unlink()
        raise
    return HandedOver(case_id, out, recipient, expires, then)
