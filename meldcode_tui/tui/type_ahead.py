"""What is typed before the focus has landed in a screen's first text field is not lost.

Its own small module: the unlock and welcome screens use it, and the first screen must not
import the flow engine or the store (tests/test_import_hygiene.py), which tui/focus.py does.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea


class TypeAhead:
    """For a screen that gives a text field the focus on opening: what is typed before the
    focus has landed there is not lost.

    A key goes to the focused widget, else to the screen; focusing is done after the screen's
    mount, so a teacher who starts typing at once (the title of a new case, a reason, the
    passphrase) had the first letters land on the screen, where nothing takes them. Until the
    user moves the focus elsewhere, such a key is put into the field here, in order.
    """

    _typing_field: Input | TextArea | None = None

    def focus_typing(self, field: Widget) -> None:
        """Focus `field` and take the keys typed before the focus got there."""
        if isinstance(field, Input | TextArea):
            self._typing_field = field
        if isinstance(field, Input):
            # Selecting all on focus would let the next key replace what was taken before.
            field.select_on_focus = False
        field.focus()

    async def on_key(self, event: events.Key) -> None:
        field = self._typing_field
        if field is None or not field.is_attached:
            return
        focused = getattr(self, "focused", None)
        if focused is not None and focused is not field:
            return  # the user has moved on: a key that bubbled up from a button is theirs
        if isinstance(field, Input):
            if event.is_printable and event.character is not None:
                field.insert_text_at_cursor(event.character)
            elif event.key == "backspace":
                field.action_delete_left()
            elif event.key == "enter":
                await field.action_submit()
            else:
                return
        elif event.is_printable and event.character is not None:
            field.insert(event.character)
        else:
            return
        event.stop()
        event.prevent_default()
