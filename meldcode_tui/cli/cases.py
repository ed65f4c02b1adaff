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
    correct_entry: Annotated[
        str | None,
        typer.Option(
            "--correct-entry", help="Replace ledger entry QUESTION:N with the one in --entry."
        ),
    ] = None,
    withdraw_entry: Annotated[
        str | None,
        typer.Option("--withdraw-entry", help="Withdraw ledger entry QUESTION:N (--reason)."),
    ] = None,
    entry: Annotated[
        Path | None, typer.Option("--entry", help="TOML or JSON: field id -> value, one entry.")
    ] = None,
    reason: Annotated[
        str, typer.Option("--reason", help="Why the entry is corrected or withdrawn.")
    ] = "",
    role: RoleOpt = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Save answers from a file into a case, or clear some (all checked first; one at a time).

    --correct-entry / --withdraw-entry change one entry of a ledger (consultations,
    information shared); the earlier version is kept in the history.
    """
    from meldcode_tui.casework import CaseClosed, UnknownRole, save_answers
    from meldcode_tui.flow import AnswerError, FlowError

    if correct_entry is not None or withdraw_entry is not None:
        if answers is not None or clear or (correct_entry and withdraw_entry):
            fail(t("casework.answer_needs_input"))
        _fix_entry(
            case_id, correct_entry, withdraw_entry, entry, reason, role, store, passphrase_file
        )
        return
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


def _fix_entry(
    case_id: str,
    correct: str | None,
    withdraw: str | None,
    entry_file: Path | None,
    reason: str,
    role: str | None,
    store: Path | None,
    passphrase_file: Path | None,
) -> None:
    from meldcode_tui.casework import CaseClosed, UnknownRole
    from meldcode_tui.casework.cases import fix_entry_from_outside
    from meldcode_tui.casework.corrections import CorrectionRefused, parse_entry_ref
    from meldcode_tui.flow import AnswerError, FlowError

    ref = correct if correct is not None else withdraw
    assert ref is not None
    try:
        parse_entry_ref(ref)
    except CorrectionRefused as exc:
        fail(str(exc))
    new_entry: dict[str, Any] | None = None
    if correct is not None:
        if entry_file is None:
            fail(t("corrections.entry_needs_file"))
        new_entry = _load_answers(entry_file)
    elif not reason.strip():
        fail(t("corrections.reason_missing"))
    with opened(store, passphrase_file) as (unlocked, _):
        try:
            fix_entry_from_outside(
                unlocked,
                case_id,
                ref,
                entry=new_entry,
                reason=reason,
                now=current_time(),
                author_role=role,
            )
        except CorrectionRefused as exc:
            fail(str(exc))
        except (FlowError, AnswerError, UnknownRole, CaseClosed) as exc:
            _refused(exc, entry_file)
    key = "corrections.entry_corrected" if correct is not None else "corrections.entry_withdrawn"
    typer.echo(t(key, ref=ref, case=case_id))


def note(
    case_id: CaseArg,
    text: Annotated[
        str | None, typer.Argument(help="The note; '-' reads it from standard input.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="feit, interpretatie or bron (a new note).")
    ] = None,
    step: Annotated[str | None, typer.Option("--step", help="Step id it belongs to.")] = None,
    for_record: Annotated[
        bool, typer.Option("--for-record", help="Include it in the record-system summary.")
    ] = False,
    correct: Annotated[
        str | None,
        typer.Option("--correct", help="Give note NOTE_ID the new TEXT; the old text is kept."),
    ] = None,
    withdraw: Annotated[
        str | None,
        typer.Option("--withdraw", help="Withdraw note NOTE_ID (needs --reason); it is kept."),
    ] = None,
    reason: Annotated[
        str, typer.Option("--reason", help="Why it is corrected or withdrawn; stored encrypted.")
    ] = "",
    role: RoleOpt = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Add a note to a case: a fact (feit), an interpretation, or a source/agreement (bron).

    With --correct or --withdraw, change an existing note instead; nothing is erased.
    """
    from meldcode_tui.store.records import NOTE_KINDS

    if correct is not None or withdraw is not None:
        _revise_note(case_id, text, correct, withdraw, reason, role, store, passphrase_file)
        return
    if kind is None or text is None:
        fail(t("corrections.note_needs_input"))
    if kind not in NOTE_KINDS:
        fail(t("cases.note_kind_invalid", kind=kind))
    # Reading from stdin keeps the text out of shell history and the process list.
    body = _text_of(text)
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


def _text_of(text: str) -> str:
    return sys.stdin.read().strip() if text == "-" else text.strip()


def _revise_note(
    case_id: str,
    text: str | None,
    correct: str | None,
    withdraw: str | None,
    reason: str,
    role: str | None,
    store: Path | None,
    passphrase_file: Path | None,
) -> None:
    """`note --correct ID TEXT` / `note --withdraw ID --reason TEXT`, checked before opening."""
    from meldcode_tui.casework import CaseClosed, UnknownRole
    from meldcode_tui.casework.corrections import CorrectionRefused, correct_note, withdraw_note

    if correct is not None and withdraw is not None:
        fail(t("corrections.note_needs_input"))
    body = _text_of(text) if text is not None else ""
    if correct is not None and not body:
        fail(t("corrections.text_empty"))
    if withdraw is not None and not reason.strip():
        fail(t("corrections.reason_missing"))
    with opened(store, passphrase_file) as (unlocked, _):
        try:
            if correct is not None:
                correct_note(unlocked, case_id, correct, body, reason=reason, author_role=role)
            else:
                assert withdraw is not None
                withdraw_note(unlocked, case_id, withdraw, reason, author_role=role)
        except (UnknownRole, CaseClosed, CorrectionRefused) as exc:
            fail(str(exc))
    if correct is not None:
        typer.echo(t("corrections.note_corrected", id=correct, case=case_id))
    else:
        typer.echo(t("corrections.note_withdrawn", id=withdraw, case=case_id))
