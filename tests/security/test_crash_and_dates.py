"""High 1: a crash never prints case text, and a year-9999 date cannot break a case or `due`."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from security_helpers import (
    INTAKE,
    PASSPHRASE,
    SECRET_NOTE,
    SECRET_TITLE,
    new_case,
    ok,
    one_line_error,
    run,
    run_main,
    write_answers,
)

from meldcode_tui.casework import session as session_module
from meldcode_tui.flow import clock
from meldcode_tui.settings import resolve_settings
from meldcode_tui.store import Store
from meldcode_tui.tui.app import MeldcodeApp, make_app

SIZE = (100, 32)


def _rendered(renderables: list[Any]) -> str:
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    for item in renderables:
        console.print(item)
    return out.getvalue()


async def _crash_while_open(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Open a case whose evaluation raises, and return what the app would print on exit."""
    with Store.open(store_path, PASSPHRASE) as store:
        case_id = store.new_case("basismodel", SECRET_TITLE)
        store.add_note(case_id, "feit", SECRET_NOTE)

    def broken_evaluate(flow: object, answers: object, now: object = None) -> object:
        title = SECRET_TITLE  # a local holding case text, as the real frames do
        raise RuntimeError("engine bug" + ("" if title else "?"))

    monkeypatch.setattr(session_module, "evaluate", broken_evaluate)
    printed: list[Any] = []
    original = MeldcodeApp._print_error_renderables

    def spy(self: MeldcodeApp) -> None:
        printed.extend(self._exit_renderables)
        original(self)

    monkeypatch.setattr(MeldcodeApp, "_print_error_renderables", spy)
    app = make_app(resolve_settings(store=store_path, idle_minutes=0, passphrase=PASSPHRASE))
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # open the case: the session evaluates it
            await pilot.pause()
    printed.extend(app._exit_renderables)
    return _rendered(printed)


async def test_a_crash_prints_one_line_without_case_text(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("init", "--no-recovery")
    text = await _crash_while_open(store_path, monkeypatch)
    assert "RuntimeError" in text
    assert SECRET_TITLE not in text and SECRET_NOTE not in text
    assert "Traceback" not in text
    assert len([line for line in text.splitlines() if line.strip()]) <= 3  # one wrapped line


async def test_debug_mode_shows_the_traceback_but_still_no_locals(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("init", "--no-recovery")
    monkeypatch.setenv("MELDCODE_DEBUG", "1")
    text = await _crash_while_open(store_path, monkeypatch)
    assert "Traceback" in text and "broken_evaluate" in text
    assert SECRET_TITLE not in text


@pytest.mark.parametrize(
    "value",
    ["9999-12-31T23:00", "9999-12-31T23:59+00:00", "0001-01-01T00:00", "1899-12-31T12:00"],
)
def test_a_date_time_outside_the_sane_years_is_refused_with_one_line(
    tmp_path: Path, value: str
) -> None:
    ok("init", "--no-recovery")
    answers = write_answers(tmp_path, "bad", {**INTAKE, "gemeld_op": value})
    result = run("new", "--flow", "safeguarding", "--answers", str(answers))
    line = one_line_error(result)
    assert "gemeld_op" in line and "2199" in line
    assert json.loads(ok("list", "--json")) == []


def test_a_date_outside_the_sane_years_is_refused(tmp_path: Path) -> None:
    ok("init", "--no-recovery")
    case = new_case(tmp_path, "safeguarding", INTAKE)
    answers = tmp_path / "late.toml"
    # A TOML date literal reaches the check as a date object, not as text.
    answers.write_text("eigenaar_sinds = 9999-12-31T10:00:00Z\n", encoding="utf-8")
    one_line_error(run("answer", case, "--answers", str(answers)))


def test_a_stored_year_9999_breaks_neither_show_export_due_nor_list(
    tmp_path: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value saved before the bound existed (or written by a doctored tool)."""
    ok("init", "--no-recovery")
    case = new_case(tmp_path, "safeguarding", INTAKE)
    other = new_case(tmp_path, "safeguarding", INTAKE, title="Tweede (fictief)")
    with Store.open(store_path, PASSPHRASE) as store:
        store.set_answer(case, "gemeld_op", "9999-12-31T23:59+00:00")
    ok("show", case)
    ok("show", case, "--json")
    ok("export", case, "-o", str(tmp_path / "case.txt"))
    due = json.loads(ok("due", "--json", env={"MELDCODE_NOW": "2026-11-25T10:00+00:00"}))
    # The other case's overdue limit is still reported: one bad case hides nothing.
    assert [(i["case"], i["overdue"]) for i in due["items"]] == [(other, True)]
    ok("list")


@pytest.mark.parametrize("now", ["9999-12-31T23:00", "0001-01-01T00:00", "2026-13-01T00:00"])
def test_meldcode_now_out_of_range_is_one_line(now: str) -> None:
    ok("init", "--no-recovery")
    one_line_error(run("due", env={"MELDCODE_NOW": now}))


def test_due_within_huge_is_a_usage_error() -> None:
    ok("init", "--no-recovery")
    one_line_error(run_main("due", "--within", "99999999999"))


def test_bounds_are_what_the_message_says() -> None:
    assert clock.in_range(clock.MIN_YEAR) and clock.in_range(clock.MAX_YEAR)
    assert not clock.in_range(clock.MIN_YEAR - 1) and not clock.in_range(clock.MAX_YEAR + 1)
