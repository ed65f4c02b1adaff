"""Read a flow file (TOML) into the model, collecting every problem with where and how to fix."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from meldcode_tui.flow import checks
from meldcode_tui.flow.conditions import Condition, ConditionSyntaxError, parse_condition
from meldcode_tui.flow.model import (
    FIELD_TYPES,
    LANGS,
    OUTCOME_STATUSES,
    QUESTION_TYPES,
    RETENTION_STARTS,
    ClosureRule,
    DeadlineRule,
    Flow,
    Meldnorm,
    Option,
    Outcome,
    Question,
    Retention,
    Skip,
    Source,
    Step,
    Text,
)
from meldcode_tui.flow.problems import Collector, FlowError
from meldcode_tui.i18n import t
from meldcode_tui.os_errors import os_problem

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")

FLOW_KEYS = {
    "id",
    "version",
    "title",
    "description",
    "sources",
    "roles",
    "steps",
    "outcomes",
    "meldnormen",
    "deadlines",
    "closure",
    "decisions",
    "retention",
}
DECISION_KEYS = ("melden", "hulp")
# Beside the two decisions, `path` names how the decision screen calls the way to the outcome
# (a school's staff route is not the afwegingskader).
LABEL_KEYS = (*DECISION_KEYS, "path")
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
OUTCOME_KEYS = {
    "id",
    "title",
    "text",
    "when",
    "melden",
    "hulp",
    "status",
    "meldnormen",
    "next_steps",
    "decisions",
}
DEADLINE_KEYS = {
    "id",
    "label",
    "date",
    "start",
    "hours",
    "when",
    "done_when",
    "overdue",
    "escalate",
    "done_at",
    "working_days",
}
CLOSURE_KEYS = {"id", "when", "message"}


class _Reader:
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


def _sources(r: _Reader, raw: object) -> tuple[Source, ...]:
    built: list[Source] = []
    for item in r.tables(raw, "sources"):
        r.unknown_keys(item, {"id", "title", "file", "url"}, "sources")
        sid = r.ident(item.get("id"), "sources.id")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            r.c.add("missing_field", field="sources.title")
            continue
        if sid:
            built.append(Source(sid, title, item.get("file"), item.get("url")))
    return tuple(built)


def _roles(r: _Reader, raw: object) -> dict[str, Text]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        r.c.add("needs_table", field="roles")
        return {}
    roles: dict[str, Text] = {}
    for role_id, label in raw.items():
        if not ID_PATTERN.match(role_id):
            r.c.add("bad_id", field="roles", value=repr(role_id))
            continue
        text = r.text(label, f"roles.{role_id}")
        if text:
            roles[role_id] = text
    return roles


def _fields(
    r: _Reader, raw: Mapping[str, Any], qtype: object, at: dict[str, Any]
) -> list[Question]:
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
        built = _question(r, item, at["step"], ledger_field=True)
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


def _question(
    r: _Reader, raw: Mapping[str, Any], step_id: str | None, *, ledger_field: bool = False
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


def _skip(r: _Reader, raw: object, step_id: str | None) -> Skip | None:
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


def _step(r: _Reader, raw: Mapping[str, Any]) -> Step | None:
    sid = r.ident(raw.get("id"), "steps.id")
    r.unknown_keys(raw, STEP_KEYS, "step", step=sid)
    title = r.text(raw.get("title"), "title", step=sid)
    guidance = r.text(raw.get("guidance"), "guidance", step=sid)
    questions = [
        q
        for q in (
            _question(r, item, sid)
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


def _decision(r: _Reader, raw: object, field: str, outcome: str | None) -> bool | None:
    if raw is None:
        return None
    if not isinstance(raw, bool):
        r.c.add("decision_needs_bool", field=field, outcome=outcome or "?")
        return None
    return raw


def _outcome(r: _Reader, raw: Mapping[str, Any]) -> Outcome | None:
    oid = r.ident(raw.get("id"), "outcomes.id")
    where = f"outcome {oid}"
    r.unknown_keys(raw, OUTCOME_KEYS, where)
    title = r.text(raw.get("title"), f"{where}.title")
    text = r.text(raw.get("text"), f"{where}.text")
    status = raw.get("status", "open")
    if status not in OUTCOME_STATUSES:
        r.c.add(
            "bad_status", outcome=oid or "?", value=repr(status), known=", ".join(OUTCOME_STATUSES)
        )
        status = "open"
    next_steps: list[Text] = []
    for i, item in enumerate(r.tables(raw.get("next_steps"), f"{where}.next_steps")):
        built = r.text(item, f"{where}.next_steps[{i}]")
        if built:
            next_steps.append(built)
    outcome = Outcome(
        id=oid or "",
        title=title or Text("", ""),
        text=text or Text("", ""),
        when=r.condition(raw.get("when"), f"{where}.when"),
        melden=_decision(r, raw.get("melden"), "melden", oid),
        hulp=_decision(r, raw.get("hulp"), "hulp", oid),
        status=status,
        meldnormen=r.id_list(raw.get("meldnormen"), f"{where}.meldnormen"),
        next_steps=tuple(next_steps),
        decision_labels=_decision_labels(r, raw.get("decisions")),
    )
    return outcome if oid and title and text else None


def _positive(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _deadline(r: _Reader, raw: Mapping[str, Any]) -> DeadlineRule | None:
    did = r.ident(raw.get("id"), "deadlines.id")
    where = f"deadline {did}"
    r.unknown_keys(raw, DEADLINE_KEYS, where)
    label = r.text(raw.get("label"), f"{where}.label")
    date, start, hours = raw.get("date"), raw.get("start"), raw.get("hours")
    workdays = raw.get("working_days")
    if workdays is not None:
        # `start` plus a whole, positive number of working days, and no hours beside it.
        if start is None or date is not None or hours is not None or not _positive(workdays):
            r.c.add("workdays.shape", deadline=did or "?")
            return None
    elif (date is None) == (start is None) or (start is not None and not isinstance(hours, int)):
        r.c.add("deadline_shape", deadline=did or "?")
        return None
    if isinstance(hours, int) and hours <= 0:
        r.c.add("deadline_shape", deadline=did or "?")
        return None
    refs: dict[str, str | None] = {}
    for key in ("escalate", "done_at"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            r.c.add("bad_id", field=f"{where}.{key}", value=repr(value))
            value = None
        refs[key] = value
    rule = DeadlineRule(
        id=did or "",
        label=label or Text("", ""),
        date=date if isinstance(date, str) else None,
        start=start if isinstance(start, str) else None,
        hours=hours if isinstance(hours, int) else None,
        when=r.condition(raw.get("when"), f"{where}.when"),
        done_when=r.condition(raw.get("done_when"), f"{where}.done_when"),
        overdue=r.text(raw.get("overdue"), f"{where}.overdue", required=False),
        escalate=refs["escalate"],
        done_at=refs["done_at"],
        working_days=workdays if _positive(workdays) else None,
    )
    return rule if did and label else None


def _closure(r: _Reader, raw: Mapping[str, Any]) -> ClosureRule | None:
    cid = r.ident(raw.get("id"), "closure.id")
    where = f"closure {cid}"
    r.unknown_keys(raw, CLOSURE_KEYS, where)
    message = r.text(raw.get("message"), f"{where}.message")
    if raw.get("when") is None:
        r.c.add("closure.needs_when", rule=cid or "?")
        return None
    when = r.condition(raw.get("when"), f"{where}.when")
    if cid is None or message is None or when is None:
        return None
    return ClosureRule(cid, when, message)


def _meldnormen(r: _Reader, raw: object) -> tuple[Meldnorm, ...]:
    built: list[Meldnorm] = []
    for item in r.tables(raw, "meldnormen"):
        r.unknown_keys(item, {"id", "nl", "en", "when"}, "meldnormen")
        mid = r.ident(item.get("id"), "meldnormen.id")
        text = r.text({k: v for k, v in item.items() if k in LANGS}, f"meldnormen.{mid}")
        when = r.condition(item.get("when"), f"meldnormen.{mid}.when")
        if mid and text:
            built.append(Meldnorm(mid, text, when))
    return tuple(built)


def _decision_labels(r: _Reader, raw: object) -> dict[str, Text]:
    """Optional `[decisions]`: this protocol's own names for the two decisions."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        r.c.add("needs_table", field="decisions")
        return {}
    r.unknown_keys(raw, set(LABEL_KEYS), "decisions")
    labels: dict[str, Text] = {}
    for key in LABEL_KEYS:
        text = r.text(raw.get(key), f"decisions.{key}", required=False)
        if text:
            labels[key] = text
    return labels


