"""Is every word on screen? Geometry and rendering checks for the 80x24 tests.

A label is lost when it is cut off at the right edge of its widget (Textual's `…`), when its
widget is too low to show all its lines, or when the widget itself sticks out of its parent or
the screen (a button pushed past the edge). Scrolling is no loss: a widget below the fold of a
scrolling container is checked as it renders, not as it happens to be scrolled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.text import Text
from textual.app import App
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.geometry import Region, Size
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets._toggle_button import ToggleButton

# Block elements and box drawing: borders and the ▐X▌ of a toggle, not words.
_FRAME = re.compile(r"[\u2500-\u259f]")


def words(text: str) -> str:
    return " ".join(_FRAME.sub(" ", text).split())


def plain(value: object) -> str:
    if isinstance(value, Text | Content):
        return value.plain
    return str(value)


def shown(widget: Widget) -> bool:
    """Displayed, and every ancestor displayed (a hidden question is not on screen)."""
    return all(w.display for w in (widget, *widget.ancestors) if isinstance(w, Widget))


def rendered(widget: Widget) -> str:
    """The words the widget draws at its current size (all of it, scrolled or not)."""
    size = widget.outer_size
    lines = widget.render_lines(Region(0, 0, size.width, size.height))
    return words(" ".join(strip.text for strip in lines))


def source_text(widget: Widget) -> str | None:
    """The text the widget is asked to show, or None for a widget without its own text."""
    if isinstance(widget, Button | ToggleButton):
        return words(plain(widget.label))
    if isinstance(widget, Static) and type(widget).render is Static.render:
        if not isinstance(widget.content, str | Text | Content):
            return None  # a table (the help's key list) draws its own way
        visual = widget.visual
        return words(visual.plain) if isinstance(visual, Content) else words(plain(visual))
    return None


def scrolled(widget: Widget) -> bool:
    """Inside a scrolling container: below its fold is reachable, not lost."""
    return any(isinstance(w, ScrollableContainer) for w in widget.ancestors)


def outside(widget: Widget, screen: Size) -> str | None:
    """Why the widget sticks out of the screen or its parent, or None.

    Sideways always counts. Downwards counts outside a scrolling container: a dialog taller than
    the screen clips its last rows, and a button there cannot be seen or clicked (CI found one)."""
    region = widget.region
    if region.width == 0:
        return None
    if region.x < 0 or region.right > screen.width:
        return f"outside the screen: {region}"
    if not scrolled(widget) and region.height and (region.y < 0 or region.bottom > screen.height):
        return f"below the screen ({screen.height} rows): {region}"
    parent = widget.parent
    if isinstance(parent, Widget) and parent.region.width:
        room = parent.content_region
        if region.x < room.x or region.right > room.right:
            return f"outside {parent!r} {room}: {region}"
        # A container that does not scroll clips what sticks out below it (a list of notes
        # one row high showed one note and no text), wherever it is itself.
        clips = not isinstance(parent, ScrollableContainer) and parent.region.height
        if clips and region.height and (region.y < room.y or region.bottom > room.bottom):
            return f"below {parent!r} {room}: {region}"
    return None


def option_losses(options: OptionList) -> list[str]:
    """Options cut off in a list: each one rendered at the list's width, in full."""
    losses = []
    style = options.get_visual_style("option-list--option")
    for option in options.options:
        want = words(plain(option.prompt))
        strips = options._get_option_render(option, style)
        got = words(" ".join(strip.text for strip in strips))
        if want not in got:
            losses.append(f"{options!r} option {want!r} drawn as {got!r}")
    return losses


def behind_the_foot(widget: Widget) -> str | None:
    """A dialog's docked foot (error line, buttons) is drawn over whatever of the body lies
    under it: a widget of the body that reaches into the foot is not seen there."""
    if widget.has_class("dialog-body"):
        body = widget  # what scrolls into its last rows would be hidden
    else:
        body = next((a for a in widget.ancestors if a.has_class("dialog-body")), None)
    if body is None or body.parent is None:
        return None
    for foot in body.parent.query_children(".dialog-foot"):
        # What shows of it is what the body's own region lets through (the rest scrolls).
        seen = widget.region.intersection(body.region)
        if shown(foot) and seen.area and seen.overlaps(foot.region):
            return f"lies under the dialog's foot ({widget.region} under {foot.region})"
    return None


def losses(app: App[object], roots: Iterable[Widget] | None = None) -> list[str]:
    """Everything on the current screen (or under `roots`) that does not show in full."""
    screen = app.screen
    found: list[str] = []
    widgets: list[Widget] = []
    for root in roots or [screen]:
        widgets.extend([root, *root.query("*")])
    for widget in widgets:
        if not shown(widget):
            continue
        if isinstance(widget, Input):
            # An empty field's placeholder says what to type (and how): cut, it misleads.
            room = widget.content_region.width - 1  # the cursor's cell
            if not widget.value and len(widget.placeholder) > room:
                found.append(f"{widget!r}: placeholder {widget.placeholder!r} in {room} cells")
        if (why := behind_the_foot(widget)) is not None:
            found.append(f"{widget!r} {why}")
            continue
        if isinstance(widget, ScrollableContainer):
            continue
        if (why := outside(widget, app.size)) is not None:
            found.append(f"{widget!r} {why}")
            continue
        if isinstance(widget, OptionList):
            found.extend(option_losses(widget))
            continue

        want = source_text(widget)
        if not want:
            continue
        got = rendered(widget)
        # A token longer than the line (a key, a path) is broken mid-word: wrapped, not lost.
        if want not in got and want.replace(" ", "") not in got.replace(" ", ""):
            found.append(f"{widget!r}: {want!r} drawn as {got!r}")
    return found
