"""A sheet to read from when calling or reporting to Veilig Thuis, generated from the case.

Veilig Thuis asks, on the phone and in a report: who and where the child is, the facts and
signals with their dates, the child's own words, what was discussed with the family and how
they reacted, what help there is, whether the family knows of the report, and your own
concerns. The sheet answers in that order from the full summary: it stays with the
professional and is never meant for the pupil's record.
"""

from __future__ import annotations

import re
import textwrap

from meldcode_tui.dates import show_date
from meldcode_tui.i18n import Translator
from meldcode_tui.summary.document import action_meta
from meldcode_tui.summary.model import AnswerItem, Summary
from meldcode_tui.summary.paragraphs import _sentence, decision_paragraphs
from meldcode_tui.summary.text import TXT_WIDTH

# Quoted speech in any text: 'Papa was boos', "…", ‘…’, “…”, „…”.
QUOTE = re.compile(
    r"'([^'\n]{3,300})'|\"([^\"\n]{3,300})\"|[‘]([^’\n]{3,300})[’]|[“„]([^”\n]{3,300})[”]"
)

SECTIONS = ("who", "facts", "words", "family", "help", "knows", "concerns", "decisions")


def _answer(a: AnswerItem) -> str:
    when = f" ({show_date(a.answered_at, '-')})" if a.answered_at else ""
    text = f"{a.question.rstrip(':')} {_sentence(a.display.replace(chr(10), '; '))}"
    if a.motivation:
        text += " " + _sentence(a.motivation)
    return text + when


def _quotes(texts: list[str]) -> list[str]:
    found: dict[str, None] = {}
    for text in texts:
        for m in QUOTE.finditer(text):
            quote = next(g for g in m.groups() if g)
            found[f"'{quote.strip()}'"] = None
    return list(found)


def _sections(s: Summary, tr: Translator) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {key: [] for key in SECTIONS}
    out["who"].append(tr("vt.who_fill_in"))
    if s.title:
        out["who"].append(f"{tr('summary.case_title')}: {s.title}")
    out["who"].append(f"{tr('summary.case_ref')}: {s.case_ref}")
    texts: list[str] = []
    answers = [a for st in s.steps for a in (*st.answers, *(st.skip.details if st.skip else ()))]
    first = s.steps[0] if s.steps else None
    for st in s.steps:
        is_first = first is not None and st.id == first.id
        if is_first:
            # The child's words are quoted where the signals are recorded, not in (say) the
            # report of the talk with the parents, whose words are quoted there too.
            texts += [a.display for a in st.answers] + [n.text for n in st.facts]
            out["facts"] += [_answer(a) for a in st.answers if not a.interpretation]
        for n in (*st.facts, *st.sources):
            out["facts"].append(f"{_sentence(n.text)} ({n.author}, {show_date(n.created_at, '-')})")
        for n in st.interpretations:
            out["concerns"].append(
                f"{_sentence(n.text)} ({tr('vt.interpretation_of', role=n.author)}, "
                f"{show_date(n.created_at, '-')})"
            )
        if st.skip is not None:
            # The conversation step (the only one the meldcode lets you skip, with a reason).
            if st.skip.skipped:
                reason = st.skip.reason_label or "-"
                out["family"].append(f"{tr('summary.skipped_reason')}: {_sentence(reason)}")
                out["family"] += [_answer(a) for a in st.skip.details]
            else:
                out["family"] += [_answer(a) for a in st.answers if not a.family_ground]
    for n in s.general_notes:
        key = "concerns" if n.kind == "interpretatie" else "facts"
        out[key].append(f"{_sentence(n.text)} ({n.author}, {show_date(n.created_at, '-')})")
    for a in answers:
        if "onthulling" in a.question_id:
            out["words"].append(_answer(a))
        if "hulp" in a.question_id and not a.question_id.startswith("motivatie"):
            out["help"].append(_answer(a))
        if a.family_ground or a.type == "ledger":
            out["knows"].append(_answer(a))
        if a.interpretation:
            out["concerns"].append(
                f"{_answer(a)} {tr('preset.interpretation_of', role=a.answered_by or '-')}"
            )
    out["words"] += _quotes(texts)
    # What help there is: the agreed actions, who does them, by when (and when done).
    out["help"] += [f"{_sentence(act.text)} ({action_meta(act, tr)})" for act in s.actions]
    out["decisions"] = decision_paragraphs(s, tr)
    return out


def render_veilig_thuis(s: Summary) -> str:
    """Plain text, one heading per question Veilig Thuis asks, '-' when nothing is recorded."""
    tr = Translator(s.lang)
    lines = [
        tr("vt.title"),
        "=" * len(tr("vt.title")),
        "",
        *textwrap.wrap(tr("vt.intro"), TXT_WIDTH),
    ]
    for key, items in _sections(s, tr).items():
        heading = tr(f"vt.{key}")
        lines += ["", heading, "-" * min(TXT_WIDTH, len(heading))]
        for item in items or [tr("vt.nothing")]:
            lines += textwrap.wrap(
                item, TXT_WIDTH, initial_indent="- ", subsequent_indent="  ", break_on_hyphens=False
            ) or ["-"]
    lines += ["", *textwrap.wrap(tr("vt.phone"), TXT_WIDTH)]
    return "\n".join(line.rstrip() for line in lines) + "\n"
