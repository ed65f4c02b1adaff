"""Deliver 3: any text a user can type survives store -> reopen -> export, harmless where shown.

All of Unicode (controls, bidi marks, astral characters) and up to 1 MB: the store gives back
exactly what was saved, the JSON export too, the txt/md exports and the terminal get no
character that could drive a terminal or reorder a line, and the app shows it literally.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from security_helpers import PASSPHRASE

from meldcode_tui.flow import evaluate, get_flow
from meldcode_tui.store import Store
from meldcode_tui.summary import build_summary, render
from meldcode_tui.terminal_text import BIDI_CONTROLS, safe_text
from meldcode_tui.tui.text import literal

# Everything a keyboard, a paste or a file can produce that is valid Unicode text.
TYPED = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=300)
ACTIVE = {*(chr(c) for c in range(0x80, 0xA0)), *(chr(c) for c in BIDI_CONTROLS), "\x1b"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    mp = pytest.MonkeyPatch()
    mp.setenv("MELDCODE_INSECURE_TEST_KDF", "1")
    path = tmp_path_factory.mktemp("props") / "s.meldcode"
    created, _ = Store.create(path, PASSPHRASE, recovery=False)
    case = created.new_case("basismodel", "eigenschappen")
    yield created, case
    created.close()
    mp.undo()


@given(text=TYPED)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_typed_text_round_trips_and_is_neutralised(store: tuple[Store, str], text: str) -> None:
    opened, case = store
    if not text.strip():
        return
    note_id = opened.add_note(case, "feit", text)
    got = next(n for n in opened.get_case(case).notes if n.id == note_id)
    assert got.text == text  # stored exactly
    assert str(literal(text)) == safe_text(text)  # the app shows stand-ins, never runs them
    whole = opened.get_case(case)
    flow = get_flow("basismodel")
    summary = build_summary(flow, whole, evaluate(flow, whole.answers), layer="full")
    for fmt in ("txt", "md"):
        rendered = render(summary, fmt).decode("utf-8")
        assert not ACTIVE & set(rendered), fmt
    # The JSON export is for programs: it gives the exact text back.
    assert text in _strings(json.loads(render(summary, "json")))


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return set()


def test_a_megabyte_of_text_survives(store: tuple[Store, str]) -> None:
    opened, case = store
    big = ("Fictieve tekst met é, 👍 en \u202e. " * 30_000)[:1_000_000]
    note_id = opened.add_note(case, "feit", big)
    assert next(n for n in opened.get_case(case).notes if n.id == note_id).text == big
