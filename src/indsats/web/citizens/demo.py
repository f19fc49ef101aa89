"""Demo caseload: cases, samtaler, offers, plans, progression and free slots for the demo
citizens, so the worklist and the team overview look like a real morning.

Deterministic by seed. With the demo municipality's synthetic register, each citizen's benefit
and time on it are drawn from the people on benefits in the register's last week (the register's
last week standing for today); without one, from a fixed mix.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from indsats.domain.cpr import Cpr
from indsats.web.accounts.models import Team, User
from indsats.web.accounts.roles import Rolle
from indsats.web.citizens.models import (
    Borger,
    Delmaal,
    Jobmaal,
    Plan,
    Progressionsmaaling,
    Sag,
    Samtale,
    Tidsrum,
    TilbudsForloeb,
)
from indsats.web.citizens.obligations import tilbud_counts_for_ret_og_pligt

# (ydelse, visitation, sygedagpenge kategori, weight)
CASE_MIX = [
    ("kontanthjaelp", "jobparat", "", 3),
    ("kontanthjaelp", "aktivitetsparat", "", 4),
    ("kontanthjaelp", "uddannelsesparat", "", 1),
    ("dagpenge", "", "", 3),
    ("sygedagpenge", "", "2", 4),
    ("jobafklaringsforloeb", "", "", 1),
    ("ledighedsydelse", "", "", 1),
]
JOBS = [
    ("A", "Lagermedarbejder", "52"),
    ("B", "Chauffør", "49"),
    ("C", "Rengøringsassistent", "81"),
    ("A", "Social- og sundhedshjælper", "87"),
    ("B", "Butiksassistent", "47"),
    ("C", "Produktionsmedarbejder", "25"),
    ("A", "Tømrer", "43"),
]


# Benefits the jobcenter holds no case on in the demo (paid and followed up elsewhere).
_NO_DEMO_CASE = {"foertidspension", "fleksjob"}
_NOW_KONTANTHJAELP = {"uddannelseshjaelp", "sho_ydelse", "overgangsydelse", "integrationsydelse"}


_FIRST = [
    "Anders",
    "Birgitte",
    "Camilla",
    "Daniel",
    "Emma",
    "Frederik",
    "Gitte",
    "Hans",
    "Ida",
    "Jakob",
    "Karen",
    "Lone",
    "Mads",
    "Nanna",
    "Ole",
    "Pia",
    "Rasmus",
    "Sara",
    "Thomas",
    "Ulla",
    "Viktor",
    "Amir",
    "Fatima",
    "Yusuf",
    "Leyla",
]
_LAST = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Ali",
    "Hassan",
]


def fictitious_cpr(rng: random.Random, *, born: date) -> Cpr:
    """A CPR number with a valid birth date and century digit; fictitious by construction."""
    yy = born.year % 100
    if born.year < 2000:
        digit7 = rng.choice([0, 1, 2, 3])
    elif born.year <= 2036:
        digit7 = rng.choice([4, 9])
    else:  # pragma: no cover - demo citizens are born before 2036
        digit7 = 5
    serial = f"{digit7}{rng.randrange(1000):03d}"
    return Cpr.parse(f"{born:%d%m}{yy:02d}{serial}")


@transaction.atomic
def demo_citizens_build(*, kommune_kode: int, teams: list[Team], citizens: int, seed: int) -> int:
    """Fill the municipality up to `citizens` demo citizens, spread over `teams`, each with the
    team's first caseworker. Returns citizens made."""
    rng = random.Random(seed)
    caseworkers = {
        t.pk: list(User.objects.filter(team=t, groups__name=Rolle.JOBRAADGIVER)) for t in teams
    }
    existing = set(Borger.objects.values_list("cpr", flat=True))
    new: list[Borger] = []
    while len(new) < citizens - Borger.objects.filter(kommune_kode=kommune_kode).count():
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 45))
        cpr = fictitious_cpr(rng, born=born)
        if cpr.digits in existing:
            continue
        existing.add(cpr.digits)
        team = rng.choice(teams)
        new.append(
            Borger(
                cpr=cpr.digits,
                fornavn=rng.choice(_FIRST),
                efternavn=rng.choice(_LAST),
                kommune_kode=kommune_kode,
                team=team,
                sagsbehandler=caseworkers[team.pk][0] if caseworkers[team.pk] else None,
            )
        )
    Borger.objects.bulk_create(new)
    return len(new)


