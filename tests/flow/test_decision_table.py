"""The decision table lists every deciding combination, each with what the engine decides."""

from __future__ import annotations

import tomllib

import pytest

from meldcode_tui.flow import evaluate, get_flow, parse_flow, shipped_flows
from meldcode_tui.flow.decision_table import AFTER, NO, YES, Row, decision_table
from meldcode_tui.flow.table_text import render

SMALL = """
id = "klein"
version = "1"
title = { nl = "Klein", en = "Small" }
description = { nl = "K.", en = "S." }
[[steps]]
id = "a"
title = { nl = "A", en = "A" }
guidance = { nl = "A.", en = "A." }
[[steps.questions]]
id = "zorg"
type = "yesno"
text = { nl = "Zorg?", en = "Concern?" }
[[steps.questions]]
id = "ernstig"
type = "yesno"
when = { question = "zorg", equals = true }
text = { nl = "Ernstig?", en = "Serious?" }
[[steps.questions]]
id = "evaluatie"
type = "yesno"
required = false
when = { question = "zorg", equals = true }
text = { nl = "Helpt het?", en = "Does it help?" }
[[steps.questions]]
id = "kindcheck"
type = "yesno"
when = { question = "zorg", equals = false }
text = { nl = "Zorgen om een ander kind?", en = "Concern about another child?" }
[[steps.questions]]
id = "kindcheck_stappen"
type = "text"
when = { question = "kindcheck", equals = true }
text = { nl = "Welke stappen?", en = "Which steps?" }
[[steps.questions]]
id = "gemeld_op"
type = "date"
required = false
text = { nl = "Gemeld op", en = "Reported on" }
[[outcomes]]
id = "melden"
melden = true
hulp = false
meldnormen = ["ernst"]
when = { question = "ernstig", equals = true }
title = { nl = "Melden", en = "Report" }
text = { nl = "t", en = "t" }
[[outcomes]]
id = "volgen"
status = "monitoring"
melden = false
hulp = true
when = { all = [ { question = "zorg", equals = true }, { question = "evaluatie", equals = true } ] }
title = { nl = "Volgen", en = "Follow" }
text = { nl = "t", en = "t" }
[[outcomes]]
id = "rest"
status = "closed"
melden = false
hulp = false
title = { nl = "Rest", en = "Rest" }
text = { nl = "t", en = "t" }
[[meldnormen]]
id = "ernst"
nl = "Ernstig: melden"
en = "Serious: report"
[[closure]]
id = "gemeld"
when = { any = [
  { question = "ernstig", equals = false },
  { question = "zorg", equals = false },
  { question = "gemeld_op", answered = true },
] }
message = { nl = "niet gemeld", en = "not reported" }
[[closure]]
id = "kind_gevolgd"
when = { any = [
  { not = { question = "kindcheck", equals = true } },
  { question = "kindcheck_stappen", answered = true },
] }
message = { nl = "de kindcheck is niet gevolgd", en = "the kindcheck is not followed up" }
[[closure]]
id = "geholpen"
when = { not = { question = "evaluatie", equals = false } }
message = { nl = "de hulp helpt niet", en = "the help does not help" }
"""


def _table_rows() -> list[Row]:
    flow = parse_flow(tomllib.loads(SMALL), "klein.toml")
    return list(decision_table(flow).rows)


def test_every_combination_of_the_deciding_answers_is_one_row() -> None:
    rows = _table_rows()
    got = {tuple(sorted(r.answers.items())): r for r in rows}
    # zorg yes: ernstig yes/no x evaluatie yes/no/open; zorg no: nothing else is asked.
    assert len(rows) == len(got) == 7
    expected = {
        (True, True, True): ("melden", AFTER),
        (True, True, False): ("melden", NO),
        (True, True, None): ("melden", AFTER),
        (True, False, True): ("volgen", YES),
        (True, False, False): ("rest", NO),
        (True, False, None): ("rest", YES),
    }
    for (zorg, ernstig, evaluatie), (outcome, may_close) in expected.items():
        key = tuple(sorted({"zorg": zorg, "ernstig": ernstig, "evaluatie": evaluatie}.items()))
        row = got[key]
        assert (row.outcome and row.outcome.id, row.may_close) == (outcome, may_close), key
    (no_concern,) = [r for r in rows if r.answers == {"zorg": False}]
    assert no_concern.outcome is not None and no_concern.outcome.id == "rest"
    assert no_concern.meldnormen == ()
    # Closable as it stands, but a kindcheck with concern must be followed up first: the
    # table says so although the kindcheck decides no outcome (it is no column).
    assert no_concern.may_close == AFTER and no_concern.pending == ("kind_gevolgd",)


