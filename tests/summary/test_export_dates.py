"""Every export shows dates as people write them (7-1-2026), through meldcode_tui.dates."""

from __future__ import annotations

import re

import pytest
from export_case import NOW, Opened
from test_summary_pdf import pdf_text

from meldcode_tui.summary.presets import PRESETS, export_bytes

# 03-03-2025, 3-03-2025, 2025-03-03: a padded day or month, or a date left as stored (ISO).
PADDED_OR_ISO = re.compile(r"\b(0\d-\d{1,2}-\d{4}|\d{1,2}-0\d-\d{4}|\d{4}-\d{2}-\d{2})\b")


def _text(opened: Opened, fmt: str, preset: str | None, layer: str, lang: str) -> str:
    data = export_bytes(
        opened.flow,
        opened.case,
        opened.evaluation,
        opened.audit,
        fmt=fmt,
        preset=preset,
        layer=layer,  # type: ignore[arg-type]
        lang=lang,
        now=NOW,
    )
    return pdf_text(data)[1] if fmt == "pdf" else data.decode("utf-8")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["txt", "md", "pdf"])
@pytest.mark.parametrize("layer", ["record", "full"])
def test_summary_dates_are_day_month_year_unpadded(
    opened: Opened, fmt: str, layer: str, lang: str
) -> None:
    text = _text(opened, fmt, None, layer, lang)
    assert PADDED_OR_ISO.findall(text) == []
    assert "4-3-2025" in text and "2-6-2025" in text
    # A moment keeps its time of day: "3-3-2025 10:10" (the fact note, in local time).
    assert re.search(r"\b3-3-2025 \d{2}:\d{2}\b", text)


@pytest.mark.parametrize("preset", [p for p in PRESETS if p != "personeelsdossier"])
def test_preset_dates_are_day_month_year_unpadded(opened: Opened, preset: str) -> None:
    text = _text(opened, "txt", preset, "record", "nl")
    assert PADDED_OR_ISO.findall(text) == []
    assert "4-3-2025" in text
