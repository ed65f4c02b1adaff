"""Cases for the record-safety tests: the three demo cases, the fixture case and a staff route."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from export_case import NOW, SetClock, make_case

from meldcode_tui.flow import Evaluation, Flow, evaluate, get_flow
from meldcode_tui.store import Store
from meldcode_tui.store.records import AuditEntry, Case
from meldcode_tui.tui.demo import DEMO_PASSPHRASE, build_demo_store

SUSPECT = "Mark de Boer"
# What the staff route records about the suspected member of staff (fictitious).
STAFF_FACTS = (
    "Gymdocent",
    "geschorst",
    "klachtenregeling",
)
STAFF_ANSWERS: list[tuple[str, object]] = [
    ("vermoeden_betreft", "medewerker"),
    ("signalen", ["seksueel", "uitspraak"]),
    (
        "signalen_feiten",
        f"Op 6 januari vertelde de leerling dat Gymdocent [[{SUSPECT}]] haar na de les "
        "aanraakte. Zij zei: 'ik wil niet meer naar gym'.",
    ),
    ("onthulling", True),
    ("tegensignalen", False),
    ("mr_bevoegd_gezag_geinformeerd", True),
    ("mr_bevoegd_gezag_op", "2026-01-06T14:00"),
    ("mr_zedendelict", True),
    ("mr_vertrouwensinspecteur_datum", "2026-01-07"),
    ("mr_redelijk_vermoeden", True),
    ("mr_aangifte_datum", "2026-01-08"),
    ("mr_betrokkenen_geinformeerd", True),
    ("mr_bescherming_leerling", f"[[{SUSPECT}]] is geschorst; gymles door een andere docent."),
    ("mr_toelichting", "Het bevoegd gezag volgt de klachtenregeling."),
]


@dataclass
class ExportCase:
    name: str
    flow: Flow
    case: Case
    evaluation: Evaluation
    audit: list[AuditEntry]


def _staff_case(store: Store, clock: SetClock) -> str:
    clock.now = datetime(2026, 1, 6, 13, 0, tzinfo=UTC)
    case_id = store.new_case("onderwijs", "Zorg om leerling 2B-07", author_role="mentor")
    for qid, value in STAFF_ANSWERS:
        clock.now = datetime(2026, 1, 6, 13, 30, tzinfo=UTC)
        store.set_answer(case_id, qid, value, author_role="mentor")
    store.add_note(
        case_id,
        "feit",
        f"Gesprek met [[{SUSPECT}]] door de directeur; hij ontkent.",
        step_id="medewerker_route",
        author_role="mentor",
    )
    store.add_action(
        case_id, f"Terugkoppeling aan [[{SUSPECT}]] door het bestuur", owner="directeur"
    )
    return case_id


@contextmanager
def export_cases(folder: Path) -> Iterator[list[ExportCase]]:
    """Every case the done-when test of issue 13 exports, opened and evaluated."""
    demo = folder / "demo.meldcode"
    build_demo_store(demo, lambda: NOW)
    clock = SetClock(NOW)
    own, _ = Store.create(
        folder / "own.meldcode", "fictief wachtwoord", recovery=False, clock=clock
    )
    fixture_id = make_case(own, clock)
    staff_id = _staff_case(own, clock)
    opened_demo = Store.open(demo, DEMO_PASSPHRASE)
    try:
        found: list[ExportCase] = []
        for store, ids in (
            (opened_demo, [c.id for c in opened_demo.list_cases()]),
            (own, [fixture_id, staff_id]),
        ):
            audit = store.audit()
            for case_id in ids:
                case = store.get_case(case_id)
                flow = get_flow(case.summary.flow_id)
                evaluation = evaluate(flow, case.answers, now=NOW)
                name = "staff" if case_id == staff_id else case.summary.title
                found.append(ExportCase(name, flow, case, evaluation, audit))
        yield found
    finally:
        opened_demo.close()
        own.close()
