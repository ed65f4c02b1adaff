"""Passphrase -> key with Argon2id, with parameter floors, caps and a test-only light setting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from meldcode_tui.settings import ENV_INSECURE_KDF, insecure_test_kdf_requested
from meldcode_tui.vault.errors import KdfRefused

KEY_LENGTH = 32
SALT_LENGTH = 16

# TEST ONLY. Setting this to "1" makes new stores use light Argon2id parameters and lets
# stores with such parameters open. It exists so the test suite runs in seconds; a real
# store created with it can be brute-forced cheaply.
# (settings.py names and reads it, like every MELDCODE_* variable.)
INSECURE_TEST_ENV = ENV_INSECURE_KDF


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters as stored in the vault header."""

    memory_kib: int
    iterations: int
    lanes: int
    algorithm: str = "argon2id"
    version: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "algorithm": self.algorithm,
            "version": self.version,
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
        }

    @classmethod
    def from_json(cls, data: Any) -> KdfParams:
        if not isinstance(data, dict):
            raise ValueError("kdf parameters are not a table")
        values = {}
        for name in ("memory_kib", "iterations", "lanes", "version"):
            value = data.get(name)
            # bool is an int subclass; a flipped JSON literal must not pass as a number.
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"kdf parameter {name} is not an integer")
            values[name] = value
        algorithm = data.get("algorithm")
        if not isinstance(algorithm, str):
            raise ValueError("kdf algorithm is not a string")
        return cls(algorithm=algorithm, **values)

    def weaker_than(self, other: KdfParams) -> bool:
        return self.memory_kib < other.memory_kib or self.iterations < other.iterations


# RFC 9106, second recommended option: 64 MiB, 3 passes, 4 lanes.
DEFAULT_PARAMS = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)
# Below this a store is refused (unless the test-only setting is on): OWASP's minimum.
FLOOR = KdfParams(memory_kib=19 * 1024, iterations=2, lanes=1)
# Above this a header is refused before any work: a doctored file must not exhaust memory or time.
CAP = KdfParams(memory_kib=2 * 1024 * 1024, iterations=20, lanes=64)
TEST_PARAMS = KdfParams(memory_kib=256, iterations=1, lanes=1)
# Every parameter set any version of meldcode has written (append when a default changes).
# Parameters that are none of these were edited in the file: say so, instead of "wrong
# passphrase" (the edit makes the unwrap fail, so the passphrase alone cannot tell them apart).
WRITTEN_PARAMS = (DEFAULT_PARAMS, KdfParams(memory_kib=256, iterations=1, lanes=1))


def insecure_test_kdf() -> bool:
    """True when the test-only light KDF setting is on (read at call time, never cached)."""
    return insecure_test_kdf_requested()


def current_defaults() -> KdfParams:
    """Parameters for new stores and for upgrading weaker ones."""
    return TEST_PARAMS if insecure_test_kdf() else DEFAULT_PARAMS


def check_params(params: KdfParams) -> None:
    """Refuse parameters we do not support, above the cap, or below the floor."""
    if params.algorithm != "argon2id" or params.version != 1:
        raise KdfRefused("unsupported key derivation")
    if params.memory_kib > CAP.memory_kib or params.iterations > CAP.iterations:
        raise KdfRefused("key derivation cost above the cap")
    if params.lanes > CAP.lanes or params.lanes < 1:
        raise KdfRefused("key derivation lanes out of range")
    # Argon2 itself needs at least 8 KiB per lane.
    if params.iterations < 1 or params.memory_kib < 8 * params.lanes:
        raise KdfRefused("key derivation parameters invalid")
    below_floor = params.memory_kib < FLOOR.memory_kib or params.iterations < FLOOR.iterations
    if below_floor and not insecure_test_kdf():
        raise KdfRefused("key derivation cost below the floor")


def check_written(params: KdfParams) -> None:
    """Refuse parameters that meldcode never writes: the header was edited."""
    if params not in WRITTEN_PARAMS and params != current_defaults():
        raise KdfRefused("key derivation parameters are not ones meldcode writes")


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Stretch a passphrase into a 256-bit key; parameters are checked first."""
    check_params(params)
    if not SALT_LENGTH <= len(salt) <= 64:
        raise KdfRefused("salt length out of range")
    kdf = Argon2id(
        salt=salt,
        length=KEY_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase.encode("utf-8"))
