"""Locate the data that ships with the package: flows/ and locales/."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the directory holding shipped `name` data ("flows" or "locales").

    An installed wheel carries them in `meldcode_tui/_data/`; a source checkout (or an
    editable install) has them at the top of the repository.
    """
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shipped data folder {name!r} is missing from the installation")
