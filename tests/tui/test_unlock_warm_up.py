"""While the passphrase is typed, the app loads what the case list needs (issue 16): the shipped
flows took half a second at the first list after an unlock."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import SIZE, app_for

from meldcode_tui.flow import registry


async def test_the_shipped_flows_load_behind_the_unlock_screen(
    new_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[int] = []
    real = registry.shipped_flows

    def counted() -> object:
        loaded.append(1)
        return real()

    monkeypatch.setattr(registry, "shipped_flows", counted)
    app = app_for(new_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.id != "cases"  # still asking for the passphrase
        assert app._preloading is not None
        app._preloading.join(timeout=120)
        assert loaded == [1]
