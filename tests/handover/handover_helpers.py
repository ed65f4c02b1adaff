"""Helpers for hand-over tests: stores of fictitious colleagues and a case with everything."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from meldcode_tui.casework import OpenCase, start_case
from meldcode_tui.casework.contacts import add_contact, confirm_contact
from meldcode_tui.store import Store

PASSPHRASE = "vier fictieve losse woorden"
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
# Fictitious text: none of it may appear in a bundle's bytes.
TITLE = "Fictief-Zeta-7B"
NOTE = "Fictieve notitie: Zeta vertelde over de Kastanjelaan"
ANSWER = "Fictief signaal: blauwe plek op de Wilgenweg gezien"
ACTION = "Fictief gesprek met mentor Quirijn"
HANDOVER_NOTE = "Fictieve overdrachtsnotitie voor Bea"
SECRETS = (TITLE, NOTE, ANSWER, ACTION, HANDOVER_NOTE, "eerder fictief antwoord")


@dataclass
class Colleague:
    name: str
    path: Path
    store: Store

    @property
    def key(self) -> str:
        return self.store.identity().public.line


def make_colleague(tmp_path: Path, name: str) -> Colleague:
    path = tmp_path / f"{name.lower()}.meldcode"
    store, _ = Store.create(path, PASSPHRASE, recovery=False)
    return Colleague(name, path, store)


def befriend(me: Colleague, other: Colleague, *, confirm: bool = True) -> None:
    add_contact(me.store, other.name, other.key, at=NOW.isoformat())
    if confirm:
        confirm_contact(me.store, other.name)


def full_case(store: Store) -> str:
    """A case with answers (one changed, so with history), notes and actions, one done."""
    case_id, _ = start_case(
        store,
        "basismodel",
        TITLE,
        {"client_type": "kind", "signalen_feiten": "eerder fictief antwoord"},
        now=NOW,
    )
    opened = OpenCase.open(store, case_id, clock=lambda: NOW)
    opened.answer("signalen_feiten", ANSWER)
    opened.answer("tegensignalen", False)
    store.add_note(case_id, "feit", NOTE, step_id="signalen", author_role="mentor")
    store.add_note(case_id, "interpretatie", "Fictieve duiding", for_record=True)
    action = store.add_action(case_id, ACTION, owner="mentor", due=NOW)
    store.add_action(case_id, "Fictieve tweede actie", owner="ib")
    store.complete_action(case_id, action)
    return case_id


def forms(text: str) -> list[bytes]:
    """The ways a text could sit in a file: UTF-8, UTF-16 and base64 at each alignment."""
    raw = text.encode("utf-8")
    out = [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
    for shift in range(3):
        enc = base64.b64encode(b"\x00" * shift + raw)
        out.append(enc[4 : len(enc) - 4])
    return out
