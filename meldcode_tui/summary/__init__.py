"""Decision summary: case -> summary model -> txt / md / pdf / json. No Textual, no SQLite."""

from __future__ import annotations

from typing import Literal

from meldcode_tui.summary.build import build_summary
from meldcode_tui.summary.jsonout import render_json, to_dict
from meldcode_tui.summary.model import LAYERS, SCHEMA, SCHEMA_VERSION, Layer, Summary
from meldcode_tui.summary.pseudonym import initials, marked_names
from meldcode_tui.summary.text import TXT_WIDTH, render_md, render_txt

Format = Literal["txt", "md", "pdf", "json"]
FORMATS: tuple[Format, ...] = ("txt", "md", "pdf", "json")

# What leaves the store by default: the minimal record layer, except for the PDF, which is
# meant for printing and handing over (docs/EXPORT.md).
DEFAULT_LAYER: dict[str, Layer] = {"txt": "record", "md": "record", "json": "record", "pdf": "full"}


def render(summary: Summary, fmt: Format) -> bytes:
    """The exported file's bytes in one format."""
    if fmt == "txt":
        return render_txt(summary).encode("utf-8")
    if fmt == "md":
        return render_md(summary).encode("utf-8")
    if fmt == "json":
        return render_json(summary).encode("utf-8")
    if fmt == "pdf":
        # fpdf2 loads slowly; only the PDF needs it.
        from meldcode_tui.summary.pdf import render_pdf

        return render_pdf(summary)
    raise ValueError("format must be one of txt, md, pdf, json")


__all__ = [
    "DEFAULT_LAYER",
    "FORMATS",
    "LAYERS",
    "SCHEMA",
    "SCHEMA_VERSION",
    "TXT_WIDTH",
    "Format",
    "Layer",
    "Summary",
    "build_summary",
    "initials",
    "marked_names",
    "render",
    "render_json",
    "render_md",
    "render_txt",
    "to_dict",
]
