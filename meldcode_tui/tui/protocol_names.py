"""A protocol as people call it ("Basisschool"), for the narrow columns of the case list.

The shipped flows have a short name in locales/*.toml (`protocol_short.<flow id>`); a flow
someone added is shown by its own title, clipped. The id is for the command line.
"""

from __future__ import annotations

from meldcode_tui.flow import FlowError, get_flow
from meldcode_tui.i18n import current_language, t

# The widest short name; a clipped title gets no more, so the other columns keep their room.
NAME_WIDTH = 17


def protocol_name(flow_id: str) -> str:
    key = f"protocol_short.{flow_id}"
    short = t(key)
    if short != key:
        return short
    try:
        title = get_flow(flow_id).title.get(current_language())
    except FlowError:
        return flow_id
    return title if len(title) <= NAME_WIDTH else title[: NAME_WIDTH - 1] + "…"