def test_what_keeps_a_row_open_is_named() -> None:
    rows = _table_rows()
    (row,) = [r for r in rows if r.answers == {"zorg": True, "ernstig": True, "evaluatie": False}]
    # The report can still be recorded; "the help does not help" stands while this answer does.
    assert row.pending == ("gemeld",) and row.refused == ("geholpen",)
    assert row.meldnormen == ("ernst",) and (row.melden, row.hulp) == (True, False)


@pytest.mark.parametrize("flow_id", sorted(shipped_flows()))
def test_each_row_is_what_the_engine_decides(flow_id: str) -> None:
    flow = get_flow(flow_id)
    table = decision_table(flow)
    assert table.rows
    for row in table.rows:
        result = evaluate(flow, row.given())
        assert result.outcome == row.outcome
        assert list(row.meldnormen) == result.meldnormen
        # What blocks with these answers alone is named; a refused rule blocks now too.
        blockers = {r.id for r in result.closure_blockers}
        assert set(row.refused) <= blockers <= set(row.pending) | set(row.refused)
    lines = render(table, "nl")
    assert all(len(line) <= 100 for line in lines), max(lines, key=len)


def _rows(flow_id: str, **answers: object) -> list[Row]:
    """Rows of a shipped flow with these answers and no disclosure by the child (a question
    left out may be anything; a disclosure may or may not be a deciding question)."""
    rows = decision_table(get_flow(flow_id)).rows
    found = [
        r
        for r in rows
        if r.answers.get("onthulling") is not True
        and all(r.answers.get(k) == v for k, v in answers.items())
    ]
    assert found, answers
    return found


# The afwegingskader of the Basismodel meldcode (NJi, "Afwegingskader"; KNMG): question 1 no ->
# no report, no help; question 2 yes (acute or structural unsafety) -> report; help possible (3)
# and accepted (4) -> help; 3 or 4 no -> report; help without result (5 no) -> report again.
@pytest.mark.parametrize("flow_id", ["basismodel", "onderwijs"])
def test_afwegingskader_decisions(flow_id: str) -> None:
    for row in _rows(flow_id, afweging1_vermoeden=False):
        assert (row.melden, row.hulp) == (False, False)
        assert row.may_close != NO
    for row in _rows(flow_id, afweging2_onveiligheid=True):
        assert row.melden is True
    for q in ("afweging3_hulp_mogelijk", "afweging4_hulp_aanvaard", "afweging5_hulp_effectief"):
        for row in _rows(flow_id, **{q: False}):
            assert row.melden is True, (q, row.answers)
            assert row.may_close != YES  # the report itself must be recorded first
    helped = _rows(
        flow_id,
        afweging2_onveiligheid=False,
        afweging3_hulp_mogelijk=True,
        afweging4_hulp_aanvaard=True,
        afweging5_hulp_effectief=True,
    )
    assert all(r.hulp is True for r in helped)


def test_merging_keeps_every_difference() -> None:
    from meldcode_tui.flow.table_text import _merge

    rows = [
        (["ja", "ja"], ["A"]),
        (["ja", "nee"], ["A"]),
        (["nee", "ja"], ["B"]),
        (["nee", "nee"], ["C"]),
    ]
    # Column 2 does not matter after "ja" (both A); after "nee" it decides between B and C.
    assert _merge(rows) == [(["ja", "*"], ["A"]), (["nee", "ja"], ["B"]), (["nee", "nee"], ["C"])]
    assert _merge([(["ja"], ["A"]), (["nee"], ["A"])]) == [(["*"], ["A"])]
