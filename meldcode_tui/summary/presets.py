"""Texts a school pastes into Magister, ParnasSys or Somtoday, and the Veilig Thuis call sheet.

None of the three record systems lets another program write a note: a school pastes text into
a logbook or notes form. Each preset is that text: the form's fields in the order the form
shows them, then one short paragraph per step taken, the two decisions with their motivation
and the agreements, in plain text with dates as 7-1-2026. Built from a record-layer summary,
so it holds exactly what a parent may read (docs/EXPORT.md, "Presets").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from meldcode_tui.dates import show_date
from meldcode_tui.i18n import Translator
from meldcode_tui.summary.document import action_meta, deadline_lines
from meldcode_tui.summary.fmt import short_label
from meldcode_tui.summary.model import AnswerItem, ChronologyItem, Layer, StepItem, Summary
from meldcode_tui.summary.paragraphs import _sentence, decision_paragraphs
from meldcode_tui.summary.text import TXT_WIDTH
from meldcode_tui.summary.visibility import Audience
from meldcode_tui.summary.wrap import wrap

if TYPE_CHECKING:
    from meldcode_tui.flow.engine import Evaluation
    from meldcode_tui.flow.model import Flow
    from meldcode_tui.store.records import AuditEntry, Case

RECORD_SYSTEMS = ("magister", "parnassys", "somtoday")
# Every value of `meldcode export --for` (and the F9 choice), in the order they are offered.
PRESETS = (*RECORD_SYSTEMS, "veilig-thuis", "inzage", "personeelsdossier")


@dataclass(frozen=True)
class System:
    """One record system's note form: its name and the fields a user fills, in form order."""

    name: str
    fields: tuple[str, ...]


# The note forms as schools use them: Magister's logbook (leerlingdossier > logboek),
# ParnasSys' notes (leerling > notities, which the school may open in the parent portal) and
# Somtoday's notes (leerlingbegeleiding > notities). A school renames categories: the
# category is a suggestion.
SYSTEMS = {
    "magister": System("Magister", ("date", "category", "subject", "body")),
    "parnassys": System("ParnasSys", ("date", "category", "title", "body", "visible")),
    "somtoday": System("Somtoday", ("date", "title", "category", "body", "visible")),
}

# Answers that carry the step's facts in a short note; yes/no and choices are in the decisions.
_SHORT_TYPES = frozenset({"text", "person", "date", "datetime", "multi", "ledger"})


def _wrap(text: str, width: int = TXT_WIDTH) -> list[str]:
    return wrap(text, width) or [""]


def _answer_line(a: AnswerItem, tr: Translator) -> str:
    if a.type == "ledger" and isinstance(a.value, list):
        # Who got which information is in the full layer; the record says it was kept.
        return tr.plural("plural.preset_ledger", len(a.value), question=short_label(a.question))
    value = a.display.replace("\n", "; ")
    if a.interpretation:
        value += " " + tr("preset.interpretation_of", role=a.answered_by or "-")
    line = f"{a.question.rstrip(':')} {_sentence(value)}"
    if a.motivation:
        line += " " + _sentence(a.motivation)
        if a.motivation_interpretation:
            who = a.motivation_by or a.answered_by or "-"
            line += " " + tr("preset.interpretation_of", role=who)
    return line


def step_paragraph(st: StepItem, tr: Translator) -> str:
    """One paragraph: date, step, who, then what was recorded, shortest form first."""
    head = show_date(st.first_at, "-")
    if st.last_at and show_date(st.last_at, "-") != head:
        head += f" t/m {show_date(st.last_at, '-')}"
    roles = ", ".join(st.recorded_by) or ", ".join(st.responsible)
    parts = [f"{head} - {st.title}" + (f" ({roles})." if roles else ".")]
    if st.status == "current":
        parts.append(tr("preset.step_current"))
    if st.skip is not None and st.skip.skipped:
        parts.append(tr("preset.step_skipped"))
        parts += [_answer_line(a, tr) for a in st.skip.details]
    # A yes/no is in the decisions, unless it carries a motivation the user ticked.
    parts += [_answer_line(a, tr) for a in st.answers if a.type in _SHORT_TYPES or a.motivation]
    for n in st.facts:
        parts.append(_sentence(n.text))
    for n in st.interpretations:
        parts.append(_sentence(n.text) + " " + tr("preset.interpretation_of", role=n.author))
    for n in st.sources:
        parts.append(_sentence(n.text))
    return " ".join(p for p in parts if p)


