"""Make tests/store/fixtures/schema1.meldcode: a store as schema 1 wrote it (before issue 16).

Run with the code of a schema-1 checkout on the path, never this one's, e.g.

    git archive 3bc0623 | tar -x -C /tmp/schema1
    PYTHONPATH=/tmp/schema1 MELDCODE_INSECURE_TEST_KDF=1 python tests/store/make_schema1_store.py

(3bc0623 is main before the manifest changed). The store holds what a user's store has: an
open case with answers, notes (one corrected, one withdrawn), a ledger with an entry corrected
and one withdrawn, actions (one done) and an export; a closed case; a case with a protocol
change; a shredded case. Everything in it is fictitious; the passphrase is in PASSPHRASE.
Its light test-only key settings make it quick to open in tests (the suite sets that KDF).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta

from schema1_helpers import SCHEMA1_EXPECTED, SCHEMA1_STORE, describe

from meldcode_tui.store import Store
from meldcode_tui.store.records import EntryFix
from meldcode_tui.store.schema import SCHEMA_VERSION
from meldcode_tui.store.writes import Progress

OUT = SCHEMA1_STORE
PASSPHRASE = "fictieve oude opslag wachtwoordzin"
ENTRY = {
    "met_wie": "A. Jansen, Veilig Thuis",
    "wat": "Fictieve zorgen over thuis",
    "wanneer": "2025-03-02",
    "grond": "meldrecht",
    "doelbinding": True,
    "proportionaliteit": True,
    "subsidiariteit": True,
    "betrokkene_geinformeerd": "nee_veiligheid",
}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def main() -> None:
    if SCHEMA_VERSION != 1:
        sys.exit("run this with a schema-1 checkout on PYTHONPATH (see the docstring)")
    OUT.parent.mkdir(exist_ok=True)
    OUT.unlink(missing_ok=True)
    store, _ = Store.create(OUT, PASSPHRASE, recovery=False, clock=Clock())
    with store:
        open_case = store.new_case("basismodel", "Fictieve casus Bos", author_role="mentor")
        store.set_answer(open_case, "signalen_feiten", "Fictief: blauwe plek gezien")
        store.set_answer(open_case, "signalen_feiten", "Fictief: blauwe plek, verteld")
        fact = store.add_note(open_case, "feit", "Fictief feit op het plein", step_id="signalen")
        wrong = store.add_note(open_case, "interpretatie", "Fictieve indruk")
        store.revise_note(open_case, fact, text="Fictief feit (verbeterd)", author_role="mentor")
        store.revise_note(open_case, wrong, text=None, author_role="mentor", reason="fout")
        second = {**ENTRY, "met_wie": "B. Bos, GGD"}
        store.set_answer(open_case, "informatiedeling", [ENTRY, second])
        store.save_entry_fix(
            open_case,
            "informatiedeling",
            [ENTRY, {**second, "wat": "Fictief, minder"}],
            EntryFix("corrected", 1, "te veel"),
            author_role="mentor",
        )
        store.save_entry_fix(
            open_case,
            "informatiedeling",
            [{**second, "wat": "Fictief, minder"}],
            EntryFix("withdrawn", 0, "dubbel ingevoerd"),
            author_role="mentor",
        )
        done = store.add_action(open_case, "Fictief gesprek met ouders", owner="mentor")
        store.add_action(
            open_case, "Fictief overleg", owner="zorgcoordinator", due=datetime(2025, 4, 1)
        )
        store.complete_action(open_case, done)
        store.update_progress(open_case, current_step="signalen", position="signalen")
        store.record_export(open_case)

        closed = store.new_case("basismodel", "Fictieve gesloten casus", author_role="mentor")
        store.set_answer(closed, "signalen_feiten", "Fictief en afgerond")
        store.add_note(closed, "bron", "Fictieve bron")
        store.set_lifecycle(closed, "closed", status="closed", author_role="mentor", reason="af")

        moved = store.new_case("basismodel", "Fictieve casus, ander protocol")
        store.set_answer(moved, "signalen_feiten", "Fictief")
        progress = Progress("open", None, None, None, None)
        store.change_flow(
            moved, "basismodel", author_role="mentor", reason="fictief", moves={}, progress=progress
        )

        gone = store.new_case("basismodel", "Fictieve vernietigde casus")
        store.add_note(gone, "feit", "Fictief, weg")
        store.shred(gone)
        if store.verify():
            sys.exit("the made store does not verify")
        # What the old code reads: the upgraded store must read the same, to the last field.
        made = {c.id: describe(store.get_case(c.id)) for c in store.list_cases()}
        audit = len(store.audit())
    SCHEMA1_EXPECTED.write_text(
        json.dumps({"passphrase": PASSPHRASE, "audit": audit, "cases": made}, indent=1) + "\n",
        encoding="utf-8",
    )
    for leftover in OUT.parent.glob(OUT.name + ".*"):
        leftover.unlink()
    print(f"made {OUT} ({OUT.stat().st_size} bytes) with {len(made)} cases")


if __name__ == "__main__":
    main()
