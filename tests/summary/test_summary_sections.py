"""Every section of the txt, md and json exports of the fixture case, in both layers."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from export_case import (
    ACTIONS,
    CHILD,
    COLLEAGUE,
    FACT,
    GENERAL,
    INTERPRETATION_HIDDEN,
    INTERPRETATION_MARKED,
    NOW,
    SOURCE,
    Opened,
)

from meldcode_tui.summary import (
    SCHEMA,
    SCHEMA_VERSION,
    TXT_WIDTH,
    Summary,
    build_summary,
    render_json,
    render_md,
    render_txt,
)


def summary(o: Opened, **kw: Any) -> Summary:
    # These tests read the layout with the names as typed; tests/summary/test_record_safety.py
    # covers the safe default (initials).
    kw.setdefault("pseudonymise", False)
    return build_summary(o.flow, o.case, o.evaluation, o.audit, now=NOW, **kw)


def squash(text: str) -> str:
    """Text with wrapping undone, so a fact can be searched for whole."""
    return re.sub(r"\s+", " ", text)


def test_txt_holds_every_section_of_the_record(opened: Opened) -> None:
    txt = render_txt(summary(opened))
    flat = squash(txt)
    # Header: reference, protocol and version, layer.
    assert f"Casusreferentie (pseudoniem): {opened.case.summary.id}" in flat
    assert (
        "Basismodel meldcode huiselijk geweld en kindermishandeling (basismodel, versie 2019.2)"
        in flat
    )
    assert "Minimaal en feitelijk, voor het leerlingdossier" in flat
    # Both decisions, with their motivation and whose it is.
    assert "Besluit 1: melden bij Veilig Thuis noodzakelijk: ja" in flat
    assert "Besluit 2: hulp bieden of organiseren (ook) mogelijk: ja" in flat
    assert "Motivering (leidinggevende): Acute onveiligheid na een onthulling" in flat
    assert "Uitkomst: Melden bij Veilig Thuis én hulp bieden of organiseren" in flat
    assert "altijd melden bij Veilig Thuis" in flat  # the meldnorm
    # Every step on the path, in order, with date and who is responsible.
    titles = [s.step.title.nl for s in opened.evaluation.steps]
    positions = [txt.index(title) for title in titles]
    assert positions == sorted(positions)
    # One role/date line per step, with the date things happened (issue 13), not per answer.
    assert "Datum; vastgelegd door: 3-3-2025; beroepskracht" in flat
    assert "Datum; vastgelegd door: 4-3-2025; beroepskracht, aandachtsfunctionaris" in flat
    assert "(beroepskracht, 3-3-2025)" not in flat
    # Signals and who was consulted.
    assert "Lichamelijk letsel zonder aannemelijke verklaring; Uitspraken van het kind" in flat
    assert f"{COLLEAGUE}, aandachtsfunctionaris" in flat
    assert "Wanneer heb je Veilig Thuis geraadpleegd? 4-3-2025" in flat
    # A ledger answer: one line per entry, every field by its label (the record), not by its
    # whole question (the full layer, below).
    assert (
        "Overzicht van gedeelde informatie 1. Met wie is informatie gedeeld: Veilig Thuis, "
        "adviseur; Welke informatie is gedeeld: Signalen en de uitspraak van Noëlle van den Berg; "
        "Wanneer: 4-3-2025; Op welke grond: Meldrecht (art. 5.2.6 Wmo 2015)" in flat
    )
    assert "Doel: ja; Proportionaliteit: ja; Subsidiariteit: ja" in flat
    # The hint to whoever answered is not part of the record.
    assert "Binnen welke termijn moet de hulp tot resultaat leiden? 2-6-2025" in flat
    # What Veilig Thuis said after the report is an answer of its own, not the report date's
    # motivation.
    assert "Wat gaat Veilig Thuis doen" in flat and "toelichting van" not in flat
    assert "Veilig Thuis doet een veiligheidsbeoordeling." in flat
    # What is still to do before the case may close is for the professional, not the record.
    assert "kan nog niet worden afgesloten" not in flat
    # Step 3 skipped, and the Veilig Thuis consultation that allows it; why (the grounds for
    # not telling the family) stays in the full layer.
    step3 = flat[flat.index("Stap 3: Gesprek") : flat.index("Stap 4: Weeg")]
    assert "Status: niet uitgevoerd (met reden)" in step3
    assert "De veiligheid van de betrokkene" not in step3
    assert "Wanneer heb je hierover overlegd met Veilig Thuis? 4-3-2025" in step3
    assert "het kind zou dan gevaar lopen" not in step3
    assert "Wanneer vond het gesprek plaats" not in step3
    # The afwegingskader: every question, its answer and the motivation with whose it is. NJi
    # places it in step 5, "op basis van de stappen 1 tot en met 4" (issue 10).
    step4 = flat[flat.index("Stap 5: Beslissen") :]
    for qid in (
        "afweging1_vermoeden",
        "afweging2_onveiligheid",
        "afweging3_hulp_mogelijk",
        "afweging4_hulp_aanvaard",
    ):
        question = opened.flow.question(qid)
        assert question is not None
        assert f"{question.text.nl} ja" in step4
    # The afwegingskader's explanations invite an opinion: only when ticked (see below).
    assert "Onthulling door het kind: acute onveiligheid." not in step4
    assert "2-6-2025" in step4
    # The desired term is a plan, not an event: the step's dates are the report and the
    # feedback.
    line = "Datum; vastgelegd door: 5-3-2025, 6-3-2025; aandachtsfunctionaris, leidinggevende"
    assert line in step4
    # Facts and interpretations apart, each with whose and when.
    assert "- feit, beroepskracht, 3-3-2025 10:10: " + FACT in flat
    assert "- interpretatie van beroepskracht, 3-3-2025 10:12: " + INTERPRETATION_MARKED in flat
    assert "- bron, aandachtsfunctionaris, 4-3-2025 09:10: " + SOURCE in flat
    assert GENERAL in flat
    # Agreed actions with owners and dates, in the order they are due.
    assert f"wie: {COLLEAGUE}, uiterlijk 5-3-2025: {ACTIONS[0][0]}" in flat
    assert f"wie: mentor, uiterlijk 12-3-2025: {ACTIONS[1][0]}" in flat
    assert flat.index(ACTIONS[0][0]) < flat.index(ACTIONS[1][0])
    # The monitoring date (once, as its deadline), and the audit trail's seal in an appendix
    # after the signature, with its event in words.
    assert "Vraag 5 opnieuw beantwoorden (monitoringsdatum): 2-6-2025" in flat
    mine = [e for e in opened.audit if e.case_id == opened.case.summary.id]
    head = opened.audit[-1]
    assert (
        f"{len(mine)} wijzigingen van deze casus in het logboek. Laatste schakel van de keten: "
        f"#{head.seq}, 5-3-2025 09:05, afspraak toegevoegd, hash {head.entry_hash}" in flat
    )
    assert "ONDERTEKENING" in txt and "Handtekening: ____" in txt
    assert txt.index("Handtekening: ____") < txt.index("BIJLAGE: CONTROLEGEGEVENS")
    full = squash(render_txt(summary(opened, layer="full")))
    assert "Verantwoordelijk volgens protocol: beroepskracht (bijv. mentor, docent)" in full
    assert "Met wie is informatie gedeeld (naam, functie, organisatie)? Veilig Thuis" in full
    assert "kan nog niet worden afgesloten" in full
    assert (
        f"Eerste: #{mine[0].seq}, 3-3-2025 09:55, casus aangemaakt, hash {mine[0].entry_hash}"
        in full
    )
    assert f"Laatste: #{mine[-1].seq}" in full and mine[-1].entry_hash in full


def test_txt_pastes_cleanly(opened: Opened) -> None:
    txt = render_txt(summary(opened, layer="full"))
    lines = txt.splitlines()
    assert max(len(line) for line in lines) <= TXT_WIDTH
    assert "\t" not in txt and "\r" not in txt
    assert not any(line != line.rstrip() for line in lines)
    for markup in ("**", "##", "[[", "]]", "<", "|"):
        assert markup not in txt
    # Words are wrapped, not cut: the user's note survives as a whole.
    assert INTERPRETATION_MARKED in squash(txt)


def test_record_layer_withholds_unmarked_interpretations(opened: Opened) -> None:
    record = squash(render_txt(summary(opened, layer="record")))
    full = squash(render_txt(summary(opened, layer="full")))
    assert INTERPRETATION_HIDDEN not in record
    assert INTERPRETATION_MARKED in record
    # One note and the four afwegingskader explanations nobody ticked.
    assert "Niet opgenomen: 5 interpretaties" in record
    assert INTERPRETATION_HIDDEN in full and INTERPRETATION_MARKED in full
    assert "Niet opgenomen" not in full
    assert "interpretatie van beroepskracht, 3-3-2025 10:11: " + INTERPRETATION_HIDDEN in full
    for render in (render_md, render_json):
        assert INTERPRETATION_HIDDEN not in render(summary(opened, layer="record"))
        assert INTERPRETATION_HIDDEN in render(summary(opened, layer="full"))


def test_md_has_headings_lists_and_the_same_facts(opened: Opened) -> None:
    md = render_md(summary(opened))
    assert md.startswith("# Samenvatting meldcode\n")
    for heading in (
        "## Besluiten",
        "## Stappen",
        "### Stap 3: Gesprek met de betrokkene(n)",
        "## Afspraken en acties",
        "## Bijlage: controlegegevens (audittrail)",
        "## Ondertekening",
    ):
        assert f"\n{heading}\n" in md
    assert "- **Besluit 1: melden bij Veilig Thuis noodzakelijk:** ja" in md
    full_md = render_md(summary(opened, layer="full"))
    assert "- **Niet uitgevoerd, reden:** De veiligheid van de betrokkene" in full_md
    assert "De veiligheid van de betrokkene" not in md
    assert "- Vraag 5 opnieuw beantwoorden (monitoringsdatum): 2-6-2025" in md
    assert "- Vraag 5 opnieuw beantwoorden (monitoringsdatum): 2-6-2025" in full_md
    assert "Monitoringsdatum:" not in full_md
    assert f"**{COLLEAGUE}, aandachtsfunctionaris**" in md
    assert f"*wie: {COLLEAGUE}, uiterlijk 5-3-2025:* {ACTIONS[0][0]}" in md
    assert opened.audit[-1].entry_hash in md
    assert INTERPRETATION_MARKED in md and FACT in md and SOURCE in md


def test_md_escapes_user_markup(opened: Opened) -> None:
    s = summary(opened)
    tricky = (
        s.steps[0]
        .facts[0]
        .__class__(
            id="x",
            kind="feit",
            text="# kop *vet* <b>html</b> [link](http://x)",
            author="mentor",
            created_at=NOW,
            step_id="signalen",
            for_record=False,
        )
    )
    first = s.steps[0].__class__(**{**s.steps[0].__dict__, "facts": (tricky,)})
    md = render_md(Summary(**{**s.__dict__, "steps": (first, *s.steps[1:])}))
    assert r"\# kop \*vet\* \<b\>html\</b\> \[link\](http://x)" in md


def test_json_is_versioned_and_holds_the_evaluate_decisions(opened: Opened) -> None:
    data = json.loads(render_json(summary(opened)))
    assert data["schema"] == SCHEMA == "meldcode-summary"
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert (
        data["decisions"]
        == opened.evaluation.to_json()["decisions"]
        == {"melden": True, "hulp": True}
    )
    assert data["decision_motivations"]["melden"]["by"] == "leidinggevende"
    assert data["outcome"]["id"] == "melden_en_hulp"
    assert data["protocol"] == {**data["protocol"], "id": "basismodel", "version": "2019.2"}
    assert data["case"]["ref"] == opened.case.summary.id
    steps = {s["id"]: s for s in data["steps"]}
    assert list(steps) == ["signalen", "consultatie", "gesprek", "afweging", "beslissen"]
    gesprek = steps["gesprek"]
    assert gesprek["status"] == "skipped"
    # The record layer keeps that step 3 was skipped after consulting Veilig Thuis, not why.
    assert gesprek["skip"]["skipped"] is True and gesprek["skip"]["reason"] is None
    assert [d["question_id"] for d in gesprek["skip"]["details"]] == ["gesprek_afzien_vt_datum"]
    full = json.loads(render_json(summary(opened, layer="full")))
    full_skip = {s["id"]: s for s in full["steps"]}["gesprek"]["skip"]
    assert full_skip["reason"] == "veiligheid"
    assert [d["question_id"] for d in full_skip["details"]] == [
        "gesprek_afzien_vt_datum",
        "gesprek_afzien_toelichting",
    ]
    assert gesprek["skip"]["details"][0]["value"] == "2025-03-04"
    afweging = {a["question_id"]: a for a in steps["beslissen"]["answers"]}
    assert afweging["afweging2_onveiligheid"]["value"] is True
    # An explanation that invites an opinion reaches the record only when ticked.
    assert afweging["afweging2_onveiligheid"]["motivation"] is None
    ticked = json.loads(render_json(summary(opened, interpretations={"afweging2_toelichting"})))
    ticked_afweging = {s["id"]: s for s in ticked["steps"]}["beslissen"]["answers"]
    assert {a["question_id"]: a for a in ticked_afweging}["afweging2_onveiligheid"][
        "motivation"
    ] == {
        "question_id": "afweging2_toelichting",
        "text": "Onthulling door het kind: acute onveiligheid.",
        "by": "aandachtsfunctionaris",
    }
    assert "afweging2_toelichting" not in afweging  # shown once, as the motivation
    assert steps["consultatie"]["persons"] == [f"{COLLEAGUE}, aandachtsfunctionaris"]
    assert steps["signalen"]["signals"] == [
        "Lichamelijk letsel zonder aannemelijke verklaring",
        "Uitspraken van het kind of de betrokkene",
    ]
    assert [n["text"] for n in steps["signalen"]["facts"]] == [FACT]
    assert [n["text"] for n in steps["signalen"]["interpretations"]] == [INTERPRETATION_MARKED]
    assert [n["text"] for n in steps["consultatie"]["sources"]] == [SOURCE]
    assert [(a["text"], a["owner"], a["due"]) for a in data["actions"]] == [
        (text, owner.strip("[]"), due.isoformat()) for text, owner, due in ACTIONS
    ]
    assert data["monitoring"]["date"] == "2025-06-02T23:59:59+00:00"
    assert data["monitoring"]["deadlines"][0]["id"] == "monitoring"
    mine = [e for e in opened.audit if e.case_id == opened.case.summary.id]
    assert data["audit"]["case_entries"] == len(mine)
    assert data["audit"]["first"]["hash"] == mine[0].entry_hash
    assert data["audit"]["last"] == {
        "seq": mine[-1].seq,
        "at": mine[-1].at.isoformat(),
        "event": mine[-1].event,
        "hash": mine[-1].entry_hash,
    }
    assert data["audit"]["chain_head"]["hash"] == opened.audit[-1].entry_hash


def test_english_summary(opened: Opened) -> None:
    txt = squash(render_txt(summary(opened, lang="en", layer="full")))
    assert "MELDCODE DECISION SUMMARY" in txt
    assert "Decision 1: reporting to Veilig Thuis necessary: yes" in txt
    assert "Step 3: Talk with the person(s) concerned" in txt
    assert "Not carried out, reason: The safety of the person concerned" in txt
    assert "Answer question 5 again (monitoring date): 2-6-2025" in txt


@pytest.mark.parametrize("render", [render_txt, render_md, render_json])
def test_pseudonymise_replaces_marked_names_by_initials(opened: Opened, render: Any) -> None:
    plain = render(summary(opened, layer="full"))
    pseudo = render(summary(opened, layer="full", pseudonymise=True))
    assert CHILD in plain and COLLEAGUE in plain and "[[" not in plain
    for name in (CHILD, COLLEAGUE, "Noëlle", "Chloé"):
        assert name not in pseudo
    assert "N.v.d.B." in pseudo and "C.B." in pseudo
    # The first name alone is covered too, and only names are touched.
    assert "N. lijkt angstig" in pseudo and "Mentor volgt N. wekelijks" in pseudo
    assert "A. Özdemir" in pseudo  # not marked, so left as typed
