"""A flow's `[[steps]]`: each step, its questions, a ledger question's fields, and its skip rule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from meldcode_tui.flow.model import (
    FIELD_TYPES,
    LANGS,
    QUESTION_TYPES,
    Option,
    Question,
    Skip,
    Step,
    Text,
)
from meldcode_tui.flow.reader import Reader

STEP_KEYS = {
    "id",
    "title",
    "guidance",
    "roles",
    "sources",
    "questions",
    "when",
    "skip",
    "veilig_thuis",
    "reminder",
    "staff_route",
}
# What the record layer of the summary may show of an answer (docs/EXPORT.md).
RECORD_KEYS = {"invites_opinion", "withhold_from_family"}
QUESTION_KEYS = {
    "id",
    "type",
    "text",
    "help",
    "required",
    "options",
    "when",
    "sources",
    "fields",
    "date_kind",
    *RECORD_KEYS,
}
# A ledger field is a question without sources or fields of its own; its `when` may read only
# earlier fields of the same entry (it makes the field required only when it holds).
FIELD_KEYS = {
    "id",
    "type",
    "text",
    "help",
    "required",
    "options",
    "when",
    "date_kind",
    *RECORD_KEYS,
}
DATE_KINDS = ("past", "future")


def _fields(r: Reader, raw: Mapping[str, Any], qtype: object, at: dict[str, Any]) -> list[Question]:
    """The typed fields of a ledger question's entries."""
    if qtype != "ledger":
        if raw.get("fields") is not None:
            r.c.add("ledger.fields_not_allowed", type=qtype, **at)
        return []
    fields: list[Question] = []
    for item in r.tables(raw.get("fields"), "fields", **at):
        fid = item.get("id")
        r.unknown_keys(item, FIELD_KEYS, f"field {fid}", **at)
        ftype = item.get("type")
        if ftype not in FIELD_TYPES:
            r.c.add(
                "ledger.bad_field_type",
                field=fid,
                value=repr(ftype),
                known=", ".join(FIELD_TYPES),
                **at,
            )
            continue
        built = read_question(r, item, at["step"], ledger_field=True)
        if built:
            fields.append(built)
    if not fields and raw.get("fields") is None:
        r.c.add("ledger.needs_fields", **at)
    seen: set[str] = set()
    for built in fields:
        if built.id in seen:
            r.c.add("ledger.duplicate_field", field=built.id, **at)
        for ref in built.when.references() if built.when else ():
            if ref.question not in seen:
                r.c.add("ledger.bad_field_when", field=built.id, ref=ref.question, **at)
        seen.add(built.id)
    return fields


def read_question(
    r: Reader, raw: Mapping[str, Any], step_id: str | None, *, ledger_field: bool = False
) -> Question | None:
    qid = r.ident(raw.get("id"), "fields.id" if ledger_field else "questions.id", step=step_id)
    at = {"step": step_id, "question": qid}
    r.unknown_keys(raw, FIELD_KEYS if ledger_field else QUESTION_KEYS, "question", **at)
    qtype = raw.get("type")
    if qtype not in QUESTION_TYPES:
        r.c.add("unknown_question_type", value=repr(qtype), known=", ".join(QUESTION_TYPES), **at)
    text = r.text(raw.get("text"), "text", step=step_id, question=qid)
    help_text = r.text(raw.get("help"), "help", required=False, step=step_id, question=qid)
    options: list[Option] = []
    for opt in r.tables(raw.get("options"), "options", **at):
        r.unknown_keys(opt, {"id", "nl", "en"}, "option", **at)
        oid = r.ident(opt.get("id"), "options.id", **at)
        label = r.text(
            {k: v for k, v in opt.items() if k in LANGS},
            f"options.{oid}",
            step=step_id,
            question=qid,
        )
        if oid and label:
            options.append(Option(oid, label))
    seen: set[str] = set()
    for opt_obj in options:
        if opt_obj.id in seen:
            r.c.add("duplicate_option", option=opt_obj.id, **at)
        seen.add(opt_obj.id)
    if qtype in ("choice", "multi") and not options and raw.get("options") is None:
        r.c.add("choice_needs_options", **at)
    if qtype not in ("choice", "multi") and raw.get("options") is not None:
        r.c.add("options_not_allowed", type=qtype, **at)
    required = r.flag(raw.get("required"), "required", True, **at)
    if qtype == "notice":
        if raw.get("required") is not None:
            r.c.add("notice.not_answerable", **at)
        required = False
    when = r.condition(raw.get("when"), "when", **at)
    sources = r.id_list(raw.get("sources"), "sources", **at)
    fields = [] if ledger_field else _fields(r, raw, qtype, at)
    date_kind = raw.get("date_kind")
    if date_kind is not None:
        if date_kind not in DATE_KINDS:
            r.c.add("date_kind.bad_value", value=repr(date_kind), **at)
            date_kind = None
        elif qtype not in ("date", "datetime"):
            r.c.add("date_kind.not_a_date", type=qtype, **at)
            date_kind = None
    if qid is None or text is None or qtype not in QUESTION_TYPES:
        return None
    return Question(
        qid,
        qtype,
        text,
        help_text,
        required,
        tuple(options),
        when,
        sources,
        tuple(fields),
        invites_opinion=r.flag(raw.get("invites_opinion"), "invites_opinion", False, **at),
        withhold_from_family=r.flag(
            raw.get("withhold_from_family"), "withhold_from_family", False, **at
        ),
        date_kind=date_kind,
    )


def _skip(r: Reader, raw: object, step_id: str | None) -> Skip | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        r.c.add("needs_table", field="skip", step=step_id)
        return None
    r.unknown_keys(raw, {"question", "reason", "requires"}, "skip", step=step_id)
    question = raw.get("question")
    reason = raw.get("reason")
    if not isinstance(question, str) or not isinstance(reason, str):
        r.c.add("skip_incomplete", step=step_id)
        return None
    return Skip(question, reason, r.id_list(raw.get("requires"), "skip.requires", step=step_id))


def read_step(r: Reader, raw: Mapping[str, Any]) -> Step | None:
    sid = r.ident(raw.get("id"), "steps.id")
    r.unknown_keys(raw, STEP_KEYS, "step", step=sid)
    title = r.text(raw.get("title"), "title", step=sid)
    guidance = r.text(raw.get("guidance"), "guidance", step=sid)
    questions = [
        q
        for q in (
            read_question(r, item, sid)
            for item in r.tables(raw.get("questions"), "questions", step=sid)
        )
        if q
    ]
    step = Step(
        id=sid or "",
        title=title or Text("", ""),
        guidance=guidance or Text("", ""),
        roles=r.id_list(raw.get("roles"), "roles", step=sid),
        sources=r.id_list(raw.get("sources"), "sources", step=sid),
        questions=tuple(questions),
        when=r.condition(raw.get("when"), "when", step=sid),
        skip=_skip(r, raw.get("skip"), sid),
        veilig_thuis=r.flag(raw.get("veilig_thuis"), "veilig_thuis", False, step=sid),
        reminder=r.text(raw.get("reminder"), "reminder", required=False, step=sid),
        staff_route=r.flag(raw.get("staff_route"), "staff_route", False, step=sid),
    )
    return step if sid and title and guidance else None
