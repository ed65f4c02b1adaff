"""Input that lands where the user is looking: which control gets the focus on entering a step,
scrolling it into view, and letters typed on a choice that must not become an answer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from time import monotonic
from typing import Any

from textual import events
from textual.containers import ScrollableContainer
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Input, TextArea

from meldcode_tui.tui.widgets.question import QuestionField

# Seconds after a typed letter during which a space on a choice is taken as typing, not a tick.
STRAY_WINDOW = 1.5


def first_focusable(widget: Widget) -> Widget | None:
    """The widget itself when it takes focus, else its first descendant that does (a ledger)."""
    if widget.focusable:
        return widget
    return next((w for w in widget.query("*") if w.focusable), None)


def first_open_question(
    fields: Iterable[QuestionField], answers: Mapping[str, Any], question_id: str | None
) -> QuestionField | None:
    """The field asked for, else the first shown and answerable one without an answer, else
    the first answerable one; None when the step shows no question."""
    shown = [f for f in fields if f.display and not f.question.is_notice]
    asked = next((f for f in shown if f.question.id == question_id), None)
    if asked is not None:
        return asked
    writable = [f for f in shown if not f.disabled]
    unanswered = next((f for f in writable if f.question.id not in answers), None)
    return unanswered or next(iter(writable), None)


def control_of(field: QuestionField) -> Widget | None:
    """What takes the typing of a question; None while it is read-only (off path, closed)."""
    if field.is_disabled:
        return None
    return first_focusable(field.query_one(f"#q-{field.question.id}"))


def scroll_into_view(body: ScrollableContainer, shown: Widget, focused: Widget) -> None:
    """Show `shown` (a question with its label), then make sure `focused` is in view too."""
    try:
        body.scroll_to_widget(shown, animate=False, immediate=True)
        if focused is not shown:
            body.scroll_to_widget(focused, animate=False, immediate=True)
    except NoMatches:  # the step was left before it was laid out
        pass


def in_view(body: Widget, widget: Widget) -> bool:
    """Wholly inside the scrolling body as laid out now (a widget scrolled away has no region)."""
    region = widget.region
    return region.height > 0 and body.region.contains_region(region)


@dataclass
class ViewHold:
    """Keeps the focused control of the step body in view while the step is still settling.

    A scroll after the next refresh is not enough: each widget of a newly mounted step asks for
    its own layout from its own message queue, and on a busy machine some ask only after that
    scroll has run. A later layout then moves the control out of view while typing still lands in
    it. So after every layout (`after_layout`, on the screen's layout signal) the focused control,
    when it is in the body, is put back in view, until the focus moves on or the view was moved
    away from it by someone else (the user's mouse wheel or scroll bar): that view is left alone.
    """

    body: ScrollableContainer
    focused: Widget | None = None
    shown: Widget | None = None
    active: bool = False
    # Where the view stood when the control was last seen in view, or last scrolled to.
    scroll_y: float | None = None

    def hold(self, shown: Widget, focused: Widget) -> None:
        """Keep `focused` in view, showing `shown` (its question, with the label) where it fits."""
        self.focused, self.shown, self.active, self.scroll_y = focused, shown, True, None

    def after_layout(self, current: Widget | None) -> None:
        if current is not self.focused:
            if current is not None and self.body in current.ancestors:
                asked = next((a for a in current.ancestors if isinstance(a, QuestionField)), None)
                self.hold(asked or current, current)
            else:
                self.focused, self.shown, self.active = current, None, False
        focused, shown = self.focused, self.shown
        if not self.active or focused is None or shown is None or not focused.is_attached:
            return
        if in_view(self.body, focused):
            self.scroll_y = self.body.scroll_y
            return
        if self.scroll_y is not None and self.body.scroll_y != self.scroll_y:
            self.active = False  # the view was moved away on purpose: not pulled back
            return
        scroll_into_view(self.body, shown, focused)
        self.scroll_y = self.body.scroll_y


@dataclass
class StrayKeys:
    """Letters typed while a choice (yes/no, options, ticks) has the focus are no answer.

    They are swallowed and the user is told once in a while; the space that follows a letter
    in a sentence would tick the focused choice, so within STRAY_WINDOW it is swallowed too.
    A space or Enter on its own still ticks.
    """

    tell: Callable[[], None]
    until: float = 0.0
    told_until: float = 0.0

    def check(self, event: events.Key, focused: Widget | None) -> None:
        if focused is None or isinstance(focused, Input | TextArea):
            return
        if not any(isinstance(a, QuestionField) for a in focused.ancestors):
            return
        now = monotonic()
        stray = event.is_printable and event.character not in (None, " ")
        if not stray and not (event.key == "space" and now < self.until):
            return
        self.until = now + STRAY_WINDOW
        event.stop()
        event.prevent_default()
        if stray and now >= self.told_until:
            self.told_until = now + STRAY_WINDOW * 4
            self.tell()
