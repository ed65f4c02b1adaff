"""`meldcode init/new/list/show/answer/note/passwd/shred/backup/restore/verify`: the case store."""

from __future__ import annotations

import contextlib
import math
import os
import string
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from meldcode_tui.casework import (
    ENV_PASSPHRASE,
    evaluate_case,
    resolve_store_path,
    save_answers,
    start_case,
    validate_answers,
)
from meldcode_tui.cli_common import (
    EXIT_CHECK_FAILED,
    EXIT_USAGE,
    current_time,
    fail,
    flow_fail,
    local_day,
    local_minute,
    print_json,
    yes_no,
)
from meldcode_tui.flow import AnswerError, Evaluation, FlowError, read_answers_file
from meldcode_tui.i18n import current_language, t
from meldcode_tui.store import (
    KdfRefused,
    Store,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreNotFound,
    WrongPassphrase,
)
from meldcode_tui.store.records import NOTE_KINDS, Case, CaseSummary, DamagedRecord
from meldcode_tui.store.store import CASE_STATUSES
from meldcode_tui.vault import BadRecoveryKey as VaultBadRecoveryKey
from meldcode_tui.vault import parse_key

ENV_NEW_PASSPHRASE = "MELDCODE_NEW_PASSPHRASE"
ENV_RECOVERY_KEY = "MELDCODE_RECOVERY_KEY"
MIN_PASSPHRASE = 8

StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", help="Store file. Default: MELDCODE_STORE, else the user data folder."),
]
PassFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        help="Read the passphrase from this file (first line). Also MELDCODE_PASSPHRASE.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
RoleOpt = Annotated[str, typer.Option("--role", help="Your role, recorded with each change.")]
CaseArg = Annotated[str, typer.Argument(help="Case id, see `meldcode list`.")]


# ----------------------------------------------------------------- plumbing


def _store_fail(exc: StoreError, path: Path, code: int = EXIT_USAGE) -> NoReturn:
    fail(t(f"store.error.{exc.code}", path=path), code)


def _read_secret_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        fail(t("store.passphrase_file_unreadable", file=path))
    # Only the first line counts, as with restic and borg; a trailing newline is not part of it.
    value = text.splitlines()[0] if text else ""
    if not value:
        fail(t("store.passphrase_empty", source=path))
    return value


def _prompt(label: str, *, confirm: bool, needed_key: str = "store.passphrase_needed") -> str:
    try:
        value: str = typer.prompt(label, hide_input=True)
        if confirm:
            again: str = typer.prompt(t("store.passphrase_repeat"), hide_input=True)
            if again != value:
                fail(t("store.passphrase_mismatch"))
    except typer.Abort:
        fail(t(needed_key))
    if not value:
        fail(t("store.passphrase_empty", source=label))
    return value


def _secret(
    file: Path | None,
    env: str,
    label: str,
    *,
    confirm: bool = False,
    needed_key: str = "store.passphrase_needed",
) -> str:
    """From a file, else the environment, else a hidden prompt."""
    if file is not None:
        return _read_secret_file(file)
    from_env = os.environ.get(env)
    if from_env is not None:
        if not from_env:
            fail(t("store.passphrase_empty", source=env))
        return from_env
    return _prompt(label, confirm=confirm, needed_key=needed_key)


def _passphrase(file: Path | None) -> str:
    return _secret(file, ENV_PASSPHRASE, t("store.passphrase_prompt"))


def _new_passphrase(file: Path | None, env: str, label: str) -> str:
    value = _secret(file, env, label, confirm=True)
    if len(value) < MIN_PASSPHRASE:
        fail(t("store.passphrase_too_short", min=MIN_PASSPHRASE))
    typer.echo(t(f"store.strength_{_strength(value)}"), err=True)
    return value


def _strength(passphrase: str) -> str:
    """A rough hint, not a guarantee: character-pool entropy, or word count for phrases."""
    pools = [
        (string.ascii_lowercase, 26),
        (string.ascii_uppercase, 26),
        (string.digits, 10),
    ]
    pool = sum(size for chars, size in pools if any(c in chars for c in passphrase))
    if any(not c.isascii() or c in string.punctuation + " " for c in passphrase):
        pool += 33
    bits = len(passphrase) * math.log2(max(pool, 2))
    words = len(passphrase.split())
    if words >= 5 or bits >= 90:
        return "strong"
    if words >= 4 or bits >= 60:
        return "fair"
    return "weak"


