"""The txt, md and json exports, byte for byte, of fixed fictitious cases (golden files).

Every demo case, the fixture case and a staff-route case, in both layers, plus the fixture
case with notes that try the text renderers' edges (tabs, user line breaks, leading and
double spaces, words longer than a line, unusual whitespace, control and bidi characters,
Markdown syntax, marked names). A renderer made faster must give the same bytes: a change
here is a change a school sees in its record system. UPDATE_GOLDEN=1 rewrites the files.
Only the random case reference, row ids and audit hashes are replaced by placeholders.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from export_case import NOW
from record_cases import ExportCase, export_cases

from meldcode_tui.casework.chronology import build_chronology
from meldcode_tui.flow import evaluate
from meldcode_tui.store.records import Note
from meldcode_tui.summary.presets import export_bytes

GOLDEN = Path(__file__).parent / "golden" / "export"
_HASH = re.compile(r"\b[0-9a-f]{64}\b")

# Texts at the edges of wrapping and escaping; all fictitious.
EDGE_TEXTS = (
    "Gesprek met [[Jan de Vries]]\tover het\tweekend; [[Jan]] zei dat hij 'niet naar huis wil'. "
    * 4,
    "   Begint met spaties, eindigt met spaties.   ",
    "Een te lang woord: " + "x" * 130 + " en daarna gewoon verder met de zin.",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr " + "y" * 100,
    "a" * 76 + " " + "b" * 78 + " " + "c" * 80 + " " + "d" * 81,
    "Regel een\nRegel twee\n\nRegel vier, na een lege regel\n   ingesprongen regel",
    "Zin een.  Zin twee.   Zin drie.    " + "Vier spaties ervoor. " * 5,
    "*vet* _schuin_ [link](http://voorbeeld.invalid) <b>html</b> # kop | pijp ~ `code` \\ ok",
    "1. eerste\n- streep\n+ plus\n  2. ingesprongen nummer\n#geen kop",
    "Vaste\u00a0spatie, em\u2003spatie, en\u2009dun, scheiding\x1cteken en " * 3,
    "Bel\x07letter, escape\x1b[31mrood\x1b[0m, omkering \u202eabc\u202c, regel\u2028scheiding.",
    "Anne-Marie van den Berg-de Wit belde op 03-03-2025 om 14:30 over [[Anne-Marie]]. " * 3,
    "",
    " ",
    "\t\tAlleen tabs ervoor",
    "Lange zin " * 40,
    "Koppeltekens op het regeleinde: " + "van-den-Berg-de-Wit-Jansen " * 8 + "03-03-2025 " * 9,
)


def _edge_case(c: ExportCase) -> ExportCase:
    start = datetime(2025, 3, 5, 8, 30, tzinfo=UTC)
    kinds = ("feit", "interpretatie", "bron")
    steps = [s.id for s in c.flow.steps] + [None]
    extra = [
        Note(
            id=f"edge{i:03d}",
            kind=kinds[i % 3],  # type: ignore[arg-type]
            text=text,
            step_id=steps[(i * 2) % len(steps)],
            author_role="mentor",
            created_at=start + timedelta(minutes=37 * i),
            for_record=i % 2 == 0,
        )
        for i, text in enumerate(EDGE_TEXTS)
    ]
    case = replace(c.case, notes=[*c.case.notes, *extra])
    return ExportCase("edges", c.flow, case, evaluate(c.flow, case.answers, now=NOW), c.audit)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[tuple[str, ExportCase]]]:
    os.environ.setdefault("MELDCODE_INSECURE_TEST_KDF", "1")
    with export_cases(tmp_path_factory.mktemp("golden")) as found:
        named: list[tuple[str, ExportCase]] = []
        for c in found:
            # By title: the demo store lists its cases in no fixed order.
            title = c.case.summary.title
            if c.name == "staff":
                name = "staff"
            elif "groep 7" in title:
                name = "fixture"
                named.append(("edges", _edge_case(c)))
            else:
                name = re.sub(r"\W+", "-", title.lower()).strip("-")
            named.append((name, c))
        yield named


@pytest.fixture
def amsterdam_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local times as a Dutch school sees them, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _stable(data: bytes, c: ExportCase) -> str:
    text = data.decode("utf-8").replace(c.case.summary.id, "CASEREF")
    # Row ids are random too; the placeholder keeps their length, so lines wrap alike.
    for row in (*c.case.notes, *c.case.actions):
        if not row.id.startswith("edge"):
            text = text.replace(row.id, "#" * len(row.id))
    return _HASH.sub("H" * 64, text)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="sets the local time zone (POSIX)")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_exports_match_their_golden_files(
    cases: list[tuple[str, ExportCase]], amsterdam_time: None, lang: str
) -> None:
    checked = 0
    for name, c in cases:
        if lang == "en" and name not in ("edges", "staff"):
            continue
        chronology = build_chronology(c.flow, c.case, c.evaluation, lang)
        for layer in ("record", "full"):
            for fmt in ("txt", "md", "json"):
                data = export_bytes(
                    c.flow,
                    c.case,
                    c.evaluation,
                    c.audit,
                    fmt=fmt,
                    preset=None,
                    layer=layer,  # type: ignore[arg-type]
                    lang=lang,
                    now=NOW,
                    organisation="OBS De Regenboog (fictief)",
                    author="J. Jansen, mentor",
                    chronology=chronology,
                )
                text = _stable(data, c)
                golden = GOLDEN / f"{name}-{lang}-{layer}.{fmt}"
                if os.environ.get("UPDATE_GOLDEN"):
                    golden.parent.mkdir(parents=True, exist_ok=True)
                    golden.write_bytes(text.encode("utf-8"))
                assert text == golden.read_bytes().decode("utf-8"), golden.name
                checked += 1
    assert checked == (6 * 6 if lang == "nl" else 2 * 6)
