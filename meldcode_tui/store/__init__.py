"""Encrypted case store: SQLite through sqlite-utils, every user-typed value sealed by the vault."""
