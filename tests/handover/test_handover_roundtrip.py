"""A case handed over between two and three stores arrives whole, verifies, holds no clear text."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pyrage
import pytest
from handover_helpers import (
    HANDOVER_NOTE,
    NOTE,
    NOW,
    SECRETS,
    TITLE,
    Colleague,
    befriend,
    forms,
    full_case,
)

from meldcode_tui.casework import CaseClosed, note_from_outside
from meldcode_tui.casework.handover import HandoverRefused, hand_over, preview
from meldcode_tui.casework.receiving import CaseReceived, ReceiptRecorded, ReceiveRefused, receive
from meldcode_tui.store import CaseNotFound, Store
from meldcode_tui.store.errors import CaseHandedOver
from meldcode_tui.store.records import Case
from meldcode_tui.vault import envelope


def _same_case(a: Case, b: Case) -> None:
    assert b.summary.title == a.summary.title == TITLE
    assert (b.summary.flow_id, b.summary.status) == (a.summary.flow_id, a.summary.status)
    assert b.summary.current_step == a.summary.current_step
    assert b.summary.created_at == a.summary.created_at
    assert b.answers == a.answers
    assert b.history == a.history and len(b.history) == 4
    assert b.notes == a.notes and len(b.notes) == 2
    assert b.actions == a.actions and any(x.done_at for x in b.actions)
    assert b.position == a.position and b.lifecycle == a.lifecycle
    assert b.damaged == []


def _send(sender: Colleague, to: Colleague, case_id: str, tmp_path: Path, **kw: object) -> Path:
    out = tmp_path / f"{case_id}-{to.name}.bundle"
    hand_over(sender.store, case_id, to.name, out, now=NOW, note=HANDOVER_NOTE, **kw)  # type: ignore[arg-type]
    return out


def test_two_stores_case_arrives_whole_and_the_receipt_marks_it(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea)
    befriend(bea, ans)
    case_id = full_case(ans.store)
    before = ans.store.get_case(case_id)
    bundle = _send(ans, bea, case_id, tmp_path)
    # The sender's case is read-only now, at the store and in the use-case layer.
    marked = ans.store.get_case(case_id)
    assert marked.handed_over is not None and marked.handed_over["to"] == "Bea"
    with pytest.raises(CaseHandedOver):
        ans.store.add_note(case_id, "feit", "fictief")
    with pytest.raises(CaseClosed, match="overgedragen op 20-11-2026") as refused:
        note_from_outside(ans.store, case_id, "feit", "fictief")
    # The colleague's name was typed: it stays out of the exception.
    assert "Bea" not in str(refused.value) and "Bea" not in repr(refused.value.args)

    got = receive(bea.store, bundle, now=NOW + timedelta(hours=1))
    assert isinstance(got, CaseReceived)
    assert got.sender.contact is not None and got.sender.contact.name == "Ans"
    assert got.note == HANDOVER_NOTE
    arrived = bea.store.get_case(got.case_id)
    _same_case(before, arrived)
    assert arrived.received is not None
    assert arrived.received["fp"] == ans.store.identity().public.fingerprint
    # The sender's audit lines of the case travel with it, in order.
    sent_lines = [(e.at, e.event) for e in ans.store.audit() if e.case_id == case_id]
    carried = [(line["at"], line["event"]) for line in arrived.received["audit"]]
    assert [event for _, event in carried] == [event for _, event in sent_lines[:-1]]
    assert carried[0][1] == "case_created" and len(carried) > 5
    assert bea.store.verify() == []
    assert "case_received" in [e.event for e in bea.store.audit() if e.case_id == got.case_id]

    recorded = receive(ans.store, got.receipt, now=NOW + timedelta(hours=2))
    assert isinstance(recorded, ReceiptRecorded) and not recorded.shredded
    mark = ans.store.get_case(case_id).handed_over
    assert mark is not None and mark["arrived"]
    assert ans.store.verify() == []


def test_the_chronology_says_received_handed_over_and_arrived(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    from meldcode_tui.casework.chronology import build_chronology
    from meldcode_tui.flow import evaluate, get_flow

    def said(store: Store, case_id: str) -> dict[str, str]:
        case = store.get_case(case_id)
        flow = get_flow(case.summary.flow_id)
        items = build_chronology(flow, case, evaluate(flow, case.answers, NOW), "nl")
        return {i.kind: i.what for i in items if i.kind in ("received", "handed_over", "arrived")}

    befriend(ans, bea)
    befriend(bea, ans)
    case_id = full_case(ans.store)
    bundle = _send(ans, bea, case_id, tmp_path)
    got = receive(bea.store, bundle, now=NOW + timedelta(hours=1))
    assert isinstance(got, CaseReceived)
    fingerprint = ans.store.identity().public.fingerprint
    assert said(bea.store, got.case_id) == {
        "received": f"Ontvangen van Ans (vingerafdruk {fingerprint})"
    }
    to_bea = bea.store.identity().public.fingerprint
    assert said(ans.store, case_id) == {
        "handed_over": f"Overgedragen aan Bea (vingerafdruk {to_bea})"
    }
    receive(ans.store, got.receipt, now=NOW + timedelta(hours=2))
    assert said(ans.store, case_id)["arrived"] == (
        "Aangekomen bij Bea: het ontvangstbewijs is verwerkt"
    )


def test_shred_once_the_receipt_is_back(ans: Colleague, bea: Colleague, tmp_path: Path) -> None:
    befriend(ans, bea)
    befriend(bea, ans)
    case_id = full_case(ans.store)
    bundle = _send(ans, bea, case_id, tmp_path, then="shred")
    # Not before: the case is still here until the colleague confirms the arrival.
    assert ans.store.get_case(case_id).handed_over is not None
    got = receive(bea.store, bundle, now=NOW)
    assert isinstance(got, CaseReceived)
    recorded = receive(ans.store, got.receipt, now=NOW)
    assert isinstance(recorded, ReceiptRecorded) and recorded.shredded
    with pytest.raises(CaseNotFound):
        ans.store.get_case(case_id)
    assert bea.store.get_case(got.case_id).notes[0].text == NOTE


def test_the_bundle_holds_no_clear_text(ans: Colleague, bea: Colleague, tmp_path: Path) -> None:
    befriend(ans, bea)
    befriend(bea, ans)
    case_id = full_case(ans.store)
    raw = _send(ans, bea, case_id, tmp_path).read_bytes()
    for secret in (*SECRETS, "Kastanjelaan", "Wilgenweg", "Quirijn", "signalen_feiten"):
        for form in forms(secret):
            assert form not in raw, secret
    # The receipt neither.
    got = receive(bea.store, tmp_path / f"{case_id}-Bea.bundle", now=NOW)
    assert isinstance(got, CaseReceived)
    receipt = got.receipt.read_bytes()
    assert not any(form in receipt for s in SECRETS for form in forms(s))


def test_three_stores_a_case_goes_on_and_only_its_recipient_opens_it(
    ans: Colleague, bea: Colleague, cor: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea)
    befriend(bea, ans)
    befriend(bea, cor)
    case_id = full_case(ans.store)
    before = ans.store.get_case(case_id)
    bundle = _send(ans, bea, case_id, tmp_path)
    with pytest.raises(ReceiveRefused) as refused:
        receive(cor.store, bundle, now=NOW)
    assert refused.value.code == "not_for_you"
    got = receive(bea.store, bundle, now=NOW)
    assert isinstance(got, CaseReceived)
    # Bea hands it on to Cor: the whole history travels again. Cor does not know Bea's key:
    # refused until Cor, having compared the fingerprint, accepts it.
    second = _send(bea, cor, got.case_id, tmp_path)
    with pytest.raises(ReceiveRefused) as unknown:
        receive(cor.store, second, now=NOW)
    assert unknown.value.code == "sender_unknown" and cor.store.list_cases() == []
    at_cor = receive(cor.store, second, now=NOW, accept_unconfirmed=True)
    assert isinstance(at_cor, CaseReceived)
    _same_case(before, cor.store.get_case(at_cor.case_id))
    assert at_cor.sender.contact is None  # Cor has no address-book entry for Bea
    assert cor.store.verify() == []


def test_a_bundle_forwarded_by_its_recipient_is_refused(
    ans: Colleague, bea: Colleague, cor: Colleague, tmp_path: Path
) -> None:
    """Bea decrypts Ans's bundle and encrypts the signed content again to Cor."""
    befriend(ans, bea)
    bundle = _send(ans, bea, full_case(ans.store), tmp_path).read_bytes()
    encrypted = bundle[bundle.index(b"\n") + 1 :]
    inner = envelope.decrypt_age(encrypted, bea.store.identity())
    again = pyrage.encrypt(inner, [cor.store.identity().public.age_recipient()])
    frame = envelope.MAGIC + b" %d %s\n" % (len(again), hashlib.sha256(again).hexdigest().encode())
    forwarded = tmp_path / "forwarded.bundle"
    forwarded.write_bytes(frame + again)
    with pytest.raises(ReceiveRefused) as refused:
        receive(cor.store, forwarded, now=NOW)
    assert refused.value.code == "not_for_you"
    assert cor.store.list_cases() == []


