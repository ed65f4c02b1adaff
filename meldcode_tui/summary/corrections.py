"""Corrections in the full export: every earlier version and withdrawal, with who and why.

The record layer (what a parent may read) shows only the current version: a withdrawn note is
left out and a corrected one shows its new text. The full layer adds this list, so nothing that
was once recorded disappears from the professional's own copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from meldcode_tui.flow.model import Flow, Question
from meldcode_tui.i18n import Translator
from meldcode_tui.summary.fmt import fmt_answer
from meldcode_tui.summary.ledger_history import EntryVersion, ledger_history
from meldcode_tui.summary.model import CorrectionItem

if TYPE_CHECKING:
    from meldcode_tui.store.records import Case


def _notes(
    case: Case, tr: Translator, pseudo: Callable[[str], str], author: Callable[[str], str]
) -> Iterator[CorrectionItem]:
    for note in case.notes:
        if not note.earlier and note.withdrawn is None:
            continue  # never corrected: nothing to list (most notes of a long case)
        what = tr("chronology.note", kind=tr(f"tui.notes.kind.{note.kind}"))
        texts = [r.text for r in note.earlier] + [note.text]
        for i, revision in enumerate(note.earlier):
            yield CorrectionItem(
                revision.at,
                "corrected",
                what,
                pseudo(texts[i]),
                pseudo(texts[i + 1]),
                author(revision.author_role),
                pseudo(revision.reason),
            )
        if note.withdrawn is not None:
            yield CorrectionItem(
                note.withdrawn.at,
                "withdrawn",
                what,
                pseudo(note.text),
                "",
                author(note.withdrawn.author_role),
                pseudo(note.withdrawn.reason),
            )


def _entries(
    flow: Flow,
    case: Case,
    lang: str,
    pseudo: Callable[[str], str],
    author: Callable[[str], str],
    hidden: Callable[[str], set[str]],
) -> Iterator[CorrectionItem]:
    for question in flow.questions():
        if question.type == "ledger":
            yield from _ledger(question, case, lang, pseudo, author, hidden(question.id))


def _ledger(
    question: Question,
    case: Case,
    lang: str,
    pseudo: Callable[[str], str],
    author: Callable[[str], str],
    drop: set[str],
) -> Iterator[CorrectionItem]:
    tr = Translator(lang)
    found = ledger_history(case.history, question.id, case.answers.get(question.id))
    label = question.text.get(lang).split(":", 1)[0].strip()

    def shown(entry: dict[str, object]) -> str:
        kept = {k: v for k, v in entry.items() if k not in drop}
        return pseudo(fmt_answer(question, [kept], tr, lang))

    current = case.answers.get(question.id)
    current = current if isinstance(current, list) else []
    chains: list[tuple[tuple[EntryVersion, ...], str]] = [
        (versions, shown(current[i]) if i < len(current) else "")
        for i, versions in enumerate(found.earlier)
    ]
    chains += [(gone.earlier, shown(gone.entry)) for gone in found.withdrawn]
    for versions, last in chains:
        texts = [shown(v.entry) for v in versions] + [last]
        for i, version in enumerate(versions):
            rev = version.revision
            yield CorrectionItem(
                rev.at,
                "corrected",
                label,
                texts[i],
                texts[i + 1],
                author(rev.author_role),
                pseudo(rev.reason),
            )
    for gone in found.withdrawn:
        rev = gone.revision
        yield CorrectionItem(
            rev.at,
            "withdrawn",
            label,
            shown(gone.entry),
            "",
            author(rev.author_role),
            pseudo(rev.reason),
        )


def corrections(
    flow: Flow,
    case: Case,
    lang: str,
    pseudo: Callable[[str], str],
    author: Callable[[str], str],
    hidden: Callable[[str], set[str]],
) -> tuple[CorrectionItem, ...]:
    """Every correction of the case, oldest first. `hidden(question id)`: the ledger fields
    this reader may not see (grounds for not telling the family)."""
    tr = Translator(lang)
    found = [*_notes(case, tr, pseudo, author), *_entries(flow, case, lang, pseudo, author, hidden)]
    return tuple(sorted(found, key=lambda c: c.at))
