"""Handing over to a recipient who is not a confirmed contact is refused until accepted.

The dangerous direction: a bundle sealed to a wrong or swapped key opens for whoever holds it.
A refusal writes nothing (no file, no mark, no register entry, no audit line, the case stays
writable) and keeps the typed name out of the exception; `accept_unconfirmed` hands over.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handover_helpers import NOW, Colleague, befriend, full_case

from meldcode_tui.casework.contacts import add_contact
from meldcode_tui.casework.handover import (
    RECIPIENT_NOT_CONFIRMED,
    HandoverRefused,
    RecipientRefused,
    hand_over,
)
from meldcode_tui.casework.receiving import CaseReceived, receive
from meldcode_tui.store import Store


def _state(store: Store, case_id: str) -> tuple[object, ...]:
    """What a hand-over would change: the case, its mark, the register, the audit trail."""
    case = store.get_case(case_id)
    return (
        case.handed_over,
        case.notes,
        case.summary.status,
        store.read_record("handovers"),
        len(store.audit()),
    )


def _refused(store: Store, case_id: str, to: str, out: Path) -> RecipientRefused:
    before = _state(store, case_id)
    with pytest.raises(RecipientRefused) as refused:
        hand_over(store, case_id, to, out, now=NOW)
    assert refused.value.code in RECIPIENT_NOT_CONFIRMED
    assert not out.exists() and list(out.parent.glob(out.name + "*")) == []
    assert _state(store, case_id) == before
    # Still writable here: nothing marked it handed over.
    store.add_note(case_id, "feit", "Fictieve notitie na de weigering")
    return refused.value


def test_an_unconfirmed_contact_is_refused_and_nothing_is_written(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea, confirm=False)
    case_id = full_case(ans.store)
    refused = _refused(ans.store, case_id, "Bea", tmp_path / "naar-bea.bundle")
    assert refused.code == "recipient_unconfirmed"
    fingerprint = bea.store.identity().public.fingerprint
    line = refused.line()
    assert fingerprint in line and "meldcode contacts confirm" in line
    assert "--accept-unconfirmed" in line and "niets geschreven" in line
    assert refused.recipient.key == bea.store.identity().public


def test_a_pasted_key_not_in_the_book_is_refused_as_unknown(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    case_id = full_case(ans.store)
    refused = _refused(ans.store, case_id, bea.key, tmp_path / "k.bundle")
    assert refused.code == "recipient_unknown" and refused.recipient.contact is None
    assert "meldcode contacts add" in refused.line()
    assert bea.store.identity().public.fingerprint in refused.line()


def test_a_typed_name_stays_out_of_the_refusal(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    add_contact(ans.store, "Bea Geheim", bea.key, at=NOW.isoformat())
    with pytest.raises(RecipientRefused) as refused:
        hand_over(ans.store, full_case(ans.store), "Bea Geheim", tmp_path / "x", now=NOW)
    assert "Geheim" not in str(refused.value) and "Geheim" not in repr(refused.value.args)
    assert "Geheim" not in refused.value.line()
    # The screen that asks reads the name from the recipient, not from the message.
    assert refused.value.recipient.name == "Bea Geheim"


def test_accepted_after_comparing_the_fingerprint(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea, confirm=False)
    befriend(bea, ans)
    case_id = full_case(ans.store)
    out = tmp_path / "naar-bea.bundle"
    done = hand_over(ans.store, case_id, "Bea", out, now=NOW, accept_unconfirmed=True)
    assert out.exists() and not done.recipient.confirmed
    mark = ans.store.get_case(case_id).handed_over
    assert mark is not None and mark["to"] == "Bea" and mark["confirmed"] is False
    got = receive(bea.store, out, now=NOW)
    assert isinstance(got, CaseReceived)


def test_a_confirmed_contact_needs_no_acceptance(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea)
    case_id = full_case(ans.store)
    done = hand_over(ans.store, case_id, "Bea", tmp_path / "a", now=NOW)
    assert done.recipient.confirmed and (tmp_path / "a").exists()
    # Their key pasted instead of the name finds the confirmed entry: no question either.
    other = full_case(ans.store)
    pasted = hand_over(ans.store, other, bea.key, tmp_path / "b", now=NOW)
    assert pasted.recipient.confirmed and pasted.recipient.name == "Bea"


def test_other_refusals_come_before_the_question(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    """A user who compared the fingerprint and accepts is not sent back for a taken file name."""
    befriend(ans, bea, confirm=False)
    case_id = full_case(ans.store)
    taken = tmp_path / "bestaat"
    taken.write_bytes(b"fictief")
    with pytest.raises(HandoverRefused) as refused:
        hand_over(ans.store, case_id, "Bea", taken, now=NOW)
    assert not isinstance(refused.value, RecipientRefused) and "bestaat al" in str(refused.value)
    assert taken.read_bytes() == b"fictief"
