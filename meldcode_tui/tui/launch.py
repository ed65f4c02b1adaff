"""Start the app from resolved Settings: the real store, or the demo's throw-away one."""

from __future__ import annotations

import shutil
import tempfile

from meldcode_tui.flow.clock import now as shared_clock
from meldcode_tui.settings import Settings
from meldcode_tui.tui.app import make_app

DEMO_STORE_NAME = "demo.meldcode"


def launch(settings: Settings) -> None:
    """Run the app until it quits; the demo's store is removed afterwards, whatever happens.

    The app keeps time by the shared clock, so MELDCODE_NOW works in it as in the CLI.
    """
    if not settings.demo:
        make_app(settings, clock=shared_clock).run()
        return
    from pathlib import Path

    from meldcode_tui.store import utc_now
    from meldcode_tui.tui.demo import DEMO_PASSPHRASE, build_demo_store

    folder = Path(tempfile.mkdtemp(prefix="meldcode-demo-"))
    try:
        path = folder / DEMO_STORE_NAME
        build_demo_store(path, utc_now)
        demo = settings.with_changes(store_path=path, idle_minutes=0, passphrase=DEMO_PASSPHRASE)
        make_app(demo, clock=shared_clock).run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
