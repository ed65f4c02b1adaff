"""The bundle's age reader against the public C2SP CCTV age vectors for X25519 recipients.

Every `success` vector must decrypt to exactly its payload; every other one must be refused,
and a refusal releases no plaintext. `no match` must read as "not for you", everything else
as damaged. Armored vectors are not vendored: a bundle is a binary age file and the reader
refuses armor (tested below).
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from meldcode_tui.vault import envelope
from meldcode_tui.vault.identity import Identity

VECTORS = Path(__file__).parent / "age_vectors"


@dataclass(frozen=True)
class Vector:
    name: str
    expect: str
    payload: str | None
    identities: list[str]
    body: bytes


def _load(path: Path) -> Vector:
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n\n")
    fields: dict[str, str] = {}
    identities: list[str] = []
    for line in head.decode("utf-8").splitlines():
        key, _, value = line.partition(": ")
        if key == "identity":
            identities.append(value)
        else:
            fields[key] = value
    if fields.get("compressed") == "zlib":
        body = zlib.decompress(body)
    return Vector(path.name, fields["expect"], fields.get("payload"), identities, body)


ALL = sorted(
    (_load(p) for p in VECTORS.iterdir() if p.name != "LICENSE" and not p.name.startswith(".")),
    key=lambda v: v.name,
)


def _identity(vector: Vector) -> Identity:
    # A vector with no identity (a header failure) still needs some key to try.
    keys = vector.identities or [str(Identity.generate("").age_secret)]
    return Identity(keys[0], b"\x01" * 32, "", tuple(keys[1:]))


def test_the_vendored_set_is_the_x25519_set() -> None:
    assert len(ALL) == 67
    assert sum(v.expect == "success" for v in ALL) == 14
    assert {v.expect for v in ALL} >= {"success", "no match", "HMAC failure", "header failure"}
    assert all(i.startswith("AGE-SECRET-KEY-1") for v in ALL for i in v.identities)


@pytest.mark.parametrize("vector", ALL, ids=lambda v: v.name)
def test_vector(vector: Vector) -> None:
    identity = _identity(vector)
    if vector.expect == "success":
        plain = envelope.decrypt_age(vector.body, identity)
        assert hashlib.sha256(plain).hexdigest() == vector.payload
        return
    expected = envelope.NotForYou if vector.expect == "no match" else envelope.EnvelopeDamaged
    with pytest.raises(expected):
        envelope.decrypt_age(vector.body, identity)


def test_armor_is_refused() -> None:
    identity = Identity.generate("")
    armored = b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n"
    with pytest.raises(envelope.EnvelopeDamaged):
        envelope.decrypt_age(b"  " + armored, identity)