def register_case_profile(register_dir, kommune_kode: int) -> list[tuple[str, int]]:
    """(ydelse, weeks on it so far) for each person on a benefit in the register's last week."""
    import numpy as np

    from indsats.register.store import read_register

    t = read_register(register_dir).select(["person_id", "week_index", "ydelse", "kommune"])
    df = t.to_pandas()
    df = df[df["kommune"] == kommune_kode].sort_values(["person_id", "week_index"])
    if df.empty:
        return []
    last = int(df["week_index"].max())
    person, week, ydelse = (df[c].to_numpy() for c in ("person_id", "week_index", "ydelse"))
    new_spell = np.ones(len(df), dtype=bool)
    new_spell[1:] = (
        (person[1:] != person[:-1]) | (week[1:] != week[:-1] + 1) | (ydelse[1:] != ydelse[:-1])
    )
    spell_start = week[np.maximum.accumulate(np.where(new_spell, np.arange(len(df)), 0))]
    now = week == last
    return [
        (str(y), int(last - s + 1))
        for y, s in zip(ydelse[now], spell_start[now], strict=True)
        if y not in _NO_DEMO_CASE
    ]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _draw_case(rng: random.Random, profile: list[tuple[str, int]]) -> tuple[str, str, str, int]:
    """(ydelse, visitation, sygedagpenge category, days on the benefit so far)."""
    if profile:
        ydelse, weeks_on = rng.choice(profile)
        if ydelse in _NOW_KONTANTHJAELP:
            ydelse = "kontanthjaelp"  # the 2025 reform merged these into kontanthjælp
        visitation = ""
        if ydelse == "kontanthjaelp":
            # The register has no visitation; the demo splits 40/60 (jobparat/aktivitetsparat).
            visitation = "jobparat" if rng.random() < 0.4 else "aktivitetsparat"
        kategori = "2" if ydelse == "sygedagpenge" else ""
        return ydelse, visitation, kategori, 7 * weeks_on - rng.randrange(7)
    ydelse, visitation, kategori, _ = rng.choices(CASE_MIX, weights=[w for *_, w in CASE_MIX])[0]
    return ydelse, visitation, kategori, rng.randrange(20, 300)


# The story around the day the demo is built, for each caseworker: a few cases whose samtale
# window ended a few days ago with a samtale missing (overdue by days) and several whose window
# ends in the coming two weeks (duties to book). Duties older than
# CATCH_UP_DAYS are caught up in the history, as a caseworker who keeps up would have done.
STORY_OVERDUE = 2
STORY_UPCOMING = 6
STORY_BENEFITS = ("kontanthjaelp", "dagpenge", "sygedagpenge")
CATCH_UP_DAYS = 14
_TRIES = 12


class _DrawAgain(Exception):
    """A demo case that does not tell its part of the story."""


