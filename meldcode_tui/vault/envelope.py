"""A signed, encrypted envelope for one colleague: the hand-over bundle and its receipt.

Sign, then encrypt: the signed part names the recipient, so a colleague who re-encrypts an
envelope to someone else (surreptitious forwarding) is caught, and the signature is hidden
from anyone in between. The encryption is the age format (X25519 recipient, ChaCha20-Poly1305
STREAM) through pyrage; the clear frame in front of it only holds the length and a SHA-256
of the age file, so a cut-off copy and a damaged copy are told apart before any key work.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from typing import Any

import pyrage

from meldcode_tui.vault.identity import BadPublicKey, Identity, PublicIdentity

MAGIC = b"MELDCODE-ENVELOPE/1"
_SIGN_CONTEXT = b"meldcode/envelope-signature/1\n"
# Plaintext padded to a multiple of this, so the file's size says little about the case.
PAD_STEP = 4096
MAX_FRAME = 200
MAX_ENVELOPE = 512 * 1024 * 1024


class EnvelopeError(Exception):
    """Base: `code` names the locale string (handover.refused.<code>); no user text inside."""

    code = "damaged"


class NotAnEnvelope(EnvelopeError):
    code = "not_an_envelope"


class EnvelopeTruncated(EnvelopeError):
    code = "truncated"


class EnvelopeDamaged(EnvelopeError):
    code = "damaged"


class NotForYou(EnvelopeError):
    code = "not_for_you"


class BadSignature(EnvelopeError):
    code = "bad_signature"


@dataclass(frozen=True)
class Opened:
    """An envelope that decrypted, verified, and was addressed to this identity."""

    kind: str
    envelope_id: str
    sender: PublicIdentity
    created: str
    expires: str | None
    body: dict[str, Any]


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _pad(raw: bytes) -> bytes:
    return raw + b" " * (-len(raw) % PAD_STEP)


def seal(
    kind: str,
    body: dict[str, Any],
    *,
    sender: Identity,
    recipient: PublicIdentity,
    created: str,
    expires: str | None,
    envelope_id: str | None = None,
) -> tuple[str, bytes]:
    """(envelope id, file bytes) for `recipient`, signed by `sender`."""
    envelope_id = envelope_id or base64.b32encode(os.urandom(10)).decode().lower()
    signed = _canonical(
        {
            "v": 1,
            "kind": kind,
            "id": envelope_id,
            "from": sender.public.line,
            "to": recipient.line,
            "created": created,
            "expires": expires,
            "body": body,
        }
    )
    signature = sender.sign(_SIGN_CONTEXT + signed)
    inner = _canonical({"signed": signed.decode("ascii"), "sig": signature.hex()})
    encrypted = pyrage.encrypt(_pad(inner), [recipient.age_recipient()])
    frame = MAGIC + b" %d %s\n" % (len(encrypted), hashlib.sha256(encrypted).hexdigest().encode())
    return envelope_id, frame + encrypted


def _unframe(data: bytes) -> bytes:
    if not data.startswith(MAGIC + b" "):
        raise NotAnEnvelope("not a meldcode envelope")
    end = data.find(b"\n", 0, MAX_FRAME)
    if end < 0:
        raise EnvelopeDamaged("frame line unreadable")
    parts = data[len(MAGIC) + 1 : end].split(b" ")
    try:
        length, digest = int(parts[0]), parts[1].decode("ascii")
        if len(parts) != 2 or not 0 < length <= MAX_ENVELOPE or len(digest) != 64:
            raise ValueError("frame fields")
    except (ValueError, IndexError, UnicodeDecodeError):
        raise EnvelopeDamaged("frame line unreadable") from None
    encrypted = data[end + 1 :]
    if len(encrypted) < length:
        raise EnvelopeTruncated("file is shorter than its frame says")
    if len(encrypted) > length:
        raise EnvelopeDamaged("file is longer than its frame says")
    if not hmac.compare_digest(hashlib.sha256(encrypted).hexdigest(), digest):
        raise EnvelopeDamaged("file does not match its checksum")
    return encrypted


_B64 = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
_MAX_HEADER_LINES = 4096


def _header_well_formed(encrypted: bytes) -> bool:
    """The age header's grammar (age spec, "Header"), checked line by line before pyrage.

    pyrage (rage) accepts a stanza whose body lacks its final short line; the spec and the
    CCTV vectors (stanza_missing_body, stanza_missing_final_line) require a refusal.
    """
    lines = encrypted.split(b"\n", _MAX_HEADER_LINES)
    if not lines or lines[0] != b"age-encryption.org/v1":
        return False
    in_body = False
    for line in lines[1:_MAX_HEADER_LINES]:
        if line.startswith(b"--- "):
            # The MAC line; the payload follows it, so nothing after it is read here.
            return not in_body and len(line) == 47 and set(line[4:]) <= _B64
        if in_body:
            if len(line) > 64 or not set(line) <= _B64:
                return False
            in_body = len(line) == 64
        elif line.startswith(b"-> "):
            args = line[3:].split(b" ")
            if not all(arg and all(0x21 <= c <= 0x7E for c in arg) for arg in args):
                return False
            in_body = True
        else:
            return False
    return False


def decrypt_age(encrypted: bytes, identity: Identity) -> bytes:
    """The age reader: plaintext, or NotForYou / EnvelopeDamaged (nothing released on failure).

    Armored (text) age files are not part of the envelope format and are refused.
    """
    if encrypted.lstrip()[:10] == b"-----BEGIN":
        raise EnvelopeDamaged("armored age files are not envelopes")
    if not _header_well_formed(encrypted):
        raise EnvelopeDamaged("age header malformed")
    try:
        return pyrage.decrypt(encrypted, identity.age_identities())
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise NotForYou("no recipient stanza opens with this identity") from None
        raise EnvelopeDamaged("age file does not decrypt") from None


def open_envelope(data: bytes, identity: Identity) -> Opened:
    """Check frame, recipient and signature; raises an EnvelopeError naming what failed."""
    plain = decrypt_age(_unframe(data), identity)
    try:
        inner = json.loads(plain.decode("ascii"))
        signed_text = str(inner["signed"])
        signature = bytes.fromhex(str(inner["sig"]))
        signed = json.loads(signed_text)
        if not isinstance(signed, dict) or signed.get("v") != 1:
            raise ValueError("unknown envelope version")
        sender = PublicIdentity.parse(str(signed["from"]))
        addressed = PublicIdentity.parse(str(signed["to"]))
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError, BadPublicKey):
        raise EnvelopeDamaged("envelope contents unreadable") from None
    if not sender.verify(signature, _SIGN_CONTEXT + signed_text.encode("ascii")):
        raise BadSignature("signature does not verify")
    if addressed.recipient not in {str(i.to_public()) for i in identity.age_identities()}:
        # Decrypted, but signed for someone else: it was forwarded to us.
        raise NotForYou("envelope was signed for another recipient")
    body = signed.get("body")
    expires = signed.get("expires")
    if not isinstance(body, dict) or not (expires is None or isinstance(expires, str)):
        raise EnvelopeDamaged("envelope contents unreadable")
    return Opened(
        kind=str(signed.get("kind")),
        envelope_id=str(signed.get("id")),
        sender=sender,
        created=str(signed.get("created")),
        expires=expires,
        body=body,
    )
