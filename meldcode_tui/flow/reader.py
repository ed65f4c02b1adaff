"""The flow reader's primitives: walk raw TOML values, record each problem instead of raising.

Every parser of a flow table (`flow/parse_steps.py`, `flow/parse_outcomes.py`, `flow/loader.py`)
reads through one `Reader`, so a missing language, a bad id or a wrong type is reported the same
way wherever it occurs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from meldcode_tui.flow.conditions import Condition, ConditionSyntaxError, parse_condition
from meldcode_tui.flow.model import LANGS, Text
from meldcode_tui.flow.problems import Collector
from meldcode_tui.i18n import t

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")


class Reader:
    """Walks the raw TOML; each method records problems instead of raising."""

    def __init__(self, collector: Collector) -> None:
        self.c = collector

    def unknown_keys(
        self, raw: Mapping[str, Any], allowed: set[str], where: str, **at: str | None
    ) -> None:
        for key in sorted(set(raw) - allowed):
            self.c.add(
                "unknown_field", field=key, where=where, known=", ".join(sorted(allowed)), **at
            )

    def text(
        self,
        raw: object,
        field: str,
        *,
        required: bool = True,
        step: str | None = None,
        question: str | None = None,
    ) -> Text | None:
        at = {"step": step, "question": question}
        if raw is None:
            if required:
                self.c.add("missing_field", field=field, **at)
            return None
        if not isinstance(raw, Mapping):  # a bare string too: every text needs nl and en
            self.c.add("text_needs_languages", field=field, **at)
            return None
        values: dict[str, str] = {}
        for lang in LANGS:
            value = raw.get(lang)
            if not isinstance(value, str) or not value.strip():
                self.c.add("missing_language", field=field, lang=lang, **at)
            else:
                values[lang] = value.strip()
        for key in sorted(set(raw) - set(LANGS)):
            self.c.add("unknown_language", field=field, lang=key, **at)
        if len(values) != len(LANGS):
            return None
        return Text(values["nl"], values["en"])

    def ident(self, raw: object, field: str, **at: str | None) -> str | None:
        if raw is None:
            self.c.add("missing_field", field=field, **at)
            return None
        if not isinstance(raw, str) or not ID_PATTERN.match(raw):
            self.c.add("bad_id", field=field, value=repr(raw), **at)
            return None
        return raw

    def id_list(self, raw: object, field: str, **at: str | None) -> tuple[str, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            self.c.add("needs_id_list", field=field, **at)
            return ()
        return tuple(raw)

    def flag(self, raw: object, field: str, default: bool, **at: str | None) -> bool:
        if raw is None:
            return default
        if not isinstance(raw, bool):
            self.c.add("needs_bool", field=field, **at)
            return default
        return raw

    def condition(self, raw: object, field: str, **at: str | None) -> Condition | None:
        if raw is None:
            return None
        try:
            return parse_condition(raw)
        except ConditionSyntaxError as exc:
            detail = t(f"flowcheck.condition.{exc.code}", **exc.values)
            self.c.add("bad_condition", field=field, detail=detail, **at)
            return None

    def tables(self, raw: object, field: str, **at: str | None) -> list[Mapping[str, Any]]:
        if raw is None:
            return []
        if not isinstance(raw, list) or not all(isinstance(x, Mapping) for x in raw):
            self.c.add("needs_table_list", field=field, **at)
            return []
        return list(raw)
