"""Every seed-protocol flow: passes `flows check`, cites a seed per step, names who acts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from meldcode_tui.cli import app
from meldcode_tui.flow import get_flow
from meldcode_tui.i18n import set_language

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_FLOWS = {
    "api-integriteit": "seeds/000_201da47d54cbc49b.txt",
    "kindveiligheid": "seeds/001_04ad289aff2a8886.txt",
    "onderwijs": "seeds/003_b3fbe296bf3ef062.txt",
    "safeguarding": "seeds/004_5e31597913c59649.txt",
}


@pytest.mark.parametrize("flow_id", sorted(SEED_FLOWS))
def test_flow_passes_check(flow_id: str) -> None:
    path = get_flow(flow_id).path
    assert path is not None
    result = CliRunner().invoke(app, ["flows", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert f"({flow_id}," in result.output


@pytest.mark.parametrize("flow_id", sorted(SEED_FLOWS))
def test_every_step_cites_its_seed_and_names_roles(flow_id: str) -> None:
    flow = get_flow(flow_id)
    seed = SEED_FLOWS[flow_id]
    assert any(s.file == seed for s in flow.sources)
    # The seeds live beside the repository (../shared), as on a developer's machine and in CI;
    # a bare copy of the repository has only the citations to check.
    if SHARED.is_dir():
        for source in flow.sources:
            if source.file:
                assert (SHARED / source.file).is_file(), source.file
    for step in flow.steps:
        assert step.roles, step.id
        cited = [flow.source(s) for s in step.sources]
        assert any(s is not None and s.file for s in cited), step.id
        assert step.reminder is not None, step.id


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("flow_id", sorted(SEED_FLOWS))
def test_show_lists_sources_per_step(flow_id: str, lang: str) -> None:
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
            if source.file:
                assert f"({source.file})" in block
        for role in step.roles:
            assert flow.roles[role].get(lang) in block


@pytest.mark.parametrize("flow_id", sorted(SEED_FLOWS))
def test_dutch_and_english_texts_differ_where_they_should(flow_id: str) -> None:
    # A copied text (nl == en) usually means a translation was forgotten.
    flow = get_flow(flow_id)
    same = [q.id for q in flow.questions() if q.text.nl == q.text.en and len(q.text.nl) > 25] + [
        s.id for s in flow.steps if s.guidance.nl == s.guidance.en
    ]
    assert same == []
