"""Terminal conventions: NO_COLOR is honoured (CLI help and the app) and shell completion works."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from smoke import smoke_env

# SGR colour parameters: 30-37/90-97 foreground, 40-47/100-107 background, 38;/48; extended.
_COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;|48;)[0-9;]*m")
_HEX = re.compile(r"#([0-9a-fA-F]{6})\b")
# The screenshot's own frame (window buttons) and its stand-in for "the terminal's default
# text colour": the SVG template's, not colours the app chose.
_SCREENSHOT_FRAME = {"ff5f57", "febc2e", "28c840", "c5c8c6"}


def _meldcode(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [script, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_no_color_removes_colour_from_the_cli_help(tmp_path: Path, meldcode_script: str) -> None:
    env = smoke_env(tmp_path) | {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    coloured = _meldcode(meldcode_script, "--help", env=env)
    assert coloured.returncode == 0
    assert _COLOUR_SGR.search(coloured.stdout), "without NO_COLOR the help should be coloured"
    plain = _meldcode(meldcode_script, "--help", env=env | {"NO_COLOR": "1"})
    assert plain.returncode == 0
    assert "init" in plain.stdout
    assert not _COLOUR_SGR.search(plain.stdout)


def _screen_colours(workdir: Path, script: str, extra: dict[str, str]) -> set[str]:
    env = smoke_env(workdir) | extra
    done = _meldcode(script, "demo", env=env)
    assert done.returncode == 0, done.stderr
    svg = (workdir / "demo.svg").read_text(encoding="utf-8")
    assert "Noor" in svg  # the demo's cases are on screen
    return {m.lower() for m in _HEX.findall(svg)} - _SCREENSHOT_FRAME


def _is_grey(rgb: str) -> bool:
    r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return max(r, g, b) - min(r, g, b) <= 2


@pytest.mark.slow
def test_no_color_turns_the_app_monochrome(tmp_path: Path, meldcode_script: str) -> None:
    (tmp_path / "colour").mkdir()
    (tmp_path / "mono").mkdir()
    colour = _screen_colours(tmp_path / "colour", meldcode_script, {})
    assert any(not _is_grey(c) for c in colour), "the app normally uses colour"
    mono = _screen_colours(tmp_path / "mono", meldcode_script, {"NO_COLOR": "1"})
    assert mono and all(_is_grey(c) for c in mono), sorted(c for c in mono if not _is_grey(c))


def test_shell_completion_is_available(tmp_path: Path, meldcode_script: str) -> None:
    env = smoke_env(tmp_path)
    script = _meldcode(meldcode_script, "--show-completion", "bash", env=env)
    assert script.returncode == 0, script.stderr
    assert "_MELDCODE_COMPLETE" in script.stdout
    # What bash asks for when the user types `meldcode fl<Tab>`.
    words = env | {
        "_MELDCODE_COMPLETE": "complete_bash",
        "COMP_WORDS": "meldcode fl",
        "COMP_CWORD": "1",
    }
    completed = _meldcode(meldcode_script, env=words)
    assert completed.stdout.split() == ["flows"]
