"""A field for a colleague's public key: a pasted key that was wrapped over lines is kept whole.

Textual's Input keeps only the first line of a paste; a key copied from a wrapped terminal line
or an e-mail arrives in pieces, and was then cut and refused. A key holds no spaces, so every
line break and space in a paste is dropped (the CLI's `contacts add` reads it the same way).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class KeyInput(Input):
    def _on_paste(self, event: events.Paste) -> None:
        joined = "".join(event.text.split())
        if joined:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(joined)
            else:
                self.replace(joined, *selection)
        event.stop()
        event.prevent_default()  # not Input's own handler too: it would add the first line
