"""A line shared with the command line, said the app's way.

The casework's refusals (ContactRefused, HandoverRefused, ReceiveRefused) carry lines written
for the command line: lowercase (they follow "fout:") and naming what to type (`meldcode
contacts remove`, --receipt). An app user has no terminal in mind: where such a line tells what
to type, the app has its own under `app.<key>` in locales/*.toml (which key or screen to use),
and every line the app shows starts with a capital. A refusal is therefore shown from its locale
key and fields (`refusal_line`), never from its message: the message is the command line's.

A line whose shared wording starts with a typed value (a path, a name) gets an app wording that
starts with a word: capitalising the value would change what the user typed.
"""

from __future__ import annotations

from typing import Protocol

from meldcode_tui.i18n import DEFAULT_LANG, catalog, t

APP = "app."


def sentence(text: str) -> str:
    """The line with a capital first letter (a path or a number at the start stays as it is)."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def app_key(key: str) -> str:
    """The key the app shows for `key`: its own wording where it has one."""
    own = APP + key
    return own if own in catalog(DEFAULT_LANG) else key


def app_line(key: str, **fields: object) -> str:
    return sentence(t(app_key(key), **fields))


class Refusal(Protocol):
    """A casework refusal: its locale key and the fields the line is made with."""

    key: str
    fields: dict[str, object]


def refusal_line(refused: Refusal) -> str:
    """The line the app shows for a refusal: its own wording where it has one."""
    return app_line(refused.key, **refused.fields)