def test_preview_counts_what_the_bundle_holds(ans: Colleague) -> None:
    case_id = full_case(ans.store)
    seen = preview(ans.store, case_id)
    assert (seen.title, seen.answers, seen.history, seen.notes, seen.actions) == (
        TITLE,
        3,
        4,
        2,
        2,
    )
    assert seen.audit_lines == len([e for e in ans.store.audit() if e.case_id == case_id])


def test_a_handed_over_case_is_not_handed_over_twice(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea)
    case_id = full_case(ans.store)
    _send(ans, bea, case_id, tmp_path)
    with pytest.raises(HandoverRefused, match="al overgedragen"):
        hand_over(ans.store, case_id, "Bea", tmp_path / "twee", now=NOW)
    assert not (tmp_path / "twee").exists()


def test_the_sender_store_reopens_with_the_mark(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea)
    case_id = full_case(ans.store)
    _send(ans, bea, case_id, tmp_path)
    ans.store.close()
    from handover_helpers import PASSPHRASE

    with Store.open(ans.path, PASSPHRASE) as again:
        mark = again.get_case(case_id).handed_over
        assert mark is not None and mark["to"] == "Bea" and again.verify() == []


def test_to_a_pasted_key_not_in_the_address_book(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    case_id = full_case(ans.store)
    # Refused without the flag (test_handover_unconfirmed.py); here the user compared it.
    done = hand_over(ans.store, case_id, bea.key, tmp_path / "k", now=NOW, accept_unconfirmed=True)
    assert done.recipient.contact is None and not done.recipient.confirmed
    mark = ans.store.get_case(case_id).handed_over
    assert mark is not None and mark["to"] == "" and not mark["confirmed"]
    with pytest.raises(ReceiveRefused) as unknown:
        receive(bea.store, tmp_path / "k", now=NOW)
    assert unknown.value.code == "sender_unknown"
    assert unknown.value.sender is not None and unknown.value.sender.contact is None
    assert bea.store.list_cases() == [] and not (tmp_path / "k.receipt").exists()
    got = receive(bea.store, tmp_path / "k", now=NOW, accept_unconfirmed=True)
    assert isinstance(got, CaseReceived) and got.sender.contact is None
    with pytest.raises(HandoverRefused, match="eigen sleutel"):
        hand_over(ans.store, full_case(ans.store), ans.key, tmp_path / "zelf", now=NOW)
