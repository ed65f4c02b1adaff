"""The source rules of issue 10, written out from the sources (not from the flow files).

Each function states one rule as the cited source puts it; the tests compare the flows with
these. Quotes come from ../shared/sources/meldcode-sources.md (addresses there).
"""

from __future__ import annotations

from typing import Any

Q1, Q2, Q3, Q4, Q5 = (
    "afweging1_vermoeden",
    "afweging2_onveiligheid",
    "afweging3_hulp_mogelijk",
    "afweging4_hulp_aanvaard",
    "afweging5_hulp_effectief",
)


def disclosure_needs_motivation(answers: dict[str, Any]) -> set[str]:
    """A "no" at question 1 or 2 after a child's disclosure must be explained in the record.

    Kompas (MR): "de professional moet kunnen uitleggen waarom hij géén gebruikmaakt van zijn
    meldrecht als dit voor de hand ligt"; DESIGN.md: "a 'no' after a disclosure needs a
    motivation in the record".
    """
    if answers.get("onthulling") is not True:
        return set()
    if answers.get(Q1) is False:
        return {"afweging1_motivatie_onthulling"}
    if answers.get(Q1) is True and answers.get(Q2) is False:
        return {"afweging2_motivatie_onthulling"}
    return set()


def disclosure_records(answers: dict[str, Any]) -> set[str]:
    """After a disclosure: the child's own words, and the date and advice of the VT contact.

    Seed 002 (NJi): "In deze gevallen moet je direct contact opnemen met Veilig Thuis";
    DISC: "Stel open vragen ... ondervraag het kind niet voortdurend".
    """
    if answers.get("onthulling") is not True:
        return set()
    return {"onthulling_datum", "onthulling_woorden", "onthulling_vt_datum", "onthulling_vt_advies"}