def agreement_paragraphs(s: Summary, tr: Translator) -> list[str]:
    out = []
    for a in s.actions:
        out.append(f"{tr('preset.agreement')}: {_sentence(a.text)} ({action_meta(a, tr)})")
    out += [_sentence(line) for line, _ in deadline_lines(s, tr)]
    return out


def _body(s: Summary, tr: Translator) -> list[str]:
    paragraphs = [tr("preset.intro", protocol=s.flow_title, version=s.flow_version)]
    if s.staff_route:
        paragraphs.append(tr("record.staff_case_note"))
    paragraphs += [step_paragraph(st, tr) for st in s.steps if st.status != "pending"]
    paragraphs += decision_paragraphs(s, tr)
    paragraphs += agreement_paragraphs(s, tr)
    if s.withheld_interpretations:
        paragraphs.append(tr.plural("plural.summary_withheld", s.withheld_interpretations))
    return paragraphs


def render_record_preset(
    s: Summary, system: str, *, organisation: str | None = None, author: str | None = None
) -> str:
    """The text to paste into one record system's note form, fields in the form's order."""
    tr = Translator(s.lang)
    spec = SYSTEMS[system]
    first_at = min((st.first_at for st in s.steps if st.first_at), default=s.created_at)
    values = {
        "date": show_date(first_at, "-"),
        "category": tr("preset.category"),
        "subject": tr("preset.subject", ref=s.case_ref),
        "title": tr("preset.subject", ref=s.case_ref),
        "visible": tr("preset.visible"),
    }
    lines = [tr("preset.header", system=spec.name), ""]
    for key in spec.fields:
        label = tr(f"preset.field_{key}")
        if key == "body":
            lines.append(f"{label}:")
            for paragraph in _body(s, tr):
                lines += _wrap(paragraph)
                lines.append("")
            signed = ", ".join(x for x in (author, organisation) if x)
            if signed:
                lines += _wrap(tr("preset.signed", who=signed, date=show_date(s.generated_at, "-")))
                lines.append("")
        else:
            lines += _wrap(f"{label}: {values[key]}")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n"


def preset_options(preset: str) -> tuple[Layer, Audience]:
    """The layer and reader a preset's summary is built for."""
    if preset in RECORD_SYSTEMS:
        return "record", "pupil"
    if preset == "veilig-thuis":
        # Veilig Thuis needs everything, including why the family was not told.
        return "full", "pupil"
    if preset == "inzage":
        return "full", "inspection"
    if preset == "personeelsdossier":
        return "record", "staff"
    raise ValueError("unknown preset")


def preset_is_text_only(preset: str) -> bool:
    """The record-system texts and the call sheet are plain text; the others take any format."""
    return preset in RECORD_SYSTEMS or preset == "veilig-thuis"


def render_preset(
    s: Summary,
    preset: str,
    fmt: str = "txt",
    *,
    organisation: str | None = None,
    author: str | None = None,
) -> bytes:
    """The bytes of one preset's export (a summary built with `preset_options(preset)`)."""
    if preset in RECORD_SYSTEMS:
        text = render_record_preset(s, preset, organisation=organisation, author=author)
        return text.encode("utf-8")
    if preset == "veilig-thuis":
        from meldcode_tui.summary.veilig_thuis import render_veilig_thuis

        return render_veilig_thuis(s).encode("utf-8")
    from meldcode_tui.summary import render

    return render(s, fmt)  # type: ignore[arg-type]


def export_bytes(
    flow: Flow,
    case: Case,
    evaluation: Evaluation,
    audit: Sequence[AuditEntry],
    *,
    fmt: str,
    preset: str | None,
    layer: Layer,
    pseudonymise: bool = True,
    interpretations: Collection[str] = (),
    lang: str = "nl",
    now: datetime | None = None,
    organisation: str | None = None,
    author: str | None = None,
    chronology: Sequence[ChronologyItem] = (),
) -> bytes:
    """The exported file's bytes, for the command line and the F9 dialog alike.

    `chronology` (casework/chronology.py) is printed in the full layer only."""
    from meldcode_tui.summary import build_summary, render

    audience: Audience = "pupil"
    if preset is not None:
        layer, audience = preset_options(preset)
    summary = build_summary(
        flow,
        case,
        evaluation,
        audit,
        lang=lang,
        layer=layer,
        pseudonymise=pseudonymise,
        now=now,
        interpretations=interpretations,
        audience=audience,
        organisation=organisation,
        author=author,
        chronology=chronology,
    )
    if preset is None:
        return render(summary, fmt)  # type: ignore[arg-type]
    return render_preset(summary, preset, fmt, organisation=organisation, author=author)
