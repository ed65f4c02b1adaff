"""Show text a user typed exactly as typed: never as markup, never as raw terminal codes."""

from __future__ import annotations

from rich.text import Text

# Control characters would reach the terminal as commands (an ESC starts a colour change or a
# screen clear); show each as its visible Unicode "control picture" instead.
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})


def visible(value: str) -> str:
    """The same characters, with control codes replaced by visible stand-ins."""
    return value.translate(_PICTURES)


def literal(value: object, style: str = "") -> Text:
    """A rich Text that renders `value` literally: `[bold red]x[/]` stays those characters."""
    return Text(visible(str(value)), style=style)


def clip(text: str, width: int) -> str:
    """At most `width` characters; a cut ends in an ellipsis so it reads as cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