def _existing_store(store_opt: Path | None) -> Path:
    """The store path; says "no store" before asking for a passphrase that could not help."""
    path = resolve_store_path(store_opt)
    if not path.is_file():
        fail(t("store.error.not_found", path=path))
    return path


def _refuse_existing(path: Path) -> None:
    """Never write over a file that holds something (an empty one may be reused)."""
    if path.exists() and path.stat().st_size > 0:
        fail(t("store.error.exists", path=path))


@contextlib.contextmanager
def _opened(
    store_opt: Path | None, pass_file: Path | None, *, damaged_code: int = EXIT_USAGE
) -> Iterator[tuple[Store, Path]]:
    """The unlocked store, closed afterwards; a store error is one line with its exit code.

    `damaged_code` is the exit code when the store turns out damaged (verify: a failed check).
    """
    path = _existing_store(store_opt)
    passphrase = _passphrase(pass_file)
    try:
        store = Store.open(path, passphrase)
    except (StoreDamaged, KdfRefused) as exc:
        _store_fail(exc, path, damaged_code)
    except StoreError as exc:
        _store_fail(exc, path)
    try:
        yield store, path
    except StoreDamaged as exc:
        _store_fail(exc, path, damaged_code)
    except StoreError as exc:
        _store_fail(exc, path)
    finally:
        store.close()


def _load_answers(path: Path) -> dict[str, Any]:
    try:
        return read_answers_file(path)
    except AnswerError as exc:
        fail(str(exc))


def _status(status: str) -> str:
    """A case status in words; an unknown (doctored) one as it is stored."""
    return t(f"cases.status.{status}") if status in CASE_STATUSES else status


def _title(summary: CaseSummary) -> str:
    if summary.damaged and not summary.title:
        return t("cases.damaged_title")
    return summary.title or t("cases.no_title")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _summary_json(s: CaseSummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "flow": s.flow_id,
        "status": s.status,
        "created_at": _iso(s.created_at),
        "updated_at": _iso(s.updated_at),
        "next_deadline": _iso(s.next_deadline),
        "current_step": s.current_step,
        "decisions": {"melden": s.melden, "hulp": s.hulp},
        "damaged": s.damaged,
    }


def _damaged_json(d: DamagedRecord) -> dict[str, Any]:
    return {
        "table": d.table,
        "row": d.row_id,
        "case": d.case_id,
        "field": d.field,
        "reason": d.reason,
    }


def _damaged_line(d: DamagedRecord) -> str:
    return t(
        "store.damaged_line",
        table=d.table,
        row=d.row_id,
        case=d.case_id or t("store.no_case"),
        field=d.field,
        reason=t(f"store.damage.{d.reason}"),
    )


# ----------------------------------------------------------------- commands


def init(
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
    no_recovery: Annotated[
        bool, typer.Option("--no-recovery", help="Do not make a recovery key.")
    ] = False,
) -> None:
    """Create a new encrypted store (asks for the passphrase twice)."""
    path = resolve_store_path(store)
    _refuse_existing(path)
    passphrase = _new_passphrase(passphrase_file, ENV_PASSPHRASE, t("store.passphrase_new_prompt"))
    try:
        created, recovery_key = Store.create(path, passphrase, recovery=not no_recovery)
    except StoreError as exc:
        _store_fail(exc, path)
    created.close()
    typer.echo(t("store.created", path=path))
    if recovery_key:
        typer.echo("")
        typer.echo(t("store.recovery_header"))
        typer.echo("")
        typer.echo(f"    {recovery_key}")
        typer.echo("")
        typer.echo(t("store.recovery_use"))
    else:
        typer.echo(t("store.recovery_none"))


