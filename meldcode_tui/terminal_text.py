"""The one sanitiser for text that reaches a terminal or a plain-text export.

Case text and the clear columns of a store file can hold anything: an ESC starts a CSI
sequence (clear the screen, move the cursor) or an OSC one (OSC 52 writes the clipboard,
OSC 8 makes a link); C1 codes do the same in one byte; CR and BS overwrite what was printed;
BEL rings; bidi overrides make a line read differently from what it holds. None of them may
act: each is replaced by a visible stand-in, so the user sees that something odd is there.
"""

from __future__ import annotations

from typing import Final

# Bidirectional embeddings, overrides and isolates, and the Arabic letter mark: they reorder
# what follows (the "Trojan Source" trick). Plain LRM/RLM only nudge neutral characters.
BIDI_CONTROLS: Final = frozenset([0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Line and paragraph separators end a line in some terminals and editors, not in others.
_LINE_BREAKERS: Final = (0x2028, 0x2029)
# A lone surrogate (from a doctored file or a mis-decoded argument) is not UTF-8 at all:
# writing it would raise instead of print.
_SURROGATES: Final = range(0xD800, 0xE000)


def _picture(code: int) -> str:
    """A visible stand-in: the Unicode control picture for C0 and DEL, else a code in brackets."""
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code < 0xA0:
        return f"\\x{code:02x}"
    if 0xD800 <= code < 0xE000:
        # A lone surrogate cannot be written to a terminal at all (it is not UTF-8).
        return "\ufffd"
    return f"<U+{code:04X}>"


def _table(*, keep: tuple[int, ...]) -> dict[int, str]:
    codes = [*range(0x20), 0x7F, *range(0x80, 0xA0), *BIDI_CONTROLS, *_LINE_BREAKERS, *_SURROGATES]
    return {code: _picture(code) for code in codes if code not in keep}


# One line (an id, a title, a status, an error line): nothing may start a new line.
_LINE: Final = _table(keep=())
# A block of text (a note): newlines and tabs keep their meaning, nothing else acts.
_BLOCK: Final = _table(keep=(0x09, 0x0A))
# A plain-text export is opened in editors and pasted into record systems: C1 codes, bidi
# controls and lone surrogates are neutralised there too (C0 is handled by the renderer).
_EXPORT: Final = {
    code: _picture(code)
    for code in (*range(0x80, 0xA0), *BIDI_CONTROLS, *_LINE_BREAKERS, *_SURROGATES)
}


def safe_line(value: object) -> str:
    """`value` as one harmless line: every control, bidi override and line break made visible."""
    return str(value).translate(_LINE)


def safe_text(value: object) -> str:
    """`value` as harmless text: newlines and tabs kept, every other control made visible."""
    return str(value).translate(_BLOCK)


def safe_export(value: str) -> str:
    """For txt/md exports: C1 codes, bidi controls, line separators and lone surrogates."""
    return value.translate(_EXPORT)


def is_harmless(text: str) -> bool:
    """True when printing `text` cannot move the cursor, recolour, reorder or ring anything."""
    return text == safe_text(text)


# JSON keeps every character (a program reads it back), but C1 codes, bidi controls, line
# separators, DEL and lone surrogates are written as \uXXXX escapes, which json.dumps with
# ensure_ascii=False leaves raw: the same value, nothing for a terminal to act on.
_JSON_ESCAPES: Final = {
    code: f"\\u{code:04x}"
    for code in (0x7F, *range(0x80, 0xA0), *BIDI_CONTROLS, *_LINE_BREAKERS, *_SURROGATES)
}


def safe_json(text: str) -> str:
    """JSON text (from json.dumps) with every terminal-active character escaped, losslessly."""
    return text.translate(_JSON_ESCAPES)
