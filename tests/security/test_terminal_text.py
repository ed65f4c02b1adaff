"""Medium 4: nothing stored or typed can drive the terminal: one sanitiser, at every print site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from security_helpers import new_case, ok, raw_conn, run, run_main, write_answers

from meldcode_tui import terminal_text
from meldcode_tui.terminal_text import safe_export, safe_json, safe_line, safe_text

ATTACKS = {
    "csi_clear": "\x1b[2J\x1b[H",
    "osc52_clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "osc8_link": "\x1b]8;;https://example.invalid\x1b\\klik\x1b]8;;\x1b\\",
    "c1_csi": "\x9b2J",
    "c1_osc": "\x9d52;c;AAAA\x9c",
    "cr_overwrite": "echt\rnep",
    "backspace": "abc\x08\x08\x08xyz",
    "bell": "ding\x07",
    "bidi_override": "factuur\u202egnp.exe",
    "bidi_isolate": "a\u2066b\u2069c",
    "line_separator": "een\u2028twee",
    "nul_and_del": "a\x00b\x7fc",
}
FORBIDDEN = frozenset(
    [
        *(chr(c) for c in range(0x20) if c not in (0x09, 0x0A)),
        "\x7f",
        *(chr(c) for c in range(0x80, 0xA0)),
        *(chr(c) for c in terminal_text.BIDI_CONTROLS),
        "\u2028",
        "\u2029",
    ]
)


def harmful(text: str) -> set[str]:
    return {ch for ch in text if ch in FORBIDDEN or 0xD800 <= ord(ch) < 0xE000}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_every_attack_is_neutralised_and_stays_visible(name: str) -> None:
    attack = ATTACKS[name]
    line = safe_line(attack)
    assert harmful(line) == set() and "\n" not in line
    # Something shows where the control was: a reader can tell the text was odd.
    assert len(line) >= len(attack)


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_any_text_comes_out_harmless(text: str) -> None:
    assert harmful(safe_text(text)) <= set()
    assert harmful(safe_line(text)) == set() and "\n" not in safe_line(text)
    assert not {ch for ch in safe_export(text) if 0x80 <= ord(ch) < 0xA0}


@given(st.recursive(st.text() | st.integers() | st.booleans(), lambda c: st.lists(c, max_size=3)))
@settings(max_examples=200, deadline=None)
def test_json_output_is_lossless_and_harmless(value: object) -> None:
    text = safe_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert harmful(text) == set()


def test_plain_text_is_unchanged() -> None:
    text = 'Noor (fictief) zegt: "ik wil naar huis" — 12 % zeker; café, ĳs, 👍\n\tvolgende regel'
    assert safe_text(text) == text and safe_export(text) == text


@pytest.fixture
def attacked_case(tmp_path: Path) -> str:
    ok("init", "--no-recovery")
    payload = "".join(ATTACKS.values())
    case_id = new_case(tmp_path, "basismodel", {}, title="Titel " + payload)
    ok("note", case_id, "Notitie " + payload, "--kind", "feit")
    return case_id


def test_list_show_and_due_print_nothing_harmful(attacked_case: str) -> None:
    for args in (("list",), ("list", "--json"), ("show", attacked_case)):
        out = ok(*args)
        assert harmful(out) == set(), (args, harmful(out))
    shown = json.loads(ok("show", attacked_case, "--json"))
    # JSON keeps the exact text for a program that reads it back.
    assert shown["notes"][0]["text"] == "Notitie " + "".join(ATTACKS.values())


def test_clear_columns_edited_in_the_file_print_nothing_harmful(
    attacked_case: str, store_path: Path
) -> None:
    conn = raw_conn(store_path)
    conn.execute("UPDATE cases SET flow_id = ?, status = ?", ("\x1b]52;c;AAAA\x07", "\x9b2J"))
    conn.execute("UPDATE notes SET id = ?", ("\x1b[2J\u202e",))
    conn.close()
    for args in (("list",), ("show", attacked_case), ("verify",), ("due",)):
        result = run(*args)
        assert harmful(result.stdout + result.stderr) == set(), args


def test_error_lines_print_nothing_harmful(tmp_path: Path) -> None:
    ok("init", "--no-recovery")
    bad = write_answers(tmp_path, "bad", {"\x1b[2J\u202eclient_type": "kind"})
    result = run_main("new", "--flow", "basismodel", "--answers", str(bad))
    assert result.exit_code == 2
    assert harmful(result.stderr) == set()
    missing = tmp_path / "\x1b]52;c;AAAA\x07.toml"
    result = run_main("new", "--flow", "basismodel", "--answers", str(missing))
    assert result.exit_code == 2 and harmful(result.stderr) == set()
    result = run_main("show", "x", "--bogus\x9b2J")
    assert result.exit_code == 2 and harmful(result.stderr) == set()


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_exports_carry_no_c1_or_bidi_controls(attacked_case: str, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"case.{fmt}"
    ok("export", attacked_case, "-f", fmt, "--layer", "full", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert harmful(text.replace("\n", "")) == set()
    assert "Notitie" in text


def test_paths_in_success_lines_print_nothing_harmful(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A folder name can hold anything a file system allows: an OSC 52 clipboard write here.
    odd = tmp_path / "map\x1b]52;c;aGFjaw==\x07"
    odd.mkdir()
    monkeypatch.setenv("MELDCODE_STORE", str(odd / "store.meldcode"))
    printed = [ok("init", "--no-recovery")]
    case = new_case(tmp_path, "basismodel", {}, title="Zorg 7B-01")
    printed.append(ok("backup", str(odd / "b.meldcode")))
    printed.append(ok("verify"))
    printed.append(ok("export", case, "-o", str(odd / "x.txt")))
    printed.append(ok("salvage", str(odd / "gered.meldcode")))
    for out in printed:
        assert terminal_text.is_harmless(out), out
        assert "\x1b" not in out and "\x07" not in out
        assert "map␛]52;c;aGFjaw==␇" in out