def _day(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def early_closing(a: dict[str, Any]) -> set[str]:
    """What must be on record before a meldcode case may close (answers as on the path).

    - NJi, question 5: "Leidt de hulp binnen de gewenste termijn tot de noodzakelijke
      resultaten ...?" is answered at the term: help under way (4 = yes) keeps the case open until
      question 5 is answered, on or after the gewenste termijn.
    - NJi: "Nee: (opnieuw) melden": after a report for unsafety (2 = yes), 5 = no needs a new
      report, later than the first.
    - Wmo 2015 art. 4.1.1 lid 2 g ("het op de hoogte stellen van degene die een melding heeft
      gedaan, van de stappen die ... zijn ondernomen") and VT5 (a veiligheidsbeoordeling within
      five working days): a report stays open until the feedback and the own role are recorded.
    - The existing rule: a reason to report (2 = yes, 3 = no, 4 = no, 5 = no) needs the report.
    """
    out: set[str] = set()
    reason = a.get(Q2) is True or a.get("nieuwe_signalen") is True
    reason = reason or False in (a.get(Q3), a.get(Q4), a.get(Q5))
    report, again = _day(a.get("melding_datum")), _day(a.get("hermelding_datum"))
    if reason and report is None:
        out.add("melding_vastgelegd")
    if a.get(Q4) is True and Q5 not in a:
        out.add("vraag5_beantwoord")
    if a.get(Q5) is True:
        answered_on, term = _day(a.get("afweging5_datum")), _day(a.get("gewenste_termijn"))
        if answered_on is None or term is None or answered_on < term:
            out.add("vraag5_op_termijn")
    # A report was already due for unsafety (or, at school, for new signals: seed 003).
    reported_before = a.get(Q2) is True or a.get("nieuwe_signalen") is True
    unsafe_and_failed = reported_before and a.get(Q5) is False
    if unsafe_and_failed and (report is None or again is None or again <= report):
        out.add("hermelding_vastgelegd")
    if report is not None:
        if not (a.get("vt_terugkoppeling_datum") and a.get("vt_terugkoppeling_inhoud")):
            out.add("terugkoppeling_vastgelegd")
        if not a.get("eigen_rol_na_melding"):
            out.add("eigen_rol_vastgelegd")
    if again is not None and not a.get("hermelding_terugkoppeling_datum"):
        out.add("hermelding_terugkoppeling_vastgelegd")
    return out


def staff_route_closing(a: dict[str, Any]) -> set[str]:
    """WVO art. 3: what must be on record before a school's staff-route case may close.

    lid 3 "stelt het personeelslid het bevoegd gezag daarvan onverwijld in kennis"; lid 1 "treedt
    het bevoegd gezag onverwijld in overleg met de vertrouwensinspecteur"; lid 2 "doet het bevoegd
    gezag onverwijld aangifte ... en stelt ... de vertrouwensinspecteur daarvan onverwijld in
    kennis. Voordat het bevoegd gezag overgaat tot het doen van aangifte, stelt het de ouders ...,
    onderscheidenlijk de betreffende ... persoon, hiervan op de hoogte."
    """
    out: set[str] = set()
    if not a.get("mr_bevoegd_gezag_op"):
        out.add("bevoegd_gezag_geinformeerd")
    if a.get("mr_zedendelict") is True and not a.get("mr_vertrouwensinspecteur_datum"):
        out.add("vertrouwensinspecteur_geraadpleegd")
    if a.get("mr_redelijk_vermoeden") is True:
        if not a.get("mr_aangifte_datum"):
            out.add("aangifte_vastgelegd")
        if a.get("mr_betrokkenen_geinformeerd") is not True and not a.get("mr_betrokkenen_alsnog"):
            out.add("betrokkenen_voor_aangifte")
    if a.get("mr_aangifte_datum") and not a.get("mr_vi_aangifte_datum"):
        out.add("vertrouwensinspecteur_aangifte")
    return out


# The forms of violence where talking with the family can endanger the child: sexual abuse within
# the family (DISC: consult Veilig Thuis before any contact), honour-based violence, forced
# marriage and abandonment abroad (EGG: "Het is van groot belang niet direct de ouders te
# betrekken of te informeren vanwege het risico op escalatie en gezichtsverlies"), FGM (VGV) and
# human trafficking / loverboys (BES art. 2 lid 1 c, "bijzondere vormen van geweld").
FAMILY_DANGER = {
    "seksueel_gezin",
    "eergerelateerd",
    "huwelijksdwang",
    "achterlating",
    "vgv",
    "vgv_dreiging",
    "mensenhandel",
}


def family_talk_endangers(signals: list[str]) -> bool:
    return bool(FAMILY_DANGER & set(signals))


def fgm_officer(signals: list[str]) -> bool:
    """VGV: consult the aandachtsfunctionaris meisjesbesnijdenis of Veilig Thuis."""
    return "vgv" in signals


def fgm_threat(signals: list[str]) -> bool:
    """VGV: "Bij acute bedreiging ... dreigende besnijdenis ... Versnel de stappen"."""
    return "vgv_dreiging" in signals


def kindcheck_positive(a: dict[str, Any]) -> bool:
    """BES art. 1 f (cares for minors) and KC: "Ga bij deze groepen cliënten ook na of zij
    zwanger zijn. En bij adolescente cliënten ... of zij minderjarige broers of zussen hebben"."""
    keys = ("kindcheck_minderjarigen", "kindcheck_zwanger", "kindcheck_broers_zussen")
    return a.get("client_type") == "volwassene" and any(a.get(k) is True for k in keys)


def kindcheck_followed(a: dict[str, Any]) -> bool:
    """KC: "Bij een 'positieve kindcheck' volg je de stappen van de meldcode." With concern, the
    case closes only once the children's steps are accounted for (their own case, a recorded
    reason why not, or weighed in this case: a 'no suspicion' then explained for the children)."""
    if not (kindcheck_positive(a) and a.get("kindcheck_zorg") is True):
        return True
    how = a.get("kindcheck_stappen")
    if how == "aparte_casus":
        return bool(a.get("kindcheck_aparte_casus"))
    if how == "niet":
        return bool(a.get("kindcheck_reden_niet"))
    if how == "in_deze_casus":
        return a.get(Q1) is True or bool(a.get("afweging1_kinderen_motivatie"))
    return False


def injury_expert_offered(signals: list[str]) -> bool:
    """BES art. 2 lid 2 b: "zo nodig raadplegen van het AMHK of een deskundige op het gebied van
    letselduiding", offered whenever the signals include an injury."""
    return "letsel" in signals


# WMO 5.2.6 ("desgevraagd of uit eigen beweging ... zonder toestemming"), WVO3 lid 3 (a duty),
# aangifte, VIR: the grounds beside consent, meldrecht, conflict of duties and vital interest.
SHARING_GROUNDS = {
    "toestemming",
    "meldrecht",
    "conflict_van_plichten",
    "vitaal_belang",
    "verzoek_veilig_thuis",
    "wettelijke_plicht",
    "aangifte",
    "verwijsindex",
}


def leadership_suspect_closing(a: dict[str, Any]) -> bool:
    """A suspect who is the school leader or a board member: the inspector is consulted directly
    and another member of the board (or supervisory board) informed (sources §3.2: "A suspect who
    *is* the school leader or a board member needs a direct route to the vertrouwensinspecteur")."""
    if a.get("mr_verdachte_functie") not in ("schoolleider", "bestuurder"):
        return False
    return not (a.get("mr_vi_direct_datum") and a.get("mr_ander_bestuur"))


def pupils_route(a: dict[str, Any]) -> tuple[bool | None, bool | None, set[str]]:
    """Pupils among themselves (School en Veiligheid: "informeert u altijd de ouders van de
    leerlingen die betrokken zijn"; Vlaggensysteem: red and black are serious; KO: a route of its
    own): serious behaviour is consulted on with Veilig Thuis or the police (decision 1), help for
    the pupils always (decision 2); abuse at home leads into a meldcode case for that pupil."""
    level = a.get("ll_ernst")
    serious = level in ("rood", "zwart")
    blockers: set[str] = set()
    if serious and not a.get("ll_extern_overleg"):
        blockers.add("leerlingen_extern_overleg")
    if a.get("ll_zorg_thuis") is True and not a.get("ll_meldcode_casus"):
        blockers.add("leerlingen_meldcode_thuis")
    if level is None:
        return None, None, blockers
    return serious, True, blockers
