"""A fictitious fixture case: acute unsafety after a disclosure, step 3 skipped with reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from meldcode_tui.flow import Evaluation, Flow
from meldcode_tui.store import Store
from meldcode_tui.store.records import AuditEntry, Case

PASSPHRASE = "fictief wachtwoord voor tests"
# The moment the summaries are made: after every answer, before the monitoring date.
NOW = datetime(2025, 3, 6, 12, 0, tzinfo=UTC)

CHILD = "Noëlle van den Berg"
COLLEAGUE = "Chloé Brouwer"

# (when, question id, value, author role): in the order a mentor would answer them.
ANSWERS: list[tuple[datetime, str, object, str]] = [
    (datetime(2025, 3, 3, 10, 0, tzinfo=UTC), "client_type", "kind", "beroepskracht"),
    (datetime(2025, 3, 3, 10, 1, tzinfo=UTC), "signalen", ["letsel", "uitspraak"], "beroepskracht"),
    (
        datetime(2025, 3, 3, 10, 2, tzinfo=UTC),
        "signalen_feiten",
        f"Op maandag 3 maart zag ik bij [[{CHILD}]] een blauwe plek op de linkeronderarm. "
        "Noëlle zei letterlijk: 'Papa was gisteren heel boos.'",
        "beroepskracht",
    ),
    (datetime(2025, 3, 3, 10, 3, tzinfo=UTC), "onthulling", True, "beroepskracht"),
    # What issue 10's flow asks after a disclosure: when, the child's words, Veilig Thuis.
    (datetime(2025, 3, 3, 10, 4, tzinfo=UTC), "onthulling_datum", "2025-03-03", "beroepskracht"),
    (
        datetime(2025, 3, 3, 10, 5, tzinfo=UTC),
        "onthulling_woorden",
        "Ik vroeg: 'Hoe komt dat?' Zij zei: 'Papa was gisteren heel boos.'",
        "beroepskracht",
    ),
    (datetime(2025, 3, 3, 10, 6, tzinfo=UTC), "onthulling_vt_datum", "2025-03-03", "beroepskracht"),
    (
        datetime(2025, 3, 3, 10, 7, tzinfo=UTC),
        "onthulling_vt_advies",
        "Morgen overleggen met de aandachtsfunctionaris en dan opnieuw bellen.",
        "beroepskracht",
    ),
    (datetime(2025, 3, 3, 10, 8, tzinfo=UTC), "tegensignalen", False, "beroepskracht"),
    (
        datetime(2025, 3, 4, 9, 0, tzinfo=UTC),
        "consultatie_met",
        f"[[{COLLEAGUE}]], aandachtsfunctionaris",
        "beroepskracht",
    ),
    (datetime(2025, 3, 4, 9, 1, tzinfo=UTC), "consultatie_datum", "2025-03-04", "beroepskracht"),
    (
        datetime(2025, 3, 4, 9, 2, tzinfo=UTC),
        "consultatie_uitkomst",
        "De signalen zijn zorgelijk; dezelfde dag advies vragen aan Veilig Thuis.",
        "beroepskracht",
    ),
    (datetime(2025, 3, 4, 9, 3, tzinfo=UTC), "advies_veilig_thuis", True, "aandachtsfunctionaris"),
    (
        datetime(2025, 3, 4, 9, 4, tzinfo=UTC),
        "advies_veilig_thuis_datum",
        "2025-03-04",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 9, 5, tzinfo=UTC),
        "advies_veilig_thuis_uitkomst",
        "Melden; vóór de melding geen gesprek met de ouders voeren.",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 9, 6, tzinfo=UTC),
        "letselduiding",
        "niet_nodig",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 9, 7, tzinfo=UTC),
        "letselduiding_reden",
        "Veilig Thuis laat het letsel na de melding beoordelen.",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 9, 8, tzinfo=UTC),
        "verwijsindex",
        "niet_bevoegd",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 10, 0, tzinfo=UTC),
        "informatiedeling",
        [
            {
                "met_wie": "Veilig Thuis, adviseur",
                "wat": f"Signalen en de uitspraak van [[{CHILD}]]",
                "wanneer": "2025-03-04",
                "grond": "meldrecht",
                "doelbinding": True,
                "proportionaliteit": True,
                "subsidiariteit": True,
                "betrokkene_geinformeerd": "nee_veiligheid",
            }
        ],
        "aandachtsfunctionaris",
    ),
    (datetime(2025, 3, 4, 11, 0, tzinfo=UTC), "gesprek_afzien", True, "aandachtsfunctionaris"),
    (
        datetime(2025, 3, 4, 11, 1, tzinfo=UTC),
        "gesprek_afzien_reden",
        "veiligheid",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 11, 2, tzinfo=UTC),
        "gesprek_afzien_vt_datum",
        "2025-03-04",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 11, 3, tzinfo=UTC),
        "gesprek_afzien_toelichting",
        "Veilig Thuis adviseerde geen gesprek met de ouders: het kind zou dan gevaar lopen.",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 12, 0, tzinfo=UTC),
        "weging_risico",
        "Eerder letsel is niet bekend; de uitspraak en het letsel zijn ernstig genoeg.",
        "aandachtsfunctionaris",
    ),
    (datetime(2025, 3, 4, 12, 1, tzinfo=UTC), "weging_twijfel", False, "aandachtsfunctionaris"),
    (datetime(2025, 3, 4, 13, 0, tzinfo=UTC), "afweging1_vermoeden", True, "aandachtsfunctionaris"),
    (
        datetime(2025, 3, 4, 13, 1, tzinfo=UTC),
        "afweging1_toelichting",
        "Letsel en een uitspraak van het kind wijzen in dezelfde richting.",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 13, 2, tzinfo=UTC),
        "afweging2_onveiligheid",
        True,
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 13, 3, tzinfo=UTC),
        "afweging2_toelichting",
        "Onthulling door het kind: acute onveiligheid.",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 13, 4, tzinfo=UTC),
        "afweging3_hulp_mogelijk",
        True,
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 13, 5, tzinfo=UTC),
        "afweging3_toelichting",
        "Schoolmaatschappelijk werk kan begeleiding bieden, samen met Veilig Thuis.",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 13, 6, tzinfo=UTC),
        "afweging4_hulp_aanvaard",
        True,
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 13, 7, tzinfo=UTC),
        "afweging4_toelichting",
        "Moeder staat open voor hulp; zij reageerde niet naïef maar bezorgd.",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 4, 13, 8, tzinfo=UTC),
        "gewenste_termijn",
        "2025-06-02",
        "aandachtsfunctionaris",
    ),
    (
        datetime(2025, 3, 5, 8, 0, tzinfo=UTC),
        "eindverantwoordelijke",
        "A. Özdemir, directeur",
        "leidinggevende",
    ),
    (
        datetime(2025, 3, 5, 8, 1, tzinfo=UTC),
        "motivatie_melden",
        "Acute onveiligheid na een onthulling: melden is noodzakelijk.",
        "leidinggevende",
    ),
    (
        datetime(2025, 3, 5, 8, 2, tzinfo=UTC),
        "motivatie_hulp",
        "Hulp via schoolmaatschappelijk werk is mogelijk en wordt aanvaard; ideeën afgestemd.",
        "leidinggevende",
    ),
    (
        datetime(2025, 3, 5, 8, 3, tzinfo=UTC),
        "melding_besproken",
        "nee_veiligheid",
        "leidinggevende",
    ),
    (datetime(2025, 3, 5, 8, 3, tzinfo=UTC), "melding_datum", "2025-03-05", "leidinggevende"),
    (
        datetime(2025, 3, 5, 8, 4, tzinfo=UTC),
        "afspraken",
        "Mentor volgt Noëlle wekelijks; zorgcoördinator overlegt met Veilig Thuis.",
        "leidinggevende",
    ),
    # Veilig Thuis's feedback on the report (issue 10), so the monitoring date is what is next.
    (
        datetime(2025, 3, 6, 9, 0, tzinfo=UTC),
        "vt_terugkoppeling_datum",
        "2025-03-06",
        "leidinggevende",
    ),
    (
        datetime(2025, 3, 6, 9, 1, tzinfo=UTC),
        "vt_terugkoppeling_inhoud",
        "Veilig Thuis doet een veiligheidsbeoordeling.",
        "leidinggevende",
    ),
]

FACT = "Blauwe plek van ongeveer 4 cm op de linkeronderarm, gezien om 08:45 in het lokaal."
INTERPRETATION_HIDDEN = "Ik vermoed dat de vader te veel drinkt; dat is mijn indruk, niet gezien."
INTERPRETATION_MARKED = "Noëlle lijkt angstig als zij na school wordt opgehaald."
SOURCE = "Verslag van het overleg met de aandachtsfunctionaris, 4 maart, in het zorgdossier."
GENERAL = "Dossier overgedragen aan de zorgcoördinator (reünie-week)."
ACTIONS = [
    ("Melding doen bij Veilig Thuis", f"[[{COLLEAGUE}]]", datetime(2025, 3, 5, 16, tzinfo=UTC)),
    (
        "Gesprek plannen met schoolmaatschappelijk werk",
        "mentor",
        datetime(2025, 3, 12, 12, tzinfo=UTC),
    ),
]


class SetClock:
    """The store's clock, set by the test to the moment each change happens."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def make_case(store: Store, clock: SetClock) -> str:
    clock.now = datetime(2025, 3, 3, 9, 55, tzinfo=UTC)
    case_id = store.new_case(
        "basismodel", f"Zorg om [[{CHILD}]], groep 7", author_role="beroepskracht"
    )
    for when, qid, value, role in ANSWERS:
        clock.now = when
        store.set_answer(case_id, qid, value, author_role=role)
    clock.now = datetime(2025, 3, 3, 10, 10, tzinfo=UTC)
    store.add_note(case_id, "feit", FACT, step_id="signalen", author_role="beroepskracht")
    clock.now = datetime(2025, 3, 3, 10, 11, tzinfo=UTC)
    store.add_note(
        case_id,
        "interpretatie",
        INTERPRETATION_HIDDEN,
        step_id="signalen",
        author_role="beroepskracht",
    )
    clock.now = datetime(2025, 3, 3, 10, 12, tzinfo=UTC)
    store.add_note(
        case_id,
        "interpretatie",
        INTERPRETATION_MARKED,
        step_id="signalen",
        author_role="beroepskracht",
        for_record=True,
    )
    clock.now = datetime(2025, 3, 4, 9, 10, tzinfo=UTC)
    store.add_note(
        case_id, "bron", SOURCE, step_id="consultatie", author_role="aandachtsfunctionaris"
    )
    clock.now = datetime(2025, 3, 5, 9, 0, tzinfo=UTC)
    store.add_note(case_id, "feit", GENERAL, author_role="aandachtsfunctionaris")
    for text, owner, due in ACTIONS:
        clock.now = datetime(2025, 3, 5, 9, 5, tzinfo=UTC)
        store.add_action(case_id, text, owner=owner, due=due)
    return case_id


def make_store(path: Path) -> tuple[Store, str, SetClock]:
    clock = SetClock(datetime(2025, 3, 3, 9, 50, tzinfo=UTC))
    store, _ = Store.create(path, PASSPHRASE, recovery=False, clock=clock)
    return store, make_case(store, clock), clock


@dataclass
class Opened:
    """The fixture case as a summary is built from it."""

    store: Store
    flow: Flow
    case: Case
    evaluation: Evaluation
    audit: list[AuditEntry]


@dataclass
class StoredCase:
    """The fixture case in a store file, for the command-line tests."""

    store_path: Path
    case_id: str
    workdir: Path
