"""Show text a user typed exactly as typed: never as markup, never as raw terminal codes."""

from __future__ import annotations

from rich.text import Text

from meldcode_tui.terminal_text import safe_text


def visible(value: str) -> str:
    """The same characters, with control codes (and bidi overrides) as visible stand-ins."""
    return safe_text(value)


def literal(value: object, style: str = "") -> Text:
    """A rich Text that renders `value` literally: `[bold red]x[/]` stays those characters."""
    return Text(visible(str(value)), style=style)


def clip(text: str, width: int) -> str:
    """At most `width` characters; a cut ends in an ellipsis so it reads as cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
