"""The sector flows without a seed (childcare, primary school): checked, cited, bilingual."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from meldcode_tui.cli import app
from meldcode_tui.flow import get_flow
from meldcode_tui.i18n import set_language

SECTOR_FLOWS = ["kinderopvang", "primair-onderwijs"]


@pytest.mark.parametrize("flow_id", SECTOR_FLOWS)
def test_flow_passes_check(flow_id: str) -> None:
    path = get_flow(flow_id).path
    assert path is not None
    result = CliRunner().invoke(app, ["flows", "check", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("flow_id", SECTOR_FLOWS)
def test_every_step_cites_a_public_source_and_names_who_acts(flow_id: str) -> None:
    flow = get_flow(flow_id)
    for step in flow.steps:
        assert step.roles and step.reminder is not None, step.id
        cited = [flow.source(s) for s in step.sources]
        assert cited and all(s is not None and (s.url or s.file) for s in cited), step.id
    used = {s for step in flow.steps for s in step.sources} | {
        s for q in flow.questions() for s in q.sources
    }
    used |= set(flow.retention.sources) if flow.retention else set()
    assert used == {s.id for s in flow.sources}, "a source nobody cites, or cited but missing"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("flow_id", SECTOR_FLOWS)
def test_show_lists_sources_and_roles_per_step(flow_id: str, lang: str) -> None:
    flow = get_flow(flow_id)
    set_language(lang)
    result = CliRunner().invoke(app, ["--lang", lang, "flows", "show", flow_id])
    assert result.exit_code == 0, result.output
    blocks = result.output.split("\n\n")
    for number, step in enumerate(flow.steps, start=1):
        block = next(b for b in blocks if b.startswith(f"{number}. {step.title.get(lang)}"))
        for source_id in step.sources:
            source = flow.source(source_id)
            assert source is not None and source.title in block
        for role in step.roles:
            assert flow.roles[role].get(lang) in block


@pytest.mark.parametrize("flow_id", SECTOR_FLOWS)
def test_dutch_and_english_texts_differ_where_they_should(flow_id: str) -> None:
    flow = get_flow(flow_id)
    same = [q.id for q in flow.questions() if q.text.nl == q.text.en and len(q.text.nl) > 25]
    same += [s.id for s in flow.steps if s.guidance.nl == s.guidance.en]
    same += [o.id for o in flow.outcomes if o.text.nl == o.text.en]
    assert same == []
