"""A basismodel case whose closing rules hold (no suspicion), fictitious; shared by tests."""

from __future__ import annotations

Q1 = "afweging1_vermoeden"
# Everything up to the weighing, fictitious; with "no suspicion" the basismodel may close.
BASE: dict[str, object] = {
    "client_type": "kind",
    "signalen": ["letsel", "gedrag"],
    "signalen_feiten": "Blauwe plek op de arm gezien op maandag (fictief).",
    "onthulling": False,
    "tegensignalen": False,
    "consultatie_met": "A. Jansen, aandachtsfunctionaris",
    "consultatie_datum": "2026-11-02",
    "consultatie_uitkomst": "Signalen herkend, stap 3 afgesproken.",
    "advies_veilig_thuis": False,
    "letselduiding": "niet_nodig",
    "letselduiding_reden": "Huisarts heeft het letsel al beoordeeld (fictief).",
    "verwijsindex": "niet_bevoegd",
    "gesprek_afzien": False,
    "gesprek_datum": "2026-11-04",
    "gesprek_met": "ouders",
    "gesprek_verslag": "Ouders herkennen de zorgen.",
    "toestemming": "gegeven",
    "weging_risico": "Fictieve weging.",
    "weging_twijfel": False,
    "eindverantwoordelijke": "B. de Vries, teamleider",
    "motivatie_melden": "Zie afweging.",
    "motivatie_hulp": "Zie afweging.",
}