def new(
    flow: Annotated[str, typer.Option("--flow", help="Flow id, see `meldcode flows list`.")],
    title: Annotated[
        str, typer.Option("--title", help="A title or pseudonym; stored encrypted.")
    ] = "",
    answers: Annotated[
        Path | None, typer.Option("--answers", help="TOML or JSON: question id -> value.")
    ] = None,
    role: RoleOpt = "mentor",
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Start a case; prints its id."""
    raw = _load_answers(answers) if answers else {}
    # Everything is checked before the store is opened, so a bad file changes nothing.
    try:
        validate_answers(flow, raw)
    except FlowError as exc:
        flow_fail(exc)
    except AnswerError as exc:
        fail(f"{answers}: {exc}")
    with _opened(store, passphrase_file) as (opened, _):
        case_id, _ev = start_case(opened, flow, title, raw, author_role=role)
    typer.echo(case_id)


def list_cases(
    as_json: JsonOpt = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """List the cases, most recently changed first."""
    with _opened(store, passphrase_file) as (opened, _):
        cases = opened.list_cases()
    overdue = _overdue_ids(cases)
    if as_json:
        print_json([{**_summary_json(c), "overdue": c.id in overdue} for c in cases])
        return
    if not cases:
        typer.echo(t("cases.none"))
        return
    typer.echo(t("cases.list_header"))
    mark = "  ! " + t("due.list_overdue")
    for c in cases:
        typer.echo(
            f"{c.id:<9} {_status(c.status):<11} {c.flow_id:<14} {local_minute(c.updated_at):<18} "
            f"{local_day(c.next_deadline):<12} {_title(c)}{mark if c.id in overdue else ''}"
        )


def _overdue_ids(cases: list[CaseSummary]) -> set[str]:
    """Cases whose next time limit has passed; closed cases are never overdue.

    The shared clock (MELDCODE_NOW or now) is read once, and only when some case has a limit.
    """
    limits = [
        (c.id, c.next_deadline)
        for c in cases
        if c.status != "closed" and c.next_deadline is not None
    ]
    if not limits:
        return set()
    now = current_time()
    return {case_id for case_id, deadline in limits if deadline < now}


def _evaluation(case: Case) -> Evaluation | None:
    try:
        return evaluate_case(case)
    except FlowError:
        return None


def show(
    case_id: CaseArg,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Show a case: answers, path, decisions, notes, actions, and anything damaged."""
    with _opened(store, passphrase_file) as (opened, _):
        case = opened.get_case(case_id)
    result = _evaluation(case)
    if as_json:
        print_json(
            {
                "case": _summary_json(case.summary),
                "position": case.position,
                "answers": case.answers,
                "history": [
                    {
                        "question": h.question_id,
                        "value": h.value,
                        "previous": h.previous,
                        "role": h.author_role,
                        "at": _iso(h.at),
                        "cleared": h.cleared,
                    }
                    for h in case.history
                ],
                "notes": [
                    {
                        "id": n.id,
                        "kind": n.kind,
                        "text": n.text,
                        "step": n.step_id,
                        "role": n.author_role,
                        "at": _iso(n.created_at),
                        "for_record": n.for_record,
                    }
                    for n in case.notes
                ],
                "actions": [
                    {
                        "id": a.id,
                        "text": a.text,
                        "owner": a.owner,
                        "due": _iso(a.due),
                        "done_at": _iso(a.done_at),
                        "created_at": _iso(a.created_at),
                    }
                    for a in case.actions
                ],
                "evaluation": result.to_json() if result else None,
                "damaged": [_damaged_json(d) for d in case.damaged],
            }
        )
        return
    _show_text(case, result)


def _show_text(case: Case, result: Evaluation | None) -> None:
    s = case.summary
    lang = current_language()
    echo = typer.echo
    echo(t("cases.show_title", id=s.id, title=_title(s)))
    echo(
        t(
            "cases.show_meta",
            flow=s.flow_id,
            status=_status(s.status),
            created=local_minute(s.created_at),
            updated=local_minute(s.updated_at),
        )
    )
    if result is None:
        echo(t("cases.flow_unknown", flow=s.flow_id))
        melden, hulp, step = s.melden, s.hulp, s.current_step
    else:
        echo(t("cases.show_path", path=" -> ".join(result.path)))
        if result.outcome is not None:
            echo(t("cases.show_outcome", title=result.outcome.title.get(lang)))
        melden, hulp, step = result.decisions.melden, result.decisions.hulp, result.current_step
    if step:
        echo(t("cases.show_step", step=step))
    echo(t("cases.show_melden", value=yes_no(melden)))
    echo(t("cases.show_hulp", value=yes_no(hulp)))
    if s.next_deadline:
        echo(t("cases.show_deadline", date=local_minute(s.next_deadline)))
    if result is not None and result.missing:
        echo(t("cases.show_missing", ids=", ".join(result.missing)))
    echo("")
    echo(t("cases.show_answers"))
    if not case.answers:
        echo(t("cases.show_none"))
    off_path = set(result.off_path) if result is not None else set()
    for qid, value in _in_flow_order(case, result):
        marker = " " + t("cases.show_answer_off_path") if qid in off_path else ""
        echo(f"  {qid}: {_answer_text(value)}{marker}")
    echo("")
    echo(t("cases.show_notes"))
    if not case.notes:
        echo(t("cases.show_none"))
    for n in case.notes:
        step_part = t("cases.note_step", step=n.step_id) if n.step_id else ""
        echo(
            t(
                "cases.note_line",
                kind=n.kind,
                at=local_minute(n.created_at),
                role=n.author_role,
                step=step_part,
                text=n.text,
            )
        )
    if case.actions:
        echo("")
        echo(t("cases.show_actions"))
        for a in case.actions:
            due = t("cases.action_due", date=local_day(a.due)) if a.due else ""
            echo(
                t(
                    "cases.action_line",
                    mark="x" if a.done_at else " ",
                    text=a.text,
                    owner=a.owner,
                    due=due,
                )
            )
    if case.damaged:
        echo("")
        echo(t("cases.show_damaged"))
        for d in case.damaged:
            echo("  " + _damaged_line(d))


def _in_flow_order(case: Case, result: Evaluation | None) -> list[tuple[str, Any]]:
    """Answers in the order the flow asks them (the store keeps no order); unknown ids last."""
    if result is None:
        return sorted(case.answers.items())
    order = {q.id: i for i, q in enumerate(result.flow.questions())}
    return sorted(case.answers.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _answer_text(value: Any) -> str:
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, list | dict):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)


