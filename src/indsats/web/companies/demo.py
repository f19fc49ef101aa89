"""Demo data for company service in the demo municipality (Varde, 573 by default).

Deterministic by seed and relative to `today`. The numbers follow the seeds:

- the trades: Varde's plan names tourism (turistbranchen), agriculture (landbrugsorganisationer),
  retail (Handelsstandsforeninger), shortage trades, and Code of Care (companies taking social
  responsibility with small jobs) (seeds/000, "Beskæftigelsessituationen", "Udvikling af service
  til virksomheder");
- contacts: 3,500 a year, about 1,800 by phone and 1,100 visits (seeds/003, 4.3); scaled by
  `scale` (1/10 by default: 350 contacts, 180 phone, 110 visits, the rest e-mail and meetings);
- a yearly campaign offering every company a visit (seeds/003, 5.2); a hotline for recruitment
  (seeds/000); company centres with fixed placement seats (seeds/003: 25 seats in 2 centres).

Company names, CVR and P-numbers are fictitious (the CVR numbers pass the modulus-11 check and
may by chance be the number of a real company).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from indsats.companyservice.identifiers import cvr_complete
from indsats.web.accounts.models import User
from indsats.web.accounts.roles import Rolle
from indsats.web.citizens.models import Borger, TilbudsForloeb
from indsats.web.companies.models import (
    Aftale,
    HotlineHenvendelse,
    Jobordre,
    Kandidatforslag,
    Kandidatprofil,
    Kontakt,
    Placering,
    Virksomhed,
)

# Postal districts in and around Varde Kommune, with a weight for where companies are.
POSTNUMRE = [
    ("6800", "Varde", 40),
    ("6818", "Årre", 3),
    ("6823", "Ansager", 4),
    ("6830", "Nørre Nebel", 6),
    ("6840", "Oksbøl", 8),
    ("6851", "Janderup Vestj", 2),
    ("6852", "Billum", 2),
    ("6854", "Henne", 4),
    ("6855", "Outrup", 3),
    ("6857", "Blåvand", 8),
    ("6862", "Tistrup", 4),
    ("6870", "Ølgod", 12),
]
COASTAL = {"6830", "6840", "6854", "6857"}

# (DB07, trade word for the name, companies, sector, typical vacancy title)
TRADES = [
    ("5520", "Feriehusudlejning", 8, "privat", "Rengøring af feriehuse"),
    ("5530", "Camping", 6, "privat", "Campingmedarbejder"),
    ("5510", "Badehotel", 4, "privat", "Receptionist"),
    ("5610", "Restaurant", 6, "privat", "Køkkenmedhjælper"),
    ("0141", "Kvægbrug", 6, "privat", "Landbrugsmedhjælper"),
    ("0146", "Svineproduktion", 4, "privat", "Staldmedarbejder"),
    ("1011", "Slagteri", 2, "privat", "Produktionsmedarbejder"),
    ("1071", "Bageri", 4, "privat", "Bagermedhjælper"),
    ("2511", "Stålkonstruktioner", 5, "privat", "Svejser"),
    ("2830", "Maskinfabrik", 5, "privat", "Produktionsmedarbejder"),
    ("1623", "Træindustri", 3, "privat", "Produktionsmedarbejder"),
    ("3109", "Møbelsnedkeri", 2, "privat", "Møbelpolstrer"),
    ("4120", "Byg", 6, "privat", "Tømrer"),
    ("4321", "El-service", 4, "privat", "Elektrikerlærling"),
    ("4322", "VVS", 3, "privat", "VVS-montør"),
    ("4332", "Tømrer og Snedker", 4, "privat", "Tømrer"),
    ("4711", "Supermarked", 7, "privat", "Butiksassistent"),
    ("4752", "Byggemarked", 3, "privat", "Butiksassistent"),
    ("4520", "Autoværksted", 4, "privat", "Mekaniker"),
    ("4621", "Foderstof", 3, "privat", "Lagermedarbejder"),
    ("4941", "Vognmand", 6, "privat", "Chauffør"),
    ("5210", "Lager og Logistik", 4, "privat", "Lagermedarbejder"),
    ("8121", "Rengøring", 4, "privat", "Rengøringsassistent"),
    ("8130", "Anlægsgartner", 3, "privat", "Anlægsgartner"),
    ("8710", "Plejecenter", 5, "offentlig", "Social- og sundhedshjælper"),
    ("8891", "Børnehave", 3, "offentlig", "Pædagogmedhjælper"),
    ("8520", "Skole", 2, "offentlig", "Servicemedarbejder"),
    ("8411", "Kommunal drift", 2, "offentlig", "Vej og park-medarbejder"),
]
SUFFIX = ["ApS", "A/S", "I/S", "", "& Søn", "Vest"]
KOMPETENCER = [
    "truckcertifikat",
    "kørekort b",
    "kørekort c",
    "hygiejnebevis",
    "svejsecertifikat",
    "engelsk",
    "førstehjælp",
]
# Typical required competence per trade (hovedgruppe), used on some of the demo vacancies.
KRAV = {
    "52": "truckcertifikat",
    "46": "truckcertifikat",
    "49": "kørekort c",
    "10": "hygiejnebevis",
    "55": "hygiejnebevis",
    "56": "hygiejnebevis",
    "87": "kørekort b",
    "88": "kørekort b",
    "25": "svejsecertifikat",
}
SCALE = 0.1
PER_YEAR = {
    "telefon": 1800,
    "besoeg": 1100,
    "email": 400,
    "moede": 200,
}  # 3,500 (Vordingborg Kommune, Beskæftigelsesplan 2019 (forslag), 4.3)
HOTLINE_REQUESTS = 60  # assumed: the plans name the hotline but give no count
# Vordingborg assisted about 400 ordinary recruitments a year (Vordingborg Kommune, Beskæftigelsesplan 2019 (forslag), 5.2).
VACANCIES_PER_YEAR = 400


def _at(day: date, hour: float) -> datetime:
    base = timezone.make_aware(datetime.combine(day, time(0, 0)))
    return base + timedelta(hours=hour)


def _consultants(kommune_kode: int) -> list[User]:
    """The municipality's virksomhedskonsulenter (the demo's users are made before this step)."""
    return list(
        User.objects.filter(
            kommune_kode=kommune_kode, groups__name=Rolle.VIRKSOMHEDSKONSULENT
        ).order_by("username")
    )


@transaction.atomic
def demo_companies_build(
    *, kommune_kode: int = 573, seed: int = 573, today: date | None = None, scale: float = SCALE
) -> int:
    """Create the demo companies and their service history. Returns companies made (0 when the
    municipality already has companies: the demo is built once)."""
    if Virksomhed.objects.filter(kommune_kode=kommune_kode).exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(seed * 7919 + 8)
    konsulenter = _consultants(kommune_kode)
    if not konsulenter:
        raise ValueError(
            f"Kommune {kommune_kode} har ingen virksomhedskonsulent: byg demobrugerne først."
        )
    main = next((k for k in konsulenter if k.username == "jonas"), konsulenter[0])
    others = [k for k in konsulenter if k != main]

    # Companies ---------------------------------------------------------------------------
    companies: list[Virksomhed] = []
    used_cvr: set[str] = set()
    pn_codes = [p for p, _, _ in POSTNUMRE]
    pn_weights = [w for *_, w in POSTNUMRE]
    by_navn = {p: n for p, n, _ in POSTNUMRE}
    for db07, word, count, sektor, _titel in TRADES:
        for _ in range(count):
            if db07[:2] in ("55", "56"):
                postnummer = rng.choice(sorted(COASTAL))
            else:
                postnummer = rng.choices(pn_codes, weights=pn_weights)[0]
            while True:
                cvr = cvr_complete(f"{rng.randrange(3000000, 4499999):07d}")
                if cvr and cvr not in used_cvr:
                    used_cvr.add(cvr)
                    break
            by = by_navn[postnummer]
            if sektor == "offentlig":
                navn = f"{word} {by}" if db07[:2] != "84" else f"Varde Kommune, {word} {by}"
            else:
                navn = f"{by} {word} {rng.choice(SUFFIX)}".strip()
            if any(c.navn == navn for c in companies):
                navn = f"{navn} {len(companies) + 1}"
            r = rng.random()
            konsulent = main if r < 0.7 else (rng.choice(others) if others and r < 0.95 else None)
            tags = []
            if rng.random() < 0.15:
                tags.append("socialt ansvar")
            if db07[:2] in ("25", "28", "41", "43", "49") and rng.random() < 0.5:
                tags.append("mangelområde")
            if db07[:2] in ("55", "56", "01") and rng.random() < 0.5:
                tags.append("sæson")
            companies.append(
                Virksomhed(
                    kommune_kode=kommune_kode,
                    cvr=cvr,
                    pnummer=f"10{rng.randrange(10**8):08d}",
                    navn=navn,
                    db07=db07,
                    sektor=sektor,
                    stoerrelse=rng.choices(
                        ["1-9", "10-49", "50-249", "250+"], weights=[50, 35, 12, 3]
                    )[0],
                    adresse=f"{rng.choice(['Storegade', 'Industrivej', 'Vestergade', 'Havnevej', 'Kirkevej', 'Strandvejen'])} {rng.randint(1, 120)}",
                    postnummer=postnummer,
                    by=by,
                    telefon=f"7{rng.randrange(10**7):07d}",
                    konsulent=konsulent,
                    tags=", ".join(tags),
                )
            )
    Virksomhed.objects.bulk_create(companies)
    companies = list(Virksomhed.objects.filter(kommune_kode=kommune_kode).order_by("cvr"))
    by_trade: dict[str, list[Virksomhed]] = {}
    for c in companies:
        by_trade.setdefault(c.db07[:2], []).append(c)

    # Agreements: Code of Care (social responsibility), two company centres with seats.
    aftaler = []
    for c in companies:
        if "socialt ansvar" in c.tags:
            aftaler.append(
                Aftale(
                    virksomhed=c,
                    type=Aftale.Type.SOCIALT_ANSVAR,
                    fra=today - timedelta(days=rng.randrange(60, 700)),
                    note="Code of Care: småjob og ordinære timer",
                )
            )
    centres = [by_trade["87"][0], by_trade["47"][0]]
    for c, seats in zip(centres, (8, 5), strict=True):
        aftaler.append(
            Aftale(
                virksomhed=c,
                type=Aftale.Type.VIRKSOMHEDSCENTER,
                pladser=seats,
                fra=today - timedelta(days=400),
                note="Faste praktikpladser med løbende udskiftning",
            )
        )
    aftaler.append(
        Aftale(
            virksomhed=by_trade["55"][0],
            type=Aftale.Type.PARTNERSKAB,
            fra=today - timedelta(days=200),
            note="Sæsonrekruttering",
        )
    )
    Aftale.objects.bulk_create(aftaler)
    centre_aftaler = {
        a.virksomhed_id: a
        for a in Aftale.objects.filter(virksomhed__in=centres, type=Aftale.Type.VIRKSOMHEDSCENTER)
    }

    # Contacts over the last year --------------------------------------------------------------
    kontakter = []
    campaign_share = 0.45  # of visits: the yearly campaign visit
    for kanal, per_year in PER_YEAR.items():
        for _ in range(round(per_year * scale)):
            c = rng.choice(companies)
            dato = today - timedelta(days=rng.randrange(0, 365))
            if kanal == "besoeg" and rng.random() < campaign_share:
                formaal = "kampagne"
            else:
                formaal = rng.choices(
                    ["rekruttering", "placering", "fastholdelse", "opfoelgning", "andet"],
                    weights=[40, 25, 10, 20, 5],
                )[0]
            kontakter.append(
                Kontakt(
                    virksomhed=c,
                    kanal=kanal,
                    formaal=formaal,
                    dato=dato,
                    afholdt=True,
                    konsulent=c.konsulent or main,
                    resultat=rng.choice(
                        [
                            "Behov for arbejdskraft i sæsonen",
                            "Ingen behov lige nu",
                            "Åben for praktik",
                            "Aftalt opfølgning",
                            "Interesse for løntilskud",
                            "",
                        ]
                    ),
                )
            )
    # A follow-up date on each company's latest contact (some overdue).
    latest: dict = {}
    for k in kontakter:
        if k.virksomhed_id not in latest or k.dato > latest[k.virksomhed_id].dato:
            latest[k.virksomhed_id] = k
    for k in latest.values():
        k.opfoelgning = max(k.dato, today + timedelta(days=rng.randrange(-20, 90)))
    # A few planned visits ahead.
    for c in rng.sample(companies, 12):
        kontakter.append(
            Kontakt(
                virksomhed=c,
                kanal="besoeg",
                formaal="kampagne",
                dato=today + timedelta(days=rng.randrange(1, 40)),
                afholdt=False,
                konsulent=c.konsulent or main,
            )
        )
    Kontakt.objects.bulk_create(kontakter)

    # Hotline ----------------------------------------------------------------------------------
    hotline = []
    for i in range(round(HOTLINE_REQUESTS * scale * 10)):
        c = rng.choice(companies)
        day = today - timedelta(days=rng.randrange(1, 365))
        modtaget = _at(day, rng.uniform(8, 15))
        hours = rng.choices(
            [rng.uniform(0.2, 4), rng.uniform(4, 24), rng.uniform(24, 72)], weights=[60, 30, 10]
        )[0]
        besvaret = None if i < 2 else modtaget + timedelta(hours=hours)
        if i < 2:
            modtaget = _at(today - timedelta(days=1), 10 + i)
        hotline.append(
            HotlineHenvendelse(
                virksomhed=c,
                modtaget=modtaget,
                besvaret=besvaret,
                konsulent=c.konsulent or main,
                emne=rng.choice(
                    [
                        "Søger medarbejdere til sæsonen",
                        "Spørgsmål om løntilskud",
                        "Sygemeldt medarbejder",
                        "Praktikplads",
                        "Akut behov for chauffør",
                    ]
                ),
            )
        )
    HotlineHenvendelse.objects.bulk_create(hotline)

    # Vacancies --------------------------------------------------------------------------------
    titel_for = {db07[:2]: titel for db07, _, _, _, titel in TRADES}
    jobordrer = []
    for _ in range(round(VACANCIES_PER_YEAR * scale)):
        # Seasonal tourism and the shortage trades ask most.
        two = rng.choices(
            list(by_trade),
            weights=[
                5 if t in ("55", "56") else 4 if t in ("49", "52", "43", "41", "87") else 1
                for t in by_trade
            ],
        )[0]
        c = rng.choice(by_trade[two])
        ordre_modtaget = today - timedelta(days=rng.randrange(0, 365))
        age = (today - ordre_modtaget).days
        status = (
            ("besat" if rng.random() < 0.7 else "lukket")
            if age > 60
            else rng.choice(["modtaget", "under_behandling", "kandidater_foreslaaet", "besat"])
        )
        form = rng.choices(
            ["ordinaer", "praktik", "loentilskud_privat", "smaajob", "fleksjob"],
            weights=[60, 15, 10, 10, 5],
        )[0]
        jobordrer.append(
            Jobordre(
                virksomhed=c,
                titel=titel_for.get(two, "Medarbejder"),
                antal=rng.choice([1, 1, 2, 3]),
                ansaettelsesform=form,
                modtaget=modtaget,
                start=modtaget + timedelta(days=rng.randrange(7, 45)),
                krav=KRAV.get(two, "") if rng.random() < 0.6 else "",
                timer_pr_uge=None if form == "ordinaer" else rng.choice([10, 15, 20, 30, 37]),
                status=status,
                lukket=modtaget + timedelta(days=rng.randrange(14, 50))
                if status in ("besat", "lukket")
                else None,
                oprettet_af=c.konsulent or main,
            )
        )
    Jobordre.objects.bulk_create(jobordrer)

    # Candidate profiles and placements for the demo citizens -----------------------------------
    borgere = list(Borger.objects.filter(kommune_kode=kommune_kode).order_by("cpr"))
    profiler = []
    trades = [t for t in by_trade]
    for b in borgere:
        profiler.append(
            Kandidatprofil(
                borger=b,
                postnummer=rng.choices(pn_codes, weights=pn_weights)[0],
                erfaring=", ".join(rng.sample(trades, rng.choice([0, 1, 1, 2]))),
                kompetencer=", ".join(rng.sample(KOMPETENCER, rng.choice([0, 1, 2]))),
            )
        )
    Kandidatprofil.objects.bulk_create(profiler, ignore_conflicts=True)

    # Every company-directed offer in the caseworker app gets its placement at a company.
    type_for = {
        "virksomhedspraktik": "praktik",
        "loentilskud_privat": "loentilskud_privat",
        "loentilskud_offentlig": "loentilskud_offentlig",
        "igu": "igu",
    }
    placeringer = []
    used_seats: dict = {}
    for t in (
        TilbudsForloeb.objects.filter(
            sag__borger__kommune_kode=kommune_kode, tilbudstype__in=list(type_for)
        )
        .select_related("sag")
        .order_by("start", "pk")
    ):
        kind = type_for[t.tilbudstype]
        c = rng.choice(centres) if rng.random() < 0.4 else rng.choice(companies)
        aftale = centre_aftaler.get(c.pk)
        if aftale and kind == "praktik" and used_seats.get(aftale.pk, 0) < aftale.pladser:
            used_seats[aftale.pk] = used_seats.get(aftale.pk, 0) + 1
        else:
            aftale = None
        ended = t.slut < today
        placeringer.append(
            Placering(
                virksomhed=c,
                borger=t.sag.borger,
                type=kind,
                timer_pr_uge=t.timer_pr_uge,
                start=t.start,
                slut=t.slut,
                aftale=aftale,
                tilbudsforloeb=t,
                blev_job=ended and rng.random() < 0.35,
                oprettet_af=c.konsulent or main,
            )
        )
    # Small jobs and flexjobs (employment, not offers) for a few more citizens.
    for b in rng.sample(borgere, min(8, len(borgere))):
        c = rng.choice(companies)
        start = today - timedelta(days=rng.randrange(30, 300))
        placeringer.append(
            Placering(
                virksomhed=c,
                borger=b,
                type=rng.choice(["smaajob", "smaajob", "fleksjob"]),
                timer_pr_uge=rng.choice([5, 8, 10, 15]),
                start=start,
                oprettet_af=c.konsulent or main,
            )
        )
    Placering.objects.bulk_create(placeringer)

    # Proposals on the filled vacancies, one of them hired.
    filled = [
        j
        for j in Jobordre.objects.filter(
            virksomhed__kommune_kode=kommune_kode, status__in=["besat", "kandidater_foreslaaet"]
        ).order_by("modtaget", "pk")
    ]
    forslag = []
    for j in filled:
        chosen = rng.sample(borgere, min(len(borgere), rng.choice([2, 3])))
        for i, b in enumerate(chosen):
            hired = j.status == "besat" and i == 0
            forslag.append(
                Kandidatforslag(
                    jobordre=j,
                    borger=b,
                    foreslaaet=j.modtaget + timedelta(days=rng.randrange(1, 10)),
                    score=rng.randrange(35, 90),
                    begrundelse="Demodata",
                    ansat=hired,
                    status="ansat"
                    if hired
                    else ("afvist" if j.status == "besat" else "foreslaaet"),
                    foreslaaet_af=j.oprettet_af,
                )
            )
    Kandidatforslag.objects.bulk_create(forslag)
    return len(companies)
