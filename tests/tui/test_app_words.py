"""The app's lines are the app's: none tells its user to type a `meldcode ...` command (they
have no terminal in mind), and every message starts with a capital.

The app's strings are found in its source: every locale key that meldcode_tui/tui/ names, as
the app resolves it (`app_words.app_key`: its own wording where the shared line is the command
line's), plus the refusals the app shows through `app_line` (the address book's, a received
file's)."""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

import pytest

from meldcode_tui.cli.root import MeldcodeGroup
from meldcode_tui.i18n import LANGUAGES, catalog, current_language, set_language, t
from meldcode_tui.tui.app_words import app_key, app_line

ROOT = Path(__file__).resolve().parents[2]
TUI = ROOT / "meldcode_tui" / "tui"
COMMANDS = sorted({*MeldcodeGroup.LAZY, "demo"}, key=len, reverse=True)
# "meldcode huiselijk geweld", "meldcode is gestopt" are the protocol and the program, not
# commands; a command is `meldcode` followed by one of the CLI's command names.
COMMAND = re.compile(r"\bmeldcode (?:" + "|".join(map(re.escape, COMMANDS)) + r")\b")
LITERAL = re.compile(r"""["']([a-z][\w\-]*(?:\.[\w\-]+)+)["']""")
# A key put together in the code (t(f"trust.legend_{mark}")): every key that starts so.
PREFIX = re.compile(r"""\bt\(\s*f["']([a-z][\w.\-]*)\{""")
# Keys whose line the app shows on its own, as a message: a notification, an error line, the
# line printed when the app stops; first group with t(), second through app_line.
MESSAGE = re.compile(
    r"""(?:notify\(\s*|_say\(\s*|problem = |line = Text\(|error["']?,? ?\w*\)?\.update\("""
    r"""\s*(?:literal\()?)t\(\s*["']([\w.\-]+)["']|app_line\(\s*f?["']([\w.\-]+)["']"""
)
# The refusals the app shows through app_line, by their families in the casework.
REFUSALS = ("contacts.", "receive.refused.")
# Asked about on a screen of its own (handover_receive.py), never shown as a line.
ASKED = ("receive.refused.sender_unconfirmed", "receive.refused.sender_unknown")


def tui_source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(TUI.rglob("*.py")))


def refusal_keys() -> list[str]:
    raised = (ROOT / "meldcode_tui" / "casework" / "contacts.py").read_text(encoding="utf-8")
    contacts = set(re.findall(r"""ContactRefused\(\s*["'](contacts\.[\w]+)["']""", raised))
    received = {k for k in catalog("nl") if k.startswith("receive.refused.")} - set(ASKED)
    return sorted(contacts | received)


def app_keys() -> list[str]:
    known = catalog("nl")
    source = tui_source()
    named = {k for k in LITERAL.findall(source) if k in known}
    for prefix in PREFIX.findall(source):
        named |= {k for k in known if k.startswith(prefix)}
    return sorted(named | set(refusal_keys()))


def test_the_scan_finds_the_app_s_strings() -> None:
    keys = app_keys()
    # A scan that found nothing would pass whatever the locales say.
    assert len(keys) > 300
    assert "tui.actions.help" in keys and "contacts.name_taken" in keys
    assert "receive.refused.receipt_exists" in keys
    assert COMMAND.search("voer `meldcode verify` uit")
    assert COMMAND.search("met meldcode config")
    assert not COMMAND.search("de meldcode huiselijk geweld; meldcode is gestopt")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_app_line_names_a_command(lang: str) -> None:
    strings = catalog(lang)
    found = {
        key: strings[app_key(key)]
        for key in app_keys()
        if COMMAND.search(strings.get(app_key(key), ""))
    }
    assert found == {}


def message_keys() -> tuple[set[str], set[str]]:
    """Keys shown with t() as they stand, and keys shown through app_line (capitalised)."""
    direct, through = set(), set(refusal_keys())
    for plain, via_app in MESSAGE.findall(tui_source()):
        if plain:
            direct.add(plain)
        else:
            through.add(via_app)
    return direct, through


def shown(key: str, *, through_app_line: bool) -> str:
    """The line as the app shows it; a name or path typed by the user stands as "X"."""
    strings = catalog(current_language())
    fields = {f: "X" for _, f, _, _ in Formatter().parse(strings[app_key(key)]) if f}
    return app_line(key, **fields) if through_app_line else t(key, **fields)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_app_message_starts_with_a_capital(lang: str) -> None:
    set_language(lang)
    direct, through = message_keys()
    assert {"tui.receive.no_file", "tui.contacts_edit.choose_first"} <= direct
    assert {"export.written", "lifecycle.reason_missing", "contacts.bad_name"} <= through
    lines = {k: shown(k, through_app_line=False) for k in direct}
    lines |= {k: shown(k, through_app_line=True) for k in through}
    assert {k: line for k, line in lines.items() if line[:1].islower()} == {}


def test_app_line_gives_the_app_s_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    # The shared refusal names the command; the app's says where in the app.
    assert "meldcode contacts remove" in catalog("nl")["contacts.name_taken"]
    shown = app_line("contacts.name_taken", name="Bea")
    assert shown.startswith("Bea ") and "meldcode" not in shown
    assert app_line("lifecycle.reason_missing")[:1].isupper()