def answer(
    case_id: CaseArg,
    answers: Annotated[Path, typer.Option("--answers", help="TOML or JSON: question id -> value.")],
    role: RoleOpt = "mentor",
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Save answers from a file into a case (all checked first; saved one at a time)."""
    raw = _load_answers(answers)
    with _opened(store, passphrase_file) as (opened, _):
        try:
            save_answers(opened, case_id, raw, author_role=role)
        except FlowError as exc:
            flow_fail(exc)
        except AnswerError as exc:
            fail(f"{answers}: {exc}")
    typer.echo(t("cases.answers_saved", count=len(raw), case=case_id))


def note(
    case_id: CaseArg,
    text: Annotated[str, typer.Argument(help="The note; '-' reads it from standard input.")],
    kind: Annotated[str, typer.Option("--kind", help="feit, interpretatie or bron.")],
    step: Annotated[str | None, typer.Option("--step", help="Step id it belongs to.")] = None,
    for_record: Annotated[
        bool, typer.Option("--for-record", help="Include it in the record-system summary.")
    ] = False,
    role: RoleOpt = "mentor",
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Add a note to a case: a fact (feit), an interpretation, or a source/agreement (bron)."""
    if kind not in NOTE_KINDS:
        fail(t("cases.note_kind_invalid", kind=kind))
    # Reading from stdin keeps the text out of shell history and the process list.
    body = sys.stdin.read().strip() if text == "-" else text.strip()
    if not body:
        fail(t("cases.note_empty"))
    with _opened(store, passphrase_file) as (opened, _):
        note_id = opened.add_note(
            case_id, kind, body, step_id=step, author_role=role, for_record=for_record
        )
    typer.echo(t("cases.note_added", id=note_id, case=case_id))


def passwd(
    recovery: Annotated[
        bool, typer.Option("--recovery", help="Unlock with the recovery key instead.")
    ] = False,
    new_passphrase_file: Annotated[
        Path | None,
        typer.Option("--new-passphrase-file", help="Read the new passphrase from this file."),
    ] = None,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Change the passphrase (or set a new one with the recovery key)."""
    path = _existing_store(store)
    if recovery:
        key = _secret(
            None, ENV_RECOVERY_KEY, t("store.recovery_prompt"), needed_key="store.recovery_needed"
        )
        # A mistyped key is caught before the new passphrase is asked for.
        try:
            parse_key(key)
        except VaultBadRecoveryKey:
            fail(t("store.error.bad_recovery_key", path=path))
        new_pass = _new_passphrase(
            new_passphrase_file, ENV_NEW_PASSPHRASE, t("store.passphrase_new_prompt")
        )
        try:
            Store.reset_passphrase_with_recovery(path, key, new_pass)
        except StoreError as exc:
            _store_fail(exc, path)
    else:
        with _opened(store, passphrase_file) as (opened, _):
            new_pass = _new_passphrase(
                new_passphrase_file, ENV_NEW_PASSPHRASE, t("store.passphrase_new_prompt")
            )
            opened.change_passphrase(new_pass)
    typer.echo(t("store.passwd_done", path=path))


def shred(
    case_id: CaseArg,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Destroy a case for good: its key, its rows, and every copy in the journal."""
    with _opened(store, passphrase_file) as (opened, _):
        found = [c for c in opened.list_cases() if c.id == case_id]
        if not found:
            opened.get_case(case_id)  # raises CaseNotFound with the usual message
        if not yes:
            question = t("cases.shred_confirm", id=case_id, title=_title(found[0]))
            try:
                confirmed = typer.confirm(question, default=False)
            except typer.Abort:
                fail(t("cases.shred_needs_yes", id=case_id))
            if not confirmed:
                fail(t("cases.shred_cancelled"))
        opened.shred(case_id)
    typer.echo(t("cases.shred_done", id=case_id))


def backup(
    file: Annotated[Path, typer.Argument(help="Backup file to write (must not exist).")],
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Write an encrypted single-file backup, verified before it is given its name."""
    _refuse_existing(file)
    with _opened(store, passphrase_file) as (opened, _):
        try:
            opened.backup(file)
        except StoreExists as exc:
            _store_fail(exc, file)
    typer.echo(t("store.backup_done", file=file))


def restore(
    file: Annotated[Path, typer.Argument(help="Backup file made by `meldcode backup`.")],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace the existing store at the store path.")
    ] = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Restore a backup into the store path (verified before anything is replaced)."""
    path = resolve_store_path(store)
    if not file.is_file():
        fail(t("store.error.not_found", path=file))
    if not overwrite:
        _refuse_existing(path)
    passphrase = _passphrase(passphrase_file)
    try:
        Store.restore(file, path, passphrase, overwrite=overwrite)
    except (StoreNotFound, WrongPassphrase, StoreDamaged) as exc:
        # These are about the backup file, not the destination.
        _store_fail(exc, file)
    except StoreError as exc:
        _store_fail(exc, path)
    typer.echo(t("store.restore_done", path=path))


def verify(
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Open every record and check every manifest and the audit chain; exit 1 if any fail."""
    with _opened(store, passphrase_file, damaged_code=EXIT_CHECK_FAILED) as (opened, path):
        damaged = opened.verify()
        count = len(opened.list_cases())
    if damaged:
        for d in damaged:
            typer.echo(_damaged_line(d))
        typer.echo(t("store.verify_failed", count=len(damaged), path=path), err=True)
        raise typer.Exit(EXIT_CHECK_FAILED)
    typer.echo(t("store.verify_ok", path=path, cases=count))


def register(app: typer.Typer) -> None:
    """Add the case-store commands to the main `meldcode` app."""
    app.command("init")(init)
    app.command("new")(new)
    app.command("list")(list_cases)
    app.command("show")(show)
    app.command("answer")(answer)
    app.command("note")(note)
    app.command("passwd")(passwd)
    app.command("shred")(shred)
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.command("verify")(verify)
