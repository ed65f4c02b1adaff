"""`meldcode new/answer/note`: start a case, add answers from a file, add a note."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from meldcode_tui.cli.common import current_time, fail, flow_fail
from meldcode_tui.cli.options import CaseArg, PassFileOpt, RoleOpt, StoreOpt
from meldcode_tui.cli.unlock import opened
from meldcode_tui.i18n import plural, t


def _load_answers(path: Path) -> dict[str, Any]:
    from meldcode_tui.flow import AnswerError, read_answers_file

    try:
        return read_answers_file(path)
    except AnswerError as exc:
        fail(str(exc))


def _refused(exc: Exception, answers: Path | None) -> NoReturn:
    """A flow, answer or role problem, or a closed case, as one line (exit 2); nothing written."""
    from meldcode_tui.casework import CaseClosed, UnknownRole
    from meldcode_tui.flow import AnswerError, FlowError

    if isinstance(exc, FlowError):
        flow_fail(exc)
    if isinstance(exc, AnswerError) and answers is not None:
        fail(f"{answers}: {exc}")
    if isinstance(exc, AnswerError | UnknownRole | CaseClosed):
        fail(str(exc))
    raise exc


def new(
    flow: Annotated[str, typer.Option("--flow", help="Flow id, see `meldcode flows list`.")],
    title: Annotated[
        str, typer.Option("--title", help="A title or pseudonym; stored encrypted.")
    ] = "",
    answers: Annotated[
        Path | None, typer.Option("--answers", help="TOML or JSON: question id -> value.")
    ] = None,
    role: RoleOpt = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Start a case; prints its id."""
    from meldcode_tui.casework import (
        UnknownRole,
        check_all_dates,
        check_role,
        start_case,
        validate_answers,
    )
    from meldcode_tui.flow import AnswerError, FlowError

    raw = _load_answers(answers) if answers else {}
    # Everything is checked before the store is opened, so a bad file changes nothing.
    try:
        chosen_flow, parsed = validate_answers(flow, raw)
        check_all_dates(chosen_flow, parsed, current_time())
        check_role(chosen_flow, role)
    except (FlowError, AnswerError, UnknownRole) as exc:
        _refused(exc, answers)
    with opened(store, passphrase_file) as (unlocked, _):
        case_id, _ev = start_case(unlocked, flow, title, raw, author_role=role)
    typer.echo(case_id)
    # A full name in the title reaches every case list and export: suggest initials.
    from meldcode_tui.summary.names import title_suggestion

    if (suggestion := title_suggestion(title)) is not None:
        typer.echo(t("record.title_full_name", suggestion=suggestion), err=True)


def answer(
    case_id: CaseArg,
    answers: Annotated[
        Path | None, typer.Option("--answers", help="TOML or JSON: question id -> value.")
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option("--clear", help="Remove this answer (its history keeps it); repeatable."),
    ] = None,
    role: RoleOpt = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Save answers from a file into a case, or clear some (all checked first; one at a time)."""
    from meldcode_tui.casework import CaseClosed, UnknownRole, save_answers
    from meldcode_tui.flow import AnswerError, FlowError

    if answers is None and not clear:
        fail(t("casework.answer_needs_input"))
    raw = _load_answers(answers) if answers else {}
    with opened(store, passphrase_file) as (unlocked, _):
        try:
            save_answers(unlocked, case_id, raw, author_role=role, clear=clear or ())
        except (FlowError, AnswerError, UnknownRole, CaseClosed) as exc:
            _refused(exc, answers)
    if raw:
        typer.echo(plural("plural.answers_saved", len(raw), case=case_id))
    if clear:
        typer.echo(plural("plural.answers_cleared", len(clear), case=case_id))


def note(
    case_id: CaseArg,
    text: Annotated[str, typer.Argument(help="The note; '-' reads it from standard input.")],
    kind: Annotated[str, typer.Option("--kind", help="feit, interpretatie or bron.")],
    step: Annotated[str | None, typer.Option("--step", help="Step id it belongs to.")] = None,
    for_record: Annotated[
        bool, typer.Option("--for-record", help="Include it in the record-system summary.")
    ] = False,
    role: RoleOpt = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Add a note to a case: a fact (feit), an interpretation, or a source/agreement (bron)."""
    from meldcode_tui.store.records import NOTE_KINDS

    if kind not in NOTE_KINDS:
        fail(t("cases.note_kind_invalid", kind=kind))
    # Reading from stdin keeps the text out of shell history and the process list.
    body = sys.stdin.read().strip() if text == "-" else text.strip()
    if not body:
        fail(t("cases.note_empty"))
    from meldcode_tui.casework import CaseClosed, UnknownRole, note_from_outside

    with opened(store, passphrase_file) as (unlocked, _):
        try:
            note_id = note_from_outside(
                unlocked, case_id, kind, body, step_id=step, author_role=role, for_record=for_record
            )
        except (UnknownRole, CaseClosed) as exc:
            _refused(exc, None)
    typer.echo(t("cases.note_added", id=note_id, case=case_id))
