"""Passphrase -> key with Argon2id, with parameter floors, caps and a test-only light setting."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from meldcode_tui.settings import (
    ENV_INSECURE_KDF,
    insecure_test_kdf_requested,
    started_by_a_test,
)
from meldcode_tui.vault.errors import KdfRefused

KEY_LENGTH = 32
SALT_LENGTH = 16

# TEST ONLY. Setting this to "1" in a test run makes new stores use light Argon2id parameters.
# It exists so the test suite runs in seconds; a store created with it can be brute-forced
# cheaply. Outside a test run it is refused (`init` and `passwd` stop) and ignored (stores get
# the shipped parameters): a stray variable in a user's shell must never weaken a real store.
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


def test_run() -> bool:
    """True inside the test suite: pytest is loaded, or a test started this process.

    Not a secret: it only has to tell a test run from a user who left a variable set. A user
    who sets pytest's own variable as well has chosen weak keys on purpose.
    """
    return "pytest" in sys.modules or started_by_a_test()


def insecure_requested() -> bool:
    return insecure_test_kdf_requested()


def insecure_test_kdf() -> bool:
    """True when the test-only light KDF setting is on in a test run (read at call time)."""
    return insecure_requested() and test_run()


def stray_insecure_setting() -> bool:
    """The test-only variable is set outside a test run: refused and ignored."""
    return insecure_requested() and not test_run()


def is_weak(params: KdfParams) -> bool:
    """Below the floor: only the test-only setting ever wrote such parameters."""
    return params.memory_kib < FLOOR.memory_kib or params.iterations < FLOOR.iterations


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
    # Below the floor only the exact light set meldcode's test setting wrote may open (so a
    # store made with a stray variable by an older version is not locked out): its key is
    # rewrapped with the shipped parameters at the first unlock that may write, and the
    # commands say so (store.kdf_weak_*). Any other weak set was not written by meldcode.
    if is_weak(params) and not insecure_test_kdf() and params != TEST_PARAMS:
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
