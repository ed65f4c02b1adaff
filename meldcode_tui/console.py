"""Which terminal the app runs in, where that matters: the old Windows console draws it poorly."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

# Set by terminals that draw Textual well on Windows: Windows Terminal (WT_SESSION), the
# VS Code terminal (TERM_PROGRAM), ConEmu/Cmder (ConEmuANSI), mintty and other emulators (TERM).
_MODERN_MARKERS = ("WT_SESSION", "TERM_PROGRAM", "TERM")


def is_old_windows_console(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> bool:
    """True in the classic console host (conhost) on Windows, False everywhere else."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform) != "win32":
        return False
    if env.get("ConEmuANSI", "").upper() == "ON":
        return False
    return not any(env.get(name) for name in _MODERN_MARKERS)
