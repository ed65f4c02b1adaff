"""meldcode-tui: an offline wizard for the Dutch meldcode, with an encrypted case store."""

__version__ = "0.1.0"