def _retention(r: _Reader, raw: object) -> Retention | None:
    """`[retention] years = 2, from = "pupil_left", sources = [...]` (flows/README.md)."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        r.c.add("needs_table", field="retention")
        return None
    r.unknown_keys(raw, {"years", "from", "sources"}, "retention")
    years = raw.get("years")
    start = raw.get("from")
    ok = True
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 100:
        r.c.add("retention.bad_years", value=repr(years))
        ok = False
    if start not in RETENTION_STARTS:
        r.c.add("retention.bad_from", value=repr(start), known=", ".join(RETENTION_STARTS))
        ok = False
    sources = r.id_list(raw.get("sources"), "retention.sources")
    if not ok:
        return None
    assert isinstance(years, int) and isinstance(start, str)
    return Retention(years, start, sources)


def parse_flow(raw: Mapping[str, Any], file: str, path: Path | None = None) -> Flow:
    """Build and check a flow from its parsed TOML; raise FlowError listing every problem."""
    c = Collector(file)
    r = _Reader(c)
    r.unknown_keys(raw, FLOW_KEYS, "flow")
    fid = r.ident(raw.get("id"), "id")
    version = raw.get("version")
    if not isinstance(version, str) or not version.strip():
        c.add("missing_field", field="version")
    title = r.text(raw.get("title"), "title")
    description = r.text(raw.get("description"), "description")
    steps_raw = r.tables(raw.get("steps"), "steps")
    if not steps_raw:
        c.add("no_steps")
    steps = [s for s in (_step(r, item) for item in steps_raw) if s]
    outcomes = [
        o for o in (_outcome(r, item) for item in r.tables(raw.get("outcomes"), "outcomes")) if o
    ]
    deadlines = [
        d for d in (_deadline(r, item) for item in r.tables(raw.get("deadlines"), "deadlines")) if d
    ]
    closure = [
        rule
        for rule in (_closure(r, item) for item in r.tables(raw.get("closure"), "closure"))
        if rule
    ]
    decision_labels = _decision_labels(r, raw.get("decisions"))
    flow = Flow(
        id=fid or "",
        version=version if isinstance(version, str) else "",
        title=title or Text("", ""),
        description=description or Text("", ""),
        sources=_sources(r, raw.get("sources")),
        roles=_roles(r, raw.get("roles")),
        steps=tuple(steps),
        outcomes=tuple(outcomes),
        meldnormen=_meldnormen(r, raw.get("meldnormen")),
        deadlines=tuple(deadlines),
        closure=tuple(closure),
        decision_labels=decision_labels,
        retention=_retention(r, raw.get("retention")),
        path=path,
    )
    if flow.retention is not None:
        known = {src.id for src in flow.sources}
        for src in flow.retention.sources:
            if src not in known:
                c.add("unknown_source", source=src)
    if not c.problems:
        checks.check_flow(flow, c)
    if c.problems:
        raise FlowError(c.problems)
    return flow


def load_flow(path: Path) -> Flow:
    """Load one flow file; raise FlowError (never another exception) when it is unusable."""
    c = Collector(str(path))
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        c.add("file_missing")
        raise FlowError(c.problems) from None
    except OSError as exc:
        c.add("file_unreadable", detail=os_problem(exc))
        raise FlowError(c.problems) from None
    except tomllib.TOMLDecodeError as exc:
        c.add("toml_syntax", detail=str(exc))
        raise FlowError(c.problems) from None
    except UnicodeDecodeError:
        c.add("not_utf8")
        raise FlowError(c.problems) from None
    except (RecursionError, ValueError):
        # Nesting beyond the recursion limit, or an integer beyond Python's digit limit.
        c.add("toml_syntax", detail=t("security.too_deep"))
        raise FlowError(c.problems) from None
    return parse_flow(raw, str(path), path)
