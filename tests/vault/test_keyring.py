"""Master key wrapping: passphrase and recovery unlock, damage vs wrong passphrase, upgrades."""

from __future__ import annotations

import json

import pytest

from meldcode_tui.vault import (
    Header,
    KdfParams,
    KdfRefused,
    NoRecoveryKey,
    VaultDamaged,
    VaultTooNew,
    WrongPassphrase,
    create_vault,
    needs_upgrade,
    rewrap,
    unlock,
    unlock_with_recovery,
)
from meldcode_tui.vault import kdf as kdf_module
from meldcode_tui.vault.header import canonical_json


def _raw(master: object) -> bytes:
    return master._raw()  # type: ignore[attr-defined,no-any-return]


def _rechecked(data: dict[str, object]) -> bytes:
    """Re-encode an edited header with a valid checksum, as a tamperer would."""
    import hashlib

    data = dict(data)
    data.pop("check", None)
    data["check"] = hashlib.sha256(canonical_json(data)).hexdigest()
    return canonical_json(data)


def test_unlock_with_passphrase_and_recovery() -> None:
    header, master, rec = create_vault("pw", recovery=True)
    assert rec is not None
    parsed = Header.from_bytes(header.to_bytes())
    assert parsed == header
    assert _raw(unlock(parsed, "pw")) == _raw(master)
    assert _raw(unlock_with_recovery(parsed, rec)) == _raw(master)


def test_wrong_passphrase_is_not_damage() -> None:
    header, _, _ = create_vault("pw", recovery=False)
    with pytest.raises(WrongPassphrase):
        unlock(Header.from_bytes(header.to_bytes()), "PW")
    with pytest.raises(NoRecoveryKey):
        unlock_with_recovery(header, "0000")


def test_wrong_recovery_key_is_wrong_not_damaged() -> None:
    header, _, _ = create_vault("pw", recovery=True)
    _, _, other = create_vault("pw", recovery=True)
    assert other is not None
    with pytest.raises(WrongPassphrase):
        unlock_with_recovery(header, other)


def test_every_flipped_header_byte_reads_as_damage_or_too_new() -> None:
    raw = create_vault("pw", recovery=True)[0].to_bytes()
    for i in range(len(raw)):
        flipped = bytearray(raw)
        flipped[i] ^= 0x04
        with pytest.raises((VaultDamaged, VaultTooNew)):
            unlock(Header.from_bytes(bytes(flipped)), "pw")


def test_lowering_params_in_the_file_does_not_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        kdf_module, "TEST_PARAMS", KdfParams(memory_kib=1024, iterations=2, lanes=1)
    )
    header, _, _ = create_vault("pw", recovery=False)
    assert unlock(Header.from_bytes(header.to_bytes()), "pw")
    # Edited down, with a valid checksum as a tamperer would write it:
    data = json.loads(header.to_bytes())
    data["kdf"]["iterations"] = 1
    data["kdf"]["memory_kib"] = 256
    with pytest.raises(WrongPassphrase):
        unlock(Header.from_bytes(_rechecked(data)), "pw")
    data["kdf"]["iterations"] = 2
    data["kdf"]["memory_kib"] = 1024
    data["salt"] = "AAAAAAAAAAAAAAAAAAAAAA=="
    with pytest.raises(WrongPassphrase):
        unlock(Header.from_bytes(_rechecked(data)), "pw")


def test_params_beyond_cap_in_the_file_refused_before_kdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    header, _, _ = create_vault("pw", recovery=False)
    data = json.loads(header.to_bytes())
    data["kdf"]["memory_kib"] = 64 * 1024 * 1024
    tampered = Header.from_bytes(_rechecked(data))

    def boom(**_: object) -> None:
        raise AssertionError("no KDF work for refused parameters")

    monkeypatch.setattr(kdf_module, "Argon2id", boom)
    with pytest.raises(KdfRefused):
        unlock(tampered, "pw")


def test_newer_format_refused() -> None:
    header, _, _ = create_vault("pw", recovery=False)
    data = json.loads(header.to_bytes())
    data["format"] = 99
    with pytest.raises(VaultTooNew):
        Header.from_bytes(_rechecked(data))


@pytest.mark.parametrize("raw", [b"", b"\xff\xfe", b"[]", b'{"format": 1}', b"{"])
def test_unparseable_header_is_damage(raw: bytes) -> None:
    with pytest.raises(VaultDamaged):
        Header.from_bytes(raw)


def test_rewrap_changes_passphrase_keeps_master_and_recovery() -> None:
    header, master, rec = create_vault("old", recovery=True)
    assert rec is not None
    new = rewrap(header, master, "new")
    assert new.salt != header.salt
    assert _raw(unlock(new, "new")) == _raw(master)
    with pytest.raises(WrongPassphrase):
        unlock(new, "old")
    assert _raw(unlock_with_recovery(new, rec)) == _raw(master)


def test_upgrade_needed_only_for_weaker_params(monkeypatch: pytest.MonkeyPatch) -> None:
    header, master, _ = create_vault("pw", recovery=False)
    assert not needs_upgrade(header)
    stronger = KdfParams(memory_kib=512, iterations=2, lanes=1)
    monkeypatch.setattr(kdf_module, "TEST_PARAMS", stronger)
    assert needs_upgrade(header)
    upgraded = rewrap(header, master, "pw")
    assert upgraded.kdf == stronger
    assert not needs_upgrade(upgraded)


def test_subkeys_are_independent() -> None:
    _, master, _ = create_vault("pw", recovery=False)
    assert master.subkey("a") != master.subkey("b")
    assert master.subkey("a") == master.subkey("a")
    assert "hidden" in repr(master)
