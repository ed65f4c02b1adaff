"""Sentences and decision paragraphs shared by the presets and the Veilig Thuis call sheet.

Their own module, so that presets.py (which dispatches to the call sheet) and veilig_thuis.py
do not import each other.
"""

from __future__ import annotations

from meldcode_tui.i18n import Translator
from meldcode_tui.summary.fmt import yes_no
from meldcode_tui.summary.model import Summary


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    # "zei: 'Papa was boos.'" already ends a sentence inside its quote.
    end = text.rstrip("'\"’”)")
    return text if not text or (end and end[-1] in ".!?") else text + "."


def decision_paragraphs(s: Summary, tr: Translator) -> list[str]:
    out = []
    for d in s.decision_items:
        label = d.label or tr(f"summary.decision_{d.key}")
        text = f"{label}: {yes_no(d.value, tr)}."
        if d.motivation:
            who = f" ({d.motivation_by})" if d.motivation_by else ""
            text += f" {tr('summary.motivation')}{who}: {_sentence(d.motivation)}"
        out.append(text)
    if s.outcome_title:
        out.append(f"{tr('summary.outcome')}: {_sentence(s.outcome_title)}")
    return out
