"""After locking, nothing may keep case text alive: drop what Textual keeps of closed screens.

Places in Textual 8 that keep a widget alive after its screen is gone, and with it the case
text it showed: watchers a widget put on the app (a TextArea watches the theme) are only
pruned when that attribute next changes; signals keep the subscriber's bound method as the
value of a weak-keyed table; and StylesCache caches colours keyed by itself, with the lines it
rendered. After locking, all of them are cleared of widgets no longer shown. (The case list's
table keeps its rows and drawn lines on itself only: tui/widgets/case_table.py.)
"""

from __future__ import annotations

from typing import Any

from textual.signal import Signal


def drop_detached_subscribers(app: Any) -> int:
    """Forget every widget no longer on screen in the app's watchers, signals and caches.

    Returns how many watcher and signal entries were dropped (the caches are emptied whole).
    """
    from textual._styles_cache import StylesCache

    # Keyed by the StylesCache of each widget, which holds that widget's rendered lines.
    StylesCache.get_inner_outer.cache_clear()
    dropped = 0
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(app, "__watchers", {})
    for name, entries in watchers.items():
        kept = [(node, cb) for node, cb in entries if getattr(node, "is_attached", True)]
        dropped += len(entries) - len(kept)
        watchers[name] = kept
    for value in list(vars(app).values()):
        if not isinstance(value, Signal):
            continue
        subscriptions = getattr(value, "_subscriptions", None)
        if subscriptions is None:
            continue
        for node in list(subscriptions.keys()):
            if not getattr(node, "is_attached", True):
                value.unsubscribe(node)
                dropped += 1
    return dropped