def _weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _case_create(
    borger: Borger,
    rng: random.Random,
    today: date,
    case: tuple[str, str, str, int],
    notes: random.Random,
) -> Sag:
    """One open case with its history up to a few days before `today`."""
    ydelse, visitation, kategori, days_on = case
    age = borger.cpr_value.age_on(today)
    young_unskilled = age < 30 and not borger.har_erhvervsuddannelse
    if visitation == "uddannelsesparat" and not young_unskilled:
        visitation = "aktivitetsparat"
    if visitation == "jobparat" and young_unskilled:
        visitation = "uddannelsesparat"  # LAB § 6 nr. 4: under 30 without education
    start = today - timedelta(days=max(days_on, 1))
    sag = Sag.objects.create(
        borger=borger,
        ydelse=ydelse,
        visitation=visitation,
        visitation_dato=start if visitation else None,
        sygedagpenge_kategori=kategori,
        foerste_henvendelse=start,
        team=borger.team,
        sagsbehandler=borger.sagsbehandler,
        cv_registreret=start + timedelta(days=rng.randrange(3, 30))
        if ydelse in ("dagpenge", "kontanthjaelp") and rng.random() < 0.8
        else None,
    )
    # Samtaler roughly every 5-7 weeks, sometimes missed, so some are due.
    day = start + timedelta(days=rng.randrange(3, 12))
    while day < today - timedelta(days=3):
        if rng.random() < 0.8:
            _held(sag, _weekday_on_or_before(day), rng, notes=notes)
        day += timedelta(days=rng.randrange(35, 50))
    if (
        ydelse in ("dagpenge", "kontanthjaelp")
        and (today - start).days > 120
        and rng.random() < 0.6
    ):
        t_start = start + timedelta(days=rng.randrange(60, 170))
        ttype = rng.choice(
            ["virksomhedspraktik", "loentilskud_privat", "vejledning_og_opkvalificering"]
        )
        _tilbud(sag, ttype, t_start, rng)
    return sag


def _held(
    sag: Sag,
    day: date,
    rng: random.Random,
    *,
    type: str = "",
    holder: str = Samtale.Holder.JOBCENTER,
    paalaeg: bool = False,
    notes: random.Random | None = None,
) -> None:
    """A held samtale, with a journal note and next step (`notes`: the note's own stream)."""
    note, naeste = (
        (
            "Gav uddannelsespålæg og aftalte vejledning om uddannelsesvalg.",
            "Borgeren undersøger optagelse på en uddannelse; vi følger op om to uger.",
        )
        if paalaeg
        else (notes or rng).choice(JOURNAL)
    )
    type = type or ("opfoelgning" if sag.ydelse == "sygedagpenge" else "jobsamtale")
    Samtale.objects.create(
        sag=sag,
        tidspunkt=_at(day, rng.choice([9, 10, 11, 13, 14])),
        status=Samtale.Status.AFHOLDT,
        type=type,
        afholdt_af=holder,
        form=rng.choice(["fysisk", "fysisk", "telefon", "video"]),
        uddannelsespaalaeg=paalaeg,
        journalnotat=note,
        naeste_skridt=naeste,
        registreret_af=sag.sagsbehandler if holder == Samtale.Holder.JOBCENTER else None,
    )


def _tilbud(sag: Sag, ttype: str, t_start: date, rng: random.Random) -> None:
    TilbudsForloeb.objects.create(
        sag=sag,
        tilbudstype=ttype,
        start=t_start,
        slut=t_start + timedelta(weeks=4),
        timer_pr_uge=rng.choice([15, 20, 30, 37]),
        taeller_ret_og_pligt=tilbud_counts_for_ret_og_pligt(ttype, t_start),
        beskrivelse="Varde Erhvervsservice"
        if ttype != "vejledning_og_opkvalificering"
        else "Jobværksted",
    )


