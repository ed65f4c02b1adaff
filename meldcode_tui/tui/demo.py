"""The throw-away store behind `meldcode demo`: three fictitious cases at telling moments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from meldcode_tui.casework import OpenCase, start_case
from meldcode_tui.store import Store

# Not a secret: the demo holds only made-up cases and is deleted on exit. The unlock screen
# shows it, so "lock now" can be tried in the demo too.
DEMO_PASSPHRASE = "demo"

_STEP1 = {
    "client_type": "kind",
    "signalen": ["gedrag", "school"],
    "signalen_feiten": "Sinds de herfstvakantie (fictief) valt [[Noor]] in de les stil en schrikt "
    "bij harde geluiden; drie keer te laat zonder verklaring (mentor, eigen waarneming).",
    "onthulling": False,
    "tegensignalen": False,
}


def _day(now: datetime, days: int) -> str:
    return (now + timedelta(days=days)).date().isoformat()


def _acute(now: datetime) -> dict[str, Any]:
    return {
        "client_type": "kind",
        "signalen": ["letsel", "uitspraak"],
        "signalen_feiten": "Blauwe plek op de bovenarm (fictief voorbeeld). [[Sem]] zei in de "
        "pauze: 'thuis slaan ze me als ik iets fout doe'.",
        "onthulling": True,
        # A disclosure informs, it does not decide: the same-day Veilig Thuis contact and the
        # child's own words are recorded; questions 1 and 2 stay the professional's.
        "onthulling_datum": _day(now, -2),
        "onthulling_woorden": "'Thuis slaan ze me als ik iets fout doe.' (Ik vroeg: 'Wil je "
        "daar iets meer over vertellen?')",
        "onthulling_vt_datum": _day(now, -2),
        "onthulling_vt_advies": "Vandaag collegiaal overleggen; geen gesprek met de ouders "
        "vóór een melding.",
        "tegensignalen": False,
        "consultatie_met": "A. de Vries, aandachtsfunctionaris (fictief)",
        "consultatie_datum": _day(now, -2),
        "consultatie_uitkomst": "Onthulling: direct Veilig Thuis raadplegen.",
        "advies_veilig_thuis": True,
        "advies_veilig_thuis_datum": _day(now, -2),
        "letselduiding": "niet_nodig",
        "letselduiding_reden": "De huisarts heeft de plek gezien (fictief).",
        "verwijsindex": "niet_bevoegd",
        "gesprek_afzien": True,
        "gesprek_afzien_reden": "veiligheid",
        "gesprek_afzien_vt_datum": _day(now, -2),
        "gesprek_afzien_toelichting": "Veilig Thuis adviseerde geen gesprek met de ouders "
        "vóór de melding, vanwege de veiligheid van het kind.",
        "weging_risico": "Herhaald letsel met een uitspraak van [[Sem]]: ernstig (fictief).",
        "weging_twijfel": False,
        "afweging1_vermoeden": True,
        "afweging2_onveiligheid": True,
        "afweging3_hulp_mogelijk": True,
        "afweging4_hulp_aanvaard": True,
        "gewenste_termijn": _day(now, 28),
    }


def _monitoring(now: datetime) -> dict[str, Any]:
    return {
        **_STEP1,
        "signalen": ["verwaarlozing"],
        "signalen_feiten": "[[Lotte]] (fictief) komt vaak zonder ontbijt en in dezelfde kleding.",
        "consultatie_met": "intern begeleider (fictief)",
        "consultatie_datum": _day(now, -60),
        "consultatie_uitkomst": "Gesprek met moeder plannen.",
        "advies_veilig_thuis": False,
        "verwijsindex": "niet_bevoegd",
        "gesprek_afzien": False,
        "gesprek_datum": _day(now, -55),
        "gesprek_met": "ouders",
        "gesprek_verslag": "Moeder vertelt over geldzorgen en staat open voor hulp.",
        "toestemming": "gegeven",
        "weging_risico": "Verwaarlozing door geldzorgen; moeder werkt mee (fictief).",
        "weging_twijfel": False,
        "afweging1_vermoeden": True,
        "afweging2_onveiligheid": False,
        "afweging3_hulp_mogelijk": True,
        "afweging4_hulp_aanvaard": True,
        "gewenste_termijn": _day(now, -3),
        "eindverantwoordelijke": "B. Jansen, zorgcoördinator (fictief)",
        "motivatie_melden": "Geen acute of structurele onveiligheid; hulp is aanvaard.",
        "motivatie_hulp": "Schoolmaatschappelijk werk ondersteunt het gezin.",
    }


def _fill(
    store: Store,
    title: str,
    answers: dict[str, Any],
    clock: Callable[[], datetime],
    position: str,
    recorded_days_ago: int = 0,
) -> str:
    # Answers are checked as on the day they were recorded: a monitoring date then to come.
    recorded = clock() - timedelta(days=recorded_days_ago)
    case_id, _ = start_case(store, "basismodel", title, answers, now=recorded)
    opened = OpenCase.open(store, case_id, clock)
    opened.move(position)
    opened.save_position()
    return case_id


def build_demo_store(path: Path, clock: Callable[[], datetime]) -> None:
    """Create the demo store at `path` (which must not exist yet) with its three cases."""
    store, _ = Store.create(path, DEMO_PASSPHRASE, recovery=False, clock=clock)
    with store:
        now = clock()
        first = _fill(store, "Demo: Noor (net gestart)", {"client_type": "kind"}, clock, "signalen")
        store.add_note(
            first,
            "feit",
            "[[Noor]] was vandaag stil en at haar lunch niet (fictief).",
            step_id="signalen",
            author_role="beroepskracht",
        )
        _fill(store, "Demo: Sem (acute onveiligheid)", _acute(now), clock, "beslissen")
        # The five questions are in step 5 (NJi); question 5 is due at the monitoring date.
        _fill(store, "Demo: Lotte (monitoring)", _monitoring(now), clock, "beslissen", 30)
