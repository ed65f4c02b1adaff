"""Plain-text renderings of conditions and flows, for `meldcode flows show` and the wizard."""

from __future__ import annotations

import json
from typing import Any

from meldcode_tui.flow.conditions import All, AnyOf, Compare, Condition, Not
from meldcode_tui.flow.engine import Evaluation
from meldcode_tui.flow.model import Flow
from meldcode_tui.i18n import Translator, plural, t


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    return json.dumps(value, ensure_ascii=False)


def describe_condition(cond: Condition) -> str:
    """A condition as a short readable phrase, e.g. `afweging1_vermoeden = ja`."""
    if isinstance(cond, Compare):
        if cond.op == "answered":
            key = "cond.answered" if cond.value else "cond.not_answered"
            return t(key, q=cond.question)
        if cond.op == "in":
            return t("cond.in", q=cond.question, values=", ".join(_value(v) for v in cond.value))
        if cond.op == "contains":
            return t("cond.contains", q=cond.question, value=_value(cond.value))
        if cond.op in ("after", "not_before"):
            return t(f"cond.dates.{cond.op}", q=cond.question, other=cond.value)
        return t("cond.equals", q=cond.question, value=_value(cond.value))
    if isinstance(cond, All):
        return "(" + t("cond.and").join(describe_condition(p) for p in cond.parts) + ")"
    if isinstance(cond, AnyOf):
        return "(" + t("cond.or").join(describe_condition(p) for p in cond.parts) + ")"
    if isinstance(cond, Not):
        return t("cond.not", part=describe_condition(cond.part))
    raise TypeError(type(cond).__name__)


def _decision(value: bool | None) -> str:
    return t("decision.undecided") if value is None else _value(value)


def outline(flow: Flow, lang: str) -> list[str]:
    """The flow as an indented outline: steps, who, sources, questions, branches, outcomes."""
    lines = [f"{flow.title.get(lang)}  [{flow.id} {flow.version}]", flow.description.get(lang), ""]
    for number, step in enumerate(flow.steps, start=1):
        lines.append(f"{number}. {step.title.get(lang)}  [{step.id}]")
        if step.when:
            lines.append("   " + t("outline.only_when", cond=describe_condition(step.when)))
        if step.roles:
            roles = ", ".join(flow.roles[r].get(lang) for r in step.roles)
            lines.append("   " + t("outline.roles", roles=roles))
        for src in step.sources:
            source = flow.source(src)
            if source:
                cite = f" ({source.file})" if source.file else ""
                lines.append("   " + t("outline.source", title=source.title) + cite)
        if step.veilig_thuis:
            lines.append("   " + t("outline.veilig_thuis"))
        if step.skip:
            lines.append(
                "   "
                + t(
                    "outline.skip",
                    question=step.skip.question,
                    reason=step.skip.reason,
                    requires=", ".join(step.skip.requires) or "-",
                )
            )
        for q in step.questions:
            flag = "" if q.required or q.is_notice else " " + t("outline.optional")
            lines.append(f"   - {q.id} ({q.type}){flag}: {q.text.get(lang)}")
            if q.when:
                lines.append("       " + t("outline.only_when", cond=describe_condition(q.when)))
            for opt in q.options:
                lines.append(f"       * {opt.id}: {opt.label.get(lang)}")
            if q.fields:
                lines.append("       " + t("ledger.outline_entry"))
            for fld in q.fields:
                flag = "" if fld.required else " " + t("outline.optional")
                lines.append(f"       + {fld.id} ({fld.type}){flag}: {fld.text.get(lang)}")
                for opt in fld.options:
                    lines.append(f"           * {opt.id}: {opt.label.get(lang)}")
        lines.append("")
    if flow.outcomes:
        lines.append(t("outline.outcomes"))
        for outcome in flow.outcomes:
            lines.append(f"   - {outcome.id}: {outcome.title.get(lang)}")
            cond = describe_condition(outcome.when) if outcome.when else t("outline.otherwise")
            lines.append("       " + t("outline.when", cond=cond))
            lines.append(
                "       "
                + t(
                    "outline.decisions",
                    melden=_decision(outcome.melden),
                    hulp=_decision(outcome.hulp),
                    status=outcome.status,
                )
            )
            for norm in outcome.meldnormen:
                found = flow.meldnorm(norm)
                if found:
                    lines.append("       " + t("outline.meldnorm", text=found.text.get(lang)))
        for norm_obj in flow.meldnormen:
            if norm_obj.when is not None:
                lines.append("   * " + t("outline.meldnorm", text=norm_obj.text.get(lang)))
                cond = describe_condition(norm_obj.when)
                lines.append("       " + t("outline.only_when", cond=cond))
        lines.append("")
    if flow.deadlines:
        lines.append(t("outline.deadlines"))
        for rule in flow.deadlines:
            if rule.date:
                timing = t("outline.deadline_date", q=rule.date)
            elif rule.working_days:
                timing = plural("plural.workdays_after", rule.working_days, q=rule.start)
            else:
                timing = plural("plural.deadline_hours", rule.hours or 0, q=rule.start)
            lines.append(f"   - {rule.id}: {rule.label.get(lang)} ({timing})")
            if rule.escalate:
                lines.append("       " + t("due.outline_escalate", q=rule.escalate))
        lines.append("")
    if flow.closure:
        lines.append(t("closure.outline_title"))
        for closure in flow.closure:
            lines.append(f"   - {closure.id}: {closure.message.get(lang)}")
            lines.append("       " + t("outline.when", cond=describe_condition(closure.when)))
    return lines


def undecided_text(evaluation: Evaluation, lang: str) -> str:
    """Which decisions the outcome leaves open, in `lang` and in the flow's own words where it
    names them (a summary may be written in another language than the screen)."""
    tr = Translator(lang)
    names = [
        evaluation.decision_label(key, lang) or tr(f"closure.undecided.{key}")
        for key in evaluation.undecided
    ]
    outcome = evaluation.outcome
    return tr(
        "closure.undecided.reason",
        decisions=tr("closure.undecided.and").join(names),
        outcome=outcome.title.get(lang) if outcome else tr("closure.undecided.no_outcome"),
    )