def _catch_up(sag: Sag, rng: random.Random, today: date, notes: random.Random) -> list | None:
    """Fulfil the case's duties that were due more than CATCH_UP_DAYS ago (a samtale held, an
    offer started, an uddannelsespålæg given, the CV registered inside the duty's window).
    Returns the case's obligations afterwards (None if the rules cannot place the case)."""
    from indsats.web.citizens.obligations import sag_status

    limit = today - timedelta(days=CATCH_UP_DAYS)
    for _ in range(4):  # a fulfilled duty can make the next one count
        status = sag_status(Sag.objects.select_related("borger").get(pk=sag.pk), as_of=today)
        if status.error:
            return None
        old = [
            o
            for o in status.obligations
            if o.state == "overdue" and o.due_by is not None and o.due_by < limit
        ]
        if not old:
            return status.obligations
        for o in old:
            due_by = o.due_by
            assert due_by is not None  # chosen above
            lo = due_by - timedelta(days=14)
            if o.due_from is not None:
                lo = max(lo, o.due_from)
            day = _weekday_on_or_before(lo + timedelta(days=rng.randrange((due_by - lo).days + 1)))
            day = max(day, sag.foerste_henvendelse)
            if o.kind == "samtale":
                faelles = ".faelles_" in o.rule_id
                _held(
                    sag,
                    day,
                    rng,
                    notes=notes,
                    type="faelles" if faelles else "jobsamtale",
                    holder=o.holder if o.holder in Samtale.Holder.values else "jobcenter",
                )
            elif o.kind == "opfoelgning":
                _held(sag, day, rng, type="opfoelgning", notes=notes)
            elif o.kind == "uddannelsespaalaeg":
                _held(sag, day, rng, paalaeg=True)
            elif o.kind == "tilbud":
                _tilbud(sag, "virksomhedspraktik", day, rng)
            elif o.kind == "cv":
                Sag.objects.filter(pk=sag.pk).update(cv_registreret=day)
    return sag_status(Sag.objects.select_related("borger").get(pk=sag.pk), as_of=today).obligations


def _left_behind(obligations: list, today: date) -> bool:
    """A duty overdue by more than CATCH_UP_DAYS that the demo history cannot fulfil (the web
    app records no revurdering of sygedagpenge, for one): such a case is drawn again."""
    limit = today - timedelta(days=CATCH_UP_DAYS)
    return any(
        o.state == "overdue" and o.due_by is not None and o.due_by < limit for o in obligations
    )


def _story_fits(obligations: list, today: date, want: str) -> bool:
    """Does the case tell its part on the caseworker's worklist (the jobcenter's personal
    duties): 'overdue' (a duty missed 1-10 days ago, nothing older) or 'upcoming' (a duty due in
    the coming 1-13 days, nothing overdue)?"""
    overdue = [o for o in obligations if o.state == "overdue" and o.due_by is not None]
    mine = [o for o in obligations if o.personal_duty and o.holder == "jobcenter"]
    if want == "overdue":
        return any(o.state == "overdue" for o in mine) and all(
            1 <= (today - o.due_by).days <= 10 for o in overdue
        )
    return not overdue and any(
        o.state in ("open", "upcoming") and o.due_by and 1 <= (o.due_by - today).days <= 13
        for o in mine
    )


def _draw_story_case(
    rng: random.Random, profile: list[tuple[str, int]], want: str
) -> tuple[str, str, str, int]:
    """A case of a benefit with samtaler in its first six months, started so that their window
    ends a few days ago ('overdue') or in the coming two weeks ('upcoming')."""
    for _ in range(20):
        ydelse, visitation, kategori, _days = _draw_case(rng, profile)
        if ydelse in STORY_BENEFITS:
            break
    else:
        ydelse, visitation, kategori = "dagpenge", "", ""
    six_months = 182
    days_on = (
        six_months + rng.randint(1, 9) if want == "overdue" else six_months - rng.randint(1, 12)
    )
    return ydelse, visitation, kategori, days_on


