"""A store's identity: made at init and on first unlock, kept across passwd, rotated on demand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from handover_helpers import PASSPHRASE, Colleague, befriend

from meldcode_tui.store import Store
from meldcode_tui.store.identity import MetaDamaged
from meldcode_tui.vault import envelope
from meldcode_tui.vault.identity import BadPublicKey, PublicIdentity

FINGERPRINT = re.compile(r"^\d{4}( \d{4}){5}$")


def test_made_at_init_with_a_line_and_a_fingerprint(ans: Colleague, bea: Colleague) -> None:
    public = ans.store.identity().public
    assert public.line.startswith("mc1.age1") and " " not in public.line
    assert FINGERPRINT.match(public.fingerprint)
    assert PublicIdentity.parse("  " + public.line + "\n") == public
    assert public != bea.store.identity().public
    assert [e.event for e in ans.store.audit()][:2] == ["store_created", "identity_created"]


def test_a_mistyped_line_is_caught(ans: Colleague) -> None:
    line = ans.store.identity().public.line
    for broken in (line[:-1], line[:-3] + ("a" if line[-3] != "a" else "b") + line[-2:], "x"):
        with pytest.raises(BadPublicKey):
            PublicIdentity.parse(broken)


def test_kept_across_passwd_and_reopen(ans: Colleague) -> None:
    before = ans.store.identity().public
    ans.store.change_passphrase("een andere fictieve zin")
    ans.store.close()
    with Store.open(ans.path, "een andere fictieve zin") as again:
        assert again.identity().public == before


def test_rotation_gives_a_new_key_and_still_opens_the_old(ans: Colleague, bea: Colleague) -> None:
    old = ans.store.identity().public
    _, sent = envelope.seal(
        "test", {}, sender=bea.store.identity(), recipient=old, created="x", expires=None
    )
    new = ans.store.rotate_identity().public
    assert new != old and new.fingerprint != old.fingerprint
    assert ans.store.identity().public == new
    # A bundle on its way to the old key still opens after the rotation.
    assert envelope.open_envelope(sent, ans.store.identity()).sender == bea.store.identity().public
    assert "identity_rotated" in [e.event for e in ans.store.audit()]


def test_an_existing_store_gets_one_on_first_unlock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "oud.meldcode"
    with monkeypatch.context() as patched:
        # A store as made before identities existed.
        patched.setattr(Store, "_ensure_identity", lambda self, at=None: None)
        old, _ = Store.create(path, PASSPHRASE, recovery=False)
        old.close()
    with Store.open(path, PASSPHRASE) as opened:
        events = [e.event for e in opened.audit()]
        assert events == ["store_created", "identity_created"]
        first = opened.identity().public
    with Store.open(path, PASSPHRASE) as again:
        assert again.identity().public == first


def test_the_private_keys_are_sealed(ans: Colleague) -> None:
    identity = ans.store.identity()
    ans.store.close()
    raw = ans.path.read_bytes()
    assert identity.age_secret.encode() not in raw
    assert identity.signing_secret not in raw and identity.signing_secret.hex().encode() not in raw


def test_an_identity_put_in_from_another_store_is_refused(ans: Colleague, bea: Colleague) -> None:
    theirs = bea.store._conn.execute("SELECT value FROM meta WHERE key = 'identity'").fetchone()
    ans.store._conn.execute("UPDATE meta SET value = ? WHERE key = 'identity'", theirs)
    with pytest.raises(MetaDamaged):
        ans.store.identity()


def test_verify_names_an_address_book_put_back(
    ans: Colleague, bea: Colleague, cor: Colleague
) -> None:
    """An older address book copied back (a removed colleague back in it) is found by `verify`,
    not only at the next hand-over; the cases' checks are unaffected."""
    befriend(ans, bea)
    older = ans.store._conn.execute("SELECT value FROM meta WHERE key = 'contacts'").fetchone()
    befriend(ans, cor)
    assert ans.store.verify() == []
    with ans.store._conn:
        ans.store._conn.execute("UPDATE meta SET value = ? WHERE key = 'contacts'", older)
    found = ans.store.verify()
    assert [(d.table, d.row_id, d.reason) for d in found] == [("meta", "contacts", "altered")]


def test_verify_command_reports_a_swapped_identity(ans: Colleague, bea: Colleague) -> None:
    from typer.testing import CliRunner

    from meldcode_tui.cli import app

    theirs = bea.store._conn.execute("SELECT value FROM meta WHERE key = 'identity'").fetchone()
    with ans.store._conn:
        ans.store._conn.execute("UPDATE meta SET value = ? WHERE key = 'identity'", theirs)
    ans.store.close()
    secret = ans.path.with_name("pw")
    secret.write_text(PASSPHRASE, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--store", str(ans.path), "--passphrase-file", str(secret), "verify"]
    )
    assert result.exit_code == 1
    assert (
        "meta" in result.output and "identity" in result.output and "Traceback" not in result.output
    )
