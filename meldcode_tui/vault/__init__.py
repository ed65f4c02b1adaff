"""Key derivation, key wrapping and AEAD sealing; knows nothing of cases."""

from meldcode_tui.vault.aead import Sealer, associated_data
from meldcode_tui.vault.errors import (
    BadRecoveryKey,
    KdfRefused,
    NoRecoveryKey,
    SealBroken,
    VaultDamaged,
    VaultError,
    VaultTooNew,
    WrongPassphrase,
    WrongRecoveryKey,
)
from meldcode_tui.vault.header import Header
from meldcode_tui.vault.kdf import (
    DEFAULT_PARAMS,
    INSECURE_TEST_ENV,
    KdfParams,
    current_defaults,
)
from meldcode_tui.vault.keyring import (
    MasterKey,
    create_vault,
    needs_upgrade,
    rewrap,
    unlock,
    unlock_with_recovery,
)
from meldcode_tui.vault.recovery import format_key, parse_key

__all__ = [
    "DEFAULT_PARAMS",
    "INSECURE_TEST_ENV",
    "BadRecoveryKey",
    "Header",
    "KdfParams",
    "KdfRefused",
    "MasterKey",
    "NoRecoveryKey",
    "SealBroken",
    "Sealer",
    "VaultDamaged",
    "VaultError",
    "VaultTooNew",
    "WrongPassphrase",
    "WrongRecoveryKey",
    "associated_data",
    "create_vault",
    "current_defaults",
    "format_key",
    "needs_upgrade",
    "parse_key",
    "rewrap",
    "unlock",
    "unlock_with_recovery",
]