@transaction.atomic
def demo_caseload_build(*, kommune_kode: int, seed: int, today: date, register_dir=None) -> int:
    """Give every demo citizen without a case one open case with history. Returns cases made.

    Each caseworker's first cases tell the story of the day (STORY_OVERDUE cases with a duty
    missed a few days ago, STORY_UPCOMING with a duty in the coming two weeks); the rest follow
    the register. Duties more than CATCH_UP_DAYS old are caught up. The calendar's planned
    samtaler are `demo_week_build`'s."""
    rng = random.Random(seed)
    notes_rng = random.Random(seed + 1)  # its own stream: the cases stay as they were
    profile = register_case_profile(register_dir, kommune_kode) if register_dir else []
    made = 0
    story: dict[object, int] = {}
    for borger in Borger.objects.filter(
        kommune_kode=kommune_kode, sager__isnull=True
    ).select_related("team", "sagsbehandler"):
        n = story.get(borger.sagsbehandler_id, 0)
        story[borger.sagsbehandler_id] = n + 1
        want = (
            "overdue"
            if n < STORY_OVERDUE
            else "upcoming"
            if n < STORY_OVERDUE + STORY_UPCOMING and borger.sagsbehandler_id
            else ""
        )
        # The story's part first; failing that, a case that follows the register.
        wants = [want] * _TRIES + [""] * _TRIES if want else [""] * _TRIES
        for attempt, want in enumerate(wants):
            try:
                with transaction.atomic():  # a case drawn again leaves no trace (nor audit rows)
                    case = (
                        _draw_story_case(rng, profile, want) if want else _draw_case(rng, profile)
                    )
                    sag = _case_create(borger, rng, today, case, notes_rng)
                    obligations = _catch_up(sag, rng, today, notes_rng)
                    fits = (
                        obligations is not None
                        and not _left_behind(obligations, today)
                        and (not want or _story_fits(obligations, today, want))
                    )
                    if not fits and attempt < len(wants) - 1:
                        # the rules cannot place it, or it does not tell its part: draw again
                        raise _DrawAgain
                break
            except _DrawAgain:
                continue
        made += 1
        ydelse = sag.ydelse
        start = sag.foerste_henvendelse
        visitation = sag.visitation
        if ydelse in ("dagpenge", "kontanthjaelp"):
            plan = Plan.objects.create(borger=borger, maal="Ordinært job inden for et år.")
            Delmaal.objects.create(
                plan=plan,
                tekst="Opdatere CV og søge 3 job om ugen",
                frist=today + timedelta(days=30),
            )
            for kategori_job, stilling, branche in rng.sample(JOBS, 3):
                Jobmaal.objects.create(
                    plan=plan, kategori=kategori_job, stilling=stilling, branche=branche
                )
        if visitation == "aktivitetsparat" or ydelse == "jobafklaringsforloeb":
            base = [rng.randint(2, 6) for _ in range(5)]
            for k in range(3):
                dato = start + timedelta(days=30 + 45 * k)
                if dato > today:
                    break
                Progressionsmaaling.objects.create(
                    borger=borger,
                    dato=dato,
                    **{
                        f: min(10, b + k + rng.randint(0, 1))
                        for (f, _), b in zip(Progressionsmaaling.FAKTORER, base, strict=True)
                    },
                )
    # Free slots for every caseworker over the next two weeks, mornings.
    caseworkers = {
        b.sagsbehandler for b in Borger.objects.filter(kommune_kode=kommune_kode) if b.sagsbehandler
    }
    for cw in caseworkers:
        if Tidsrum.objects.filter(
            sagsbehandler=cw, start__gte=timezone.now(), samtale__isnull=True
        ).exists():
            continue
        for d in range(1, 15):
            day = today + timedelta(days=d)
            if day.weekday() >= 5:
                continue
            for hour in (9, 10, 11):
                Tidsrum.objects.create(
                    sagsbehandler=cw,
                    start=_at(day, hour),
                    slut=_at(day, hour) + timedelta(minutes=45),
                    form="fysisk",
                    sted="Jobcenter Varde, Kirkegade 16",
                )
    demo_week_build(kommune_kode=kommune_kode, seed=seed, today=today)
    return made


