"""The use-case layer: one function per thing a user does, called by both the CLI and the app.

| user action        | implementation                                      |
|--------------------|-----------------------------------------------------|
| start a case       | cases.start_case                                    |
| answer / clear     | session.OpenCase.answer / .clear (save_answers: a file) |
| add a note         | session.OpenCase.add_note; cases.add_note (CLI)     |
| move between steps | session.OpenCase.move                               |
| close a case       | closing.close_case (OpenCase.close in the wizard)   |
| reopen a case      | closing.reopen_case (OpenCase.reopen in the wizard) |
| export a summary   | export.load_source + export.export_case             |
| shred a case       | cases.shred_case                                    |
| actions            | actions.add_action / actions.complete_action        |
| correct / withdraw | corrections (notes); OpenCase.correct_entry / .withdraw_entry |
| another protocol   | flow_change.change_flow                             |
| the chronology     | chronology.build_chronology                         |

Arrows point down only: this package uses flow, store and summary, never the CLI or Textual.
"""

from meldcode_tui.casework.cases import (
    evaluate_case,
    note_from_outside,
    save_answers,
    shred_case,
    start_case,
    validate_answers,
)
from meldcode_tui.casework.closing import (
    CaseClosed,
    ClosureRefused,
    ReopenRefused,
    close_case,
    closure_reason,
    open_status,
    reopen_case,
)
from meldcode_tui.casework.date_rules import check_all_dates, check_dates
from meldcode_tui.casework.roles import UnknownRole, check_role, default_role
from meldcode_tui.casework.session import OpenCase, progress_of

__all__ = [
    "CaseClosed",
    "ClosureRefused",
    "OpenCase",
    "ReopenRefused",
    "UnknownRole",
    "check_all_dates",
    "check_dates",
    "check_role",
    "close_case",
    "closure_reason",
    "default_role",
    "evaluate_case",
    "note_from_outside",
    "open_status",
    "progress_of",
    "reopen_case",
    "save_answers",
    "shred_case",
    "start_case",
    "validate_answers",
]
