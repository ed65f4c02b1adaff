"""Plain text (for a record system's logbook field) and Markdown renderings of the summary."""

from __future__ import annotations

import re

from meldcode_tui.summary.document import QA, Field, Heading, Item, Para, Signature, layout
from meldcode_tui.summary.model import Summary
from meldcode_tui.summary.wrap import wrap
from meldcode_tui.terminal_text import safe_export

# Magister, ParnasSys and Somtoday logbook fields take plain text; 80 columns is what every
# one of them (and e-mail) shows without re-wrapping, so the pasted text keeps its shape.
TXT_WIDTH = 80


def _wrap(text: str, first: str, rest: str, width: int = TXT_WIDTH) -> list[str]:
    """Wrap each line of a user text on its own, keeping the user's line breaks."""
    out: list[str] = []
    lines = text.splitlines() or [""]
    for i, line in enumerate(lines):
        # textwrap's lines, faster: long words broken, never at a hyphen (dates like
        # 03-03-2026 and double names), tabs and odd spaces (which would paste differently
        # in every record system) made spaces.
        wrapped = wrap(line, width, first if i == 0 else rest, rest)
        out.extend(wrapped or [(first if i == 0 else rest).rstrip()])
    return out


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _plain(text: str) -> str:
    # Control characters (other than newlines) would not paste cleanly. Most texts have
    # none: looking costs less than rewriting (this runs for every line of the export).
    return safe_export(_CONTROL.sub(" ", text) if _CONTROL.search(text) else text)


def render_txt(summary: Summary, width: int = TXT_WIDTH) -> str:
    """Plain UTF-8 text, no markup, every line at most `width` characters."""
    lines: list[str] = []
    previous: type | None = None
    for block in layout(summary):
        kind = type(block)
        if isinstance(block, Heading):
            text = _plain(block.text)
            if lines and lines[-1]:
                lines.append("")
            if lines and block.level < 3:
                lines.append("")
            if block.level == 1:
                body = _wrap(text.upper(), "", "", width)
                rule = "=" * min(width, max(len(x) for x in body))
                lines += [rule, *body, rule]
            else:
                body = _wrap(text.upper() if block.level == 2 else text, "", "", width)
                mark = "=" if block.level == 2 else "-"
                lines += [*body, mark * min(width, max(len(x) for x in body))]
            lines.append("")
        elif isinstance(block, Field):
            if previous not in (Field, Heading) and lines and lines[-1]:
                lines.append("")
            lines += _wrap(f"{block.label}: {_plain(block.value)}", "", "    ", width)
        elif isinstance(block, Para):
            if lines and lines[-1]:
                lines.append("")
            lines += _wrap(_plain(block.text), "", "", width)
            lines.append("")
        elif isinstance(block, Item):
            pad = "  " * block.depth
            if block.meta:
                # Who and when on a line of its own, so the text itself never breaks mid-word.
                lines += _wrap(_plain(block.meta) + ":", pad + "- ", pad + "  ", width)
                lines += _wrap(_plain(block.text), pad + "  ", pad + "  ", width)
            else:
                lines += _wrap(_plain(block.text), pad + "- ", pad + "  ", width)
        elif isinstance(block, QA):
            lines += _wrap(_plain(block.question), "- ", "  ", width)
            meta = f" ({block.meta})" if block.meta else ""
            lines += _wrap(_plain(block.answer) + meta, "    ", "    ", width)
        elif isinstance(block, Signature):
            for i, label in enumerate(block.labels):
                if i:
                    lines.append("")
                lines.append(f"{label}: " + "_" * max(10, min(50, width - len(label) - 2)))
        previous = kind
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
# A line starting with "-", "+" or "1." would become a list.
_MD_BULLET = re.compile(r"(?m)^(\s*)([-+])")
_MD_NUMBER = re.compile(r"(?m)^(\s*)(\d+)\.")


def _sub(pattern: re.Pattern[str], repl: str, text: str) -> str:
    # Searching first is cheaper than a substitution that finds nothing, the usual case.
    return pattern.sub(repl, text) if pattern.search(text) else text


def md_escape(text: str) -> str:
    """User text shown literally: no emphasis, links, HTML or headings sneak in."""
    escaped = _sub(_MD_SPECIAL, r"\\\1", _plain(text))
    return _sub(_MD_NUMBER, r"\1\2\\.", _sub(_MD_BULLET, r"\1\\\2", escaped))


def _md_lines(text: str, indent: str) -> str:
    # A hard line break (two spaces) keeps the user's line breaks inside one list item.
    return ("  \n" + indent).join(md_escape(line) for line in (text.splitlines() or [""]))


def render_md(summary: Summary) -> str:
    """CommonMark: headings, lists and bold labels; user text escaped."""
    out: list[str] = []
    previous: type | None = None

    def gap() -> None:
        if out and out[-1]:
            out.append("")

    for block in layout(summary):
        kind = type(block)
        if isinstance(block, Heading):
            gap()
            out += ["#" * block.level + " " + md_escape(block.text), ""]
        elif isinstance(block, Field):
            if previous not in (Field, Heading):
                gap()
            out.append(f"- **{md_escape(block.label)}:** {_md_lines(block.value, '  ')}")
        elif isinstance(block, Para):
            gap()
            out += [_md_lines(block.text, ""), ""]
        elif isinstance(block, Item):
            if previous not in (Item, QA):
                gap()
            pad = "  " * block.depth
            meta = f"*{md_escape(block.meta)}:* " if block.meta else ""
            out.append(f"{pad}- {meta}{_md_lines(block.text, pad + '  ')}")
        elif isinstance(block, QA):
            if previous not in (Item, QA):
                gap()
            meta = f" *({md_escape(block.meta)})*" if block.meta else ""
            out.append(f"- {md_escape(block.question)}  ")
            out.append(f"  **{_md_lines(block.answer, '  ')}**{meta}")
        elif isinstance(block, Signature):
            gap()
            for label in block.labels:
                out += [f"**{md_escape(label)}:** ______________________________", ""]
        previous = kind
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