# The demo's journal: (note, next step), drawn for each held samtale.
JOURNAL = [
    (
        "Borgeren har søgt fem stillinger siden sidst, bl.a. som lagermedarbejder og chauffør. "
        "Vi gennemgik CV'et og tilføjede kørekort til lastbil. Borgeren er motiveret, men "
        "bekymret for skiftende arbejdstider og for at få passet børnene.",
        "Søge mindst tre stillinger om ugen og opdatere profilen på Jobnet.",
    ),
    (
        "Samtalen handlede om helbred og arbejdsevne. Borgeren har stadig ondt i ryggen ved "
        "tunge løft og har en tid hos egen læge i næste uge. Vi talte om en virksomhedspraktik "
        "med lette opgaver, så vi kan se, hvor mange timer der er realistiske.",
        "Borgeren sender lægens vurdering; jeg undersøger en praktik med lette opgaver.",
    ),
    (
        "Opfølgning på praktikken: arbejdsgiveren er tilfreds, og borgeren trives med "
        "kollegerne. Der er mulighed for løntilskud bagefter, hvis timetallet kan komme op på "
        "25 timer om ugen.",
        "Tale med virksomhedskonsulenten om løntilskud hos praktikstedet.",
    ),
    (
        "Borgeren vil gerne uddanne sig til social- og sundhedshjælper. Vi gennemgik "
        "optagelseskravene og muligheden for først at tage dansk og matematik på et "
        "forberedende forløb.",
        "Borgeren kontakter SOSU-skolen; ny samtale om to uger.",
    ),
    (
        "Borgeren kom ikke til sidste aftale, men ringede samme eftermiddag og forklarede, at "
        "bussen var aflyst. Vi fandt en ny tid og aftalte en påmindelse dagen før.",
        "Ny samtale som aftalt; påmindelse på sms dagen før.",
    ),
    (
        "Vi talte om at vende tilbage til arbejdet efter sygemeldingen. Borgeren og "
        "arbejdsgiveren har aftalt delvis raskmelding med 15 timer om ugen de første fire uger, "
        "med faste opgaver og pauser.",
        "Følge op på den delvise raskmelding om fire uger.",
    ),
]


def _at_minute(day: date, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@transaction.atomic
def demo_week_build(*, kommune_kode: int, seed: int, today: date) -> int:
    """Planned samtaler for each caseworker's calendar: three today (one already begun), and
    some in the coming week, two of them booked by the citizens into the caseworker's free
    slots. Skipped for a caseworker who already has planned samtaler from today. Returns the
    samtaler made."""
    made = 0
    caseworkers = (
        User.objects.filter(sager__borger__kommune_kode=kommune_kode, sager__slut__isnull=True)
        .distinct()
        .order_by("username")
    )
    for n, cw in enumerate(caseworkers):
        planned = Samtale.objects.filter(
            sag__sagsbehandler=cw,
            status=Samtale.Status.PLANLAGT,
            tidspunkt__gte=_at(today, 0),
        )
        if planned.exists():
            continue
        rng = random.Random(seed * 1000 + n)
        sager = list(
            Sag.objects.filter(
                sagsbehandler=cw, slut__isnull=True, borger__kommune_kode=kommune_kode
            )
            .select_related("borger")
            .order_by("borger__efternavn", "borger__fornavn", "pk")
        )
        rng.shuffle(sager)
        coming = [today + timedelta(days=d) for d in range(1, 8)]
        coming = [d for d in coming if d.weekday() < 5]
        times = [_at_minute(today, h, m) for h, m in ((8, 30), (10, 30), (13, 0))]
        times += [_at_minute(d, rng.choice([13, 14]), rng.choice([0, 30])) for d in coming[:3]]
        for sag, when in zip(sager, times, strict=False):
            Samtale.objects.create(
                sag=sag,
                tidspunkt=when,
                type="opfoelgning" if sag.ydelse == "sygedagpenge" else "jobsamtale",
                form=rng.choice(["fysisk", "fysisk", "telefon", "video"]),
                status=Samtale.Status.PLANLAGT,
                booket_af=Samtale.BooketAf.SAGSBEHANDLER,
            )
            made += 1
        # two citizens booked themselves into the caseworker's free slots
        slots = list(
            Tidsrum.objects.filter(
                sagsbehandler=cw, start__date__in=coming, samtale__isnull=True
            ).order_by("start")
        )
        for sag, slot in zip(sager[len(times) :][:2], slots[1::4], strict=False):
            Samtale.objects.create(
                sag=sag,
                tidsrum=slot,
                tidspunkt=slot.start,
                type="opfoelgning" if sag.ydelse == "sygedagpenge" else "jobsamtale",
                form=slot.form,
                status=Samtale.Status.PLANLAGT,
                booket_af=Samtale.BooketAf.BORGER,
            )
            made += 1
    return made
