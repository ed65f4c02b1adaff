"""The app's lines are the app's: none tells its user to type a `meldcode ...` command (they
have no terminal in mind), and every message starts with a capital.

The app's strings are found in its source: every locale key that meldcode_tui/tui/ names, as
the app resolves it (`app_words.app_key`: its own wording where the shared line is the command
line's), plus every refusal the casework can raise (the address book's, a hand-over's, a received
file's), found where it is raised and shown as the app shows it (`app_words.refusal_line`)."""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

import pytest

from meldcode_tui.casework.contacts import ContactRefused
from meldcode_tui.casework.handover import HandoverRefused
from meldcode_tui.casework.receiving import ReceiveRefused
from meldcode_tui.cli.root import MeldcodeGroup
from meldcode_tui.i18n import LANGUAGES, catalog, current_language, set_language, t
from meldcode_tui.tui.app_words import app_key, app_line, refusal_line

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
# Asked about on a screen of its own (the hand-over and receive dialogs show the fingerprint and
# a button that says it matches), never shown as a line.
ASKED = (
    "handover.refused.recipient_unconfirmed",
    "handover.refused.recipient_unknown",
    "receive.refused.sender_unconfirmed",
    "receive.refused.sender_unknown",
)
CASEWORK = ROOT / "meldcode_tui" / "casework"


def _source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def tui_source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(TUI.rglob("*.py")))


def raised_keys() -> set[str]:
    """Every locale key a refusal in the casework can carry, found where it is raised."""
    contacts = _source(CASEWORK / "contacts.py")
    handover = _source(CASEWORK / "handover.py")
    receiving = _source(CASEWORK / "receiving.py")
    envelope = _source(ROOT / "meldcode_tui" / "vault" / "envelope.py")
    keys = set(re.findall(r"""ContactRefused\(\s*["'](contacts\.\w+)["']""", contacts))
    keys |= set(re.findall(r"""HandoverRefused\(\s*["'](handover\.\w+)["']""", handover))
    keys |= {f"handover.refused.{c}" for c in re.findall(r"""["'](recipient_\w+)["']""", handover)}
    codes = set(re.findall(r"""ReceiveRefused\(\s*["'](\w+)["']""", receiving))
    codes |= set(re.findall(r"""["'](sender_\w+)["']""", receiving))
    # ReceiveRefused(exc.code, ...): the envelope's own codes.
    codes |= set(re.findall(r"""^\s+code = ["'](\w+)["']""", envelope, re.MULTILINE))
    return keys | {f"receive.refused.{c}" for c in codes}


def refusal_keys() -> list[str]:
    """The refusals the app shows as a line (tui/app_words.py refusal_line)."""
    received = {k for k in catalog("nl") if k.startswith("receive.refused.")}
    return sorted((raised_keys() | received) - set(ASKED))


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
    shown = app_line("contacts.name_taken", name="bea")
    # The name as typed, not capitalised: the line starts with a word of its own.
    assert shown[:1].isupper() and " bea " in shown and "meldcode" not in shown
    assert app_line("lifecycle.reason_missing")[:1].isupper()


# As a user types them or the store holds them: a relative path and a name in lowercase.
TYPED = {
    "file": "overdracht.meldcode",
    "name": "bea de vries",
    "case": "g53x9ps6",
    "date": "2026-12-01",
    "max": 90,
    "fingerprint": "5901 2832 6356 4297 9021 8460",
}
OPTION = re.compile(r"(?<![\w-])--[a-z][\w-]*")


def refusal(key: str, **fields: object) -> HandoverRefused | ContactRefused:
    """The exception the casework raises for `key`, as the app catches it."""
    if key.startswith("contacts."):
        return ContactRefused(key, **fields)
    if key.startswith("receive.refused."):
        return ReceiveRefused(key.removeprefix("receive.refused."), **fields)
    return HandoverRefused(key, **fields)


def test_the_walk_finds_every_refusal_the_casework_raises() -> None:
    keys = raised_keys()
    # A walk that found nothing would pass whatever the locales say.
    assert {"handover.file_exists", "handover.bad_expires", "handover.case_damaged"} <= keys
    assert {"contacts.key_taken", "contacts.unknown", *ASKED} <= keys
    assert {"receive.refused.not_for_you", "receive.refused.receipt_replay"} <= keys
    assert {"receive.refused.truncated", "receive.refused.bad_signature"} <= keys
    assert sorted(k for k in keys if k not in catalog("nl")) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_refusal_the_app_shows_is_the_app_s_line(lang: str) -> None:
    """A refusal in the app names no command and no --option, starts with a capital, and shows
    the path or name the user typed as typed (a capital on it would name another file)."""
    set_language(lang)
    wrong: dict[str, str] = {}
    for key in refusal_keys():
        fields = {f: TYPED[f] for _, f, _, _ in Formatter().parse(catalog(lang)[key]) if f}
        line = refusal_line(refusal(key, **fields))
        typed = [str(fields[f]) for f in ("file", "name") if f in fields]
        if (
            not line[:1].isupper()
            or COMMAND.search(line)
            or OPTION.search(line)
            or any(value not in line for value in typed)
        ):
            wrong[key] = line
    assert wrong == {}
