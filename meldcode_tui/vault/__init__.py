"""Key derivation, key wrapping and AEAD sealing; knows nothing of cases."""
