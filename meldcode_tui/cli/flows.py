"""`meldcode flows ...`: list, show, check and evaluate protocol flows without the TUI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from meldcode_tui.cli.common import (
    EXIT_CHECK_FAILED,
    EXIT_USAGE,
    current_time,
    fail,
    flow_fail,
    print_json,
    yes_no,
)
from meldcode_tui.i18n import current_language, plural, t
from meldcode_tui.terminal_text import safe_line

if TYPE_CHECKING:
    from meldcode_tui.flow import Flow

# The flow engine is imported inside each command: `meldcode --help` and every other command
# build this group, and the engine, the checks and the decision table are not needed for that.

flows_app = typer.Typer(
    invoke_without_command=True, help="Protocol flows: list, show, check, evaluate, table."
)


@flows_app.callback()
def flows_callback(ctx: typer.Context) -> None:
    """Protocol flows: list, show, check, evaluate, table."""
    # `meldcode flows` alone is a usage mistake: show what it can do (exit 2).
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(EXIT_USAGE)


def _load_shipped(flow_id: str) -> Flow:
    from meldcode_tui.flow import FlowError, get_flow

    try:
        return get_flow(flow_id)
    except FlowError as exc:
        flow_fail(exc)


@flows_app.command("list")
def list_flows(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List the shipped flows."""
    # Files that passed the full check before (same bytes, same code) are listed from that
    # result; any other is loaded and checked in full first (flow/verdicts.py).
    from meldcode_tui.flow import FlowError
    from meldcode_tui.flow.registry import shipped_listings

    lang = current_language()
    try:
        rows = shipped_listings()
    except FlowError as exc:
        flow_fail(exc)
    if as_json:
        print_json(
            [
                {
                    "id": f.id,
                    "version": f.version,
                    "title": f.title[lang],
                    "description": f.description[lang],
                }
                for f in rows
            ]
        )
        return
    for flow in rows:
        typer.echo(f"{flow.id:<18} {flow.version:<8} {flow.title[lang]}")
        typer.echo(f"{'':<27} {flow.description[lang]}")


@flows_app.command("show")
def show_flow(
    flow_id: Annotated[str, typer.Argument(help="Flow id, see `meldcode flows list`.")],
) -> None:
    """Show a flow as a readable outline: steps, roles, sources, questions, branches."""
    from meldcode_tui.flow.describe import outline

    flow = _load_shipped(flow_id)
    typer.echo("\n".join(outline(flow, current_language())))


@flows_app.command("check")
def check_flows(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Flow files to check; default: the shipped flows.")
    ] = None,
) -> None:
    """Validate flows; exit 1 listing every problem."""
    from meldcode_tui.flow import FlowError, load_flow, shipped_flow_paths

    targets = paths or shipped_flow_paths()
    problems = 0
    for path in targets:
        try:
            flow = load_flow(path)
        except FlowError as exc:
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            problems += len(exc.problems)
            continue
        typer.echo(t("flows.check_ok", file=safe_line(path), id=flow.id, steps=len(flow.steps)))
    if problems:
        typer.echo(plural("plural.check_failed", problems), err=True)
        raise typer.Exit(EXIT_CHECK_FAILED)


@flows_app.command("evaluate")
def evaluate_flow(
    flow_id: Annotated[str, typer.Argument(help="Flow id.")],
    answers: Annotated[
        Path, typer.Option("--answers", help="TOML or JSON file: question id -> value.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Evaluate an answers file: path, outcome, the two decisions, open questions."""
    from meldcode_tui.flow import AnswerError, evaluate, parse_answers, read_answers_file

    flow = _load_shipped(flow_id)
    try:
        values = parse_answers(flow, read_answers_file(answers))
    except AnswerError as exc:
        fail(f"{answers}: {exc}")
    result = evaluate(flow, values, now=current_time())
    if as_json:
        print_json(result.to_json())
        return
    lang = current_language()
    typer.echo(t("flows.eval_path", path=" -> ".join(result.path)))
    typer.echo(t("flows.eval_complete", value=yes_no(result.complete)))
    if result.outcome:
        typer.echo(t("flows.eval_outcome", title=result.outcome.title.get(lang)))
    for key, value in (("melden", result.decisions.melden), ("hulp", result.decisions.hulp)):
        # A protocol may name its decisions itself (the API flow reports to the police, not VT).
        label = result.decision_label(key, lang)
        line = (
            t("flows.eval_decision", label=label, value=yes_no(value))
            if label
            else t(f"flows.eval_{key}", value=yes_no(value))
        )
        typer.echo(line)
    if result.missing:
        typer.echo(t("flows.eval_missing", ids=", ".join(result.missing)))


@flows_app.command("table")
def table_flow(
    flow_id: Annotated[
        str, typer.Argument(help="Flow id (see `meldcode flows list`) or a flow file (.toml).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Print the decision table: deciding answers -> outcome, decisions, meldnormen, closing."""
    from meldcode_tui.flow import FlowError, load_flow
    from meldcode_tui.flow.decision_table import decision_table, table_json
    from meldcode_tui.flow.reach import SearchLimit
    from meldcode_tui.flow.table_text import render

    if flow_id.lower().endswith(".toml"):
        # A draft flow is reviewed before it ships.
        try:
            flow = load_flow(Path(flow_id))
        except FlowError as exc:
            flow_fail(exc)
    else:
        flow = _load_shipped(flow_id)
    try:
        table = decision_table(flow)
    except SearchLimit as exc:
        fail(t("flowcheck.reach.too_complex", budget=exc.budget))
    lang = current_language()
    if as_json:
        print_json(table_json(table, lang))
        return
    typer.echo("\n".join(render(table, lang)))
