"""Which names a case's summary replaces, and by what: initials, or a third party's label."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from meldcode_tui.i18n import Translator
from meldcode_tui.summary.names import full_names
from meldcode_tui.summary.pseudonym import Pseudonymiser, marked_names
from meldcode_tui.summary.visibility import Audience

if TYPE_CHECKING:
    from meldcode_tui.store.records import Case


def _strings(value: Any) -> Iterable[str]:
    """Every string inside an answer (ledger entries are lists of tables)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def pseudo_value(value: Any, pseudo: Pseudonymiser) -> Any:
    if isinstance(value, str):
        return pseudo(value)
    if isinstance(value, list):
        return [pseudo_value(v, pseudo) for v in value]
    if isinstance(value, dict):
        return {k: pseudo_value(v, pseudo) for k, v in value.items()}
    return value


def user_texts(case: Case) -> list[str]:
    texts = [case.summary.title]
    texts += [s for v in case.answers.values() for s in _strings(v)]
    texts += [n.text for n in case.notes]
    texts += [a.text for a in case.actions] + [a.owner for a in case.actions]
    return texts


def case_pseudonymiser(
    case: Case, enabled: bool, audience: Audience, tr: Translator
) -> Pseudonymiser:
    """Marked names and a full name in the title become initials.

    For a parent's inspection only the child's names (those in the title) stay as initials;
    everyone else's become "[naam derde]": third parties' identities are not the child's data.
    """
    title = case.summary.title
    child = marked_names([title]) + full_names(title)
    names = list(dict.fromkeys(marked_names(user_texts(case)) + full_names(title)))
    names.sort(key=lambda n: (-len(n), n))
    replacements: dict[str, str] = {}
    if audience == "inspection":
        replacements = {n: tr("record.third_party") for n in names if n not in child}
    return Pseudonymiser(
        names,
        enabled=enabled,
        email_text=tr("record.email_withheld"),
        replacements=replacements,
    )
