"""Reads for company service.

Companies are scoped by municipality and portfolio (`virksomhed_scope`). Citizens appear here as
candidates, proposals and placements; every function that returns citizens scopes them with
`kandidat_scope` and writes audit rows with `audit_reads`.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from indsats.companyservice import matching
from indsats.companyservice.barometer import (
    BarometerRaekke,
    Signal,
    barometer_compute,
)
from indsats.companyservice.measures import (
    HotlineRow,
    KontaktRow,
    PlaceringRow,
    ServiceMeasures,
    service_measures,
)
from indsats.web.accounts.audit import ReadPurpose, audit_reads
from indsats.web.accounts.permissions import require_perm
from indsats.web.accounts.roles import Rolle
from indsats.web.citizens.models import Borger, Jobmaal, Sag, TilbudsForloeb
from indsats.web.companies import ranking
from indsats.web.companies.models import (
    Aftale,
    HotlineHenvendelse,
    Jobordre,
    Kandidatafvisning,
    Kandidatforslag,
    Kontakt,
    Placering,
    Virksomhed,
)

# ---------------------------------------------------------------- companies


def virksomhed_scope(*, actor) -> QuerySet[Virksomhed]:
    """The companies the actor may open: their municipality; for a consultant their own
    portfolio plus companies nobody owns yet (so a hotline call from a new company can be taken);
    leaders and admins see every portfolio."""
    if not actor.is_authenticated or not actor.has_perm("companies.view_virksomhed"):
        return Virksomhed.objects.none()
    qs = Virksomhed.objects.filter(kommune_kode=actor.kommune_kode)
    if not actor.has_perm("companies.view_all_portfolios"):
        qs = qs.filter(Q(konsulent=actor) | Q(konsulent__isnull=True))
    return qs


def _annotate_portfolio(qs: QuerySet[Virksomhed]) -> QuerySet[Virksomhed]:
    held = Kontakt.objects.filter(virksomhed=OuterRef("pk"), afholdt=True).order_by("-dato")
    followups = Kontakt.objects.filter(
        virksomhed=OuterRef("pk"), opfoelgning__isnull=False
    ).order_by("-dato", "-oprettet")
    return qs.annotate(
        sidste_kontakt=Subquery(held.values("dato")[:1]),
        naeste_opfoelgning=Subquery(followups.values("opfoelgning")[:1]),
        aabne_jobordrer=Count(
            "jobordrer", filter=Q(jobordrer__status__in=Jobordre.AABNE), distinct=True
        ),
    ).select_related("konsulent")


def _by_followup(rows: list[Virksomhed]) -> list[Virksomhed]:
    # Next follow-up first (no follow-up last), then name.
    def key(v: Virksomhed) -> tuple[bool, date, str]:
        naeste: date | None = getattr(v, "naeste_opfoelgning", None)  # from _annotate_portfolio
        return (naeste is None, naeste or date.max, v.navn)

    return sorted(rows, key=key)


def virksomhed_portfolio_list(*, actor, konsulent=None) -> list[Virksomhed]:
    """A consultant's portfolio (the actor's own unless a leader asks for someone else's)."""
    require_perm(actor, "companies.view_virksomhed")
    owner = konsulent or actor
    if owner != actor and not actor.has_perm("companies.view_all_portfolios"):
        raise PermissionDenied
    qs = Virksomhed.objects.filter(kommune_kode=actor.kommune_kode, konsulent=owner)
    return _by_followup(list(_annotate_portfolio(qs)))


def virksomhed_list(
    *, actor, query: str = "", uden_konsulent: bool = False, limit: int = 300
) -> list[Virksomhed]:
    """Companies in the actor's scope, optionally filtered by name/CVR or without an owner."""
    require_perm(actor, "companies.view_virksomhed")
    qs = virksomhed_scope(actor=actor)
    if uden_konsulent:
        qs = qs.filter(konsulent__isnull=True)
    for word in query.split():
        qs = qs.filter(Q(navn__icontains=word) | Q(cvr__startswith=word) | Q(by__icontains=word))
    return _by_followup(list(_annotate_portfolio(qs)[:limit]))


def virksomhed_get(*, actor, virksomhed_id) -> Virksomhed:
    try:
        return virksomhed_scope(actor=actor).select_related("konsulent").get(pk=virksomhed_id)
    except (Virksomhed.DoesNotExist, ValueError):
        raise Http404("Virksomheden findes ikke, eller den er ikke i din portefølje.") from None


def konsulent_get(*, actor, konsulent_id) -> Any | None:
    """A consultant of `konsulent_list`, or None (also for an id that is not a number)."""
    try:
        return konsulent_list(actor=actor).filter(pk=int(konsulent_id)).first()
    except (TypeError, ValueError):
        return None


def konsulent_list(*, actor) -> QuerySet:
    """Consultants (and leaders) of the actor's municipality a company can be handed to."""
    return (
        get_user_model()
        .objects.filter(
            kommune_kode=actor.kommune_kode,
            is_active=True,
            groups__name__in=[Rolle.VIRKSOMHEDSKONSULENT, Rolle.LEDER],
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@dataclass
class AftaleStatus:
    aftale: Aftale
    brugt: int

    @property
    def ledige(self) -> int | None:
        return None if self.aftale.pladser is None else max(self.aftale.pladser - self.brugt, 0)


def aftale_pladser_brugt_count(*, aftale: Aftale, dag: date | None = None) -> int:
    dag = dag or timezone.localdate()
    return aftale.placeringer.filter(
        Q(slut__isnull=True) | Q(slut__gte=dag), start__lte=dag
    ).count()


def aftale_list(*, actor, virksomhed: Virksomhed, med_pladser: bool = False) -> QuerySet[Aftale]:
    """The agreements of a company in the actor's scope (`med_pladser`: only those with seats);
    a QuerySet, so a form can offer them as choices."""
    qs = Aftale.objects.filter(virksomhed__in=virksomhed_scope(actor=actor), virksomhed=virksomhed)
    return qs.filter(pladser__isnull=False) if med_pladser else qs


def hotline_get(*, actor, henvendelse_id) -> HotlineHenvendelse:
    """A hotline call of a company in the actor's scope."""
    try:
        return HotlineHenvendelse.objects.select_related("virksomhed").get(
            pk=henvendelse_id, virksomhed__in=virksomhed_scope(actor=actor)
        )
    except (HotlineHenvendelse.DoesNotExist, ValueError):
        raise Http404("Henvendelsen findes ikke, eller du har ikke adgang.") from None


def placering_get(*, actor, placering_id) -> Placering:
    """A placement at a company in the actor's scope."""
    try:
        return Placering.objects.select_related("virksomhed").get(
            pk=placering_id, virksomhed__in=virksomhed_scope(actor=actor)
        )
    except (Placering.DoesNotExist, ValueError):
        raise Http404("Placeringen findes ikke, eller du har ikke adgang.") from None


@dataclass
class VirksomhedOverblik:
    virksomhed: Virksomhed
    kontakter: list[Kontakt]
    aftaler: list[AftaleStatus]
    jobordrer: list[Jobordre]
    placeringer: list[Placering]
    hotline: list[HotlineHenvendelse]


def virksomhed_overblik_get(*, actor, virksomhed_id) -> VirksomhedOverblik:
    """The company page. Placements name citizens: audited as a list read."""
    v = virksomhed_get(actor=actor, virksomhed_id=virksomhed_id)
    dag = timezone.localdate()
    placeringer = list(v.placeringer.select_related("borger", "aftale"))
    audit_reads(actor=actor, objects=[p.borger for p in placeringer], purpose=ReadPurpose.LIST)
    return VirksomhedOverblik(
        virksomhed=v,
        kontakter=list(v.kontakter.select_related("konsulent")[:50]),
        aftaler=[
            AftaleStatus(a, aftale_pladser_brugt_count(aftale=a, dag=dag)) for a in v.aftaler.all()
        ],
        jobordrer=list(v.jobordrer.annotate(antal_forslag=Count("forslag"))),
        placeringer=placeringer,
        hotline=list(v.hotline.all()[:20]),
    )


# ---------------------------------------------------------------- vacancies


def jobordre_scope(*, actor) -> QuerySet[Jobordre]:
    return Jobordre.objects.filter(virksomhed__in=virksomhed_scope(actor=actor))


def jobordre_list(*, actor, aabne: bool = True, limit: int = 200) -> list[Jobordre]:
    require_perm(actor, "companies.view_virksomhed")
    qs = jobordre_scope(actor=actor).select_related("virksomhed")
    if aabne:
        qs = qs.filter(status__in=Jobordre.AABNE)
    return list(qs.annotate(antal_forslag=Count("forslag"))[:limit])


def jobordre_get(*, actor, jobordre_id) -> Jobordre:
    try:
        return jobordre_scope(actor=actor).select_related("virksomhed").get(pk=jobordre_id)
    except (Jobordre.DoesNotExist, ValueError):
        raise Http404("Jobordren findes ikke, eller du har ikke adgang.") from None


def kandidatforslag_get(*, actor, forslag_id) -> Kandidatforslag:
    """A proposal on a vacancy in the actor's scope (names a citizen: needs matching rights)."""
    require_perm(actor, "companies.match_candidates")
    try:
        return Kandidatforslag.objects.select_related("jobordre", "borger").get(
            pk=forslag_id, jobordre__in=jobordre_scope(actor=actor)
        )
    except (Kandidatforslag.DoesNotExist, ValueError):
        raise Http404("Forslaget findes ikke, eller du har ikke adgang.") from None


def kandidatforslag_list(*, actor, jobordre: Jobordre) -> list[Kandidatforslag]:
    """The proposed candidates of a vacancy (citizens: audited)."""
    forslag = list(jobordre.forslag.select_related("borger", "foreslaaet_af"))
    if forslag and not actor.has_perm("companies.match_candidates"):
        raise PermissionDenied
    audit_reads(actor=actor, objects=[f.borger for f in forslag], purpose=ReadPurpose.LIST)
    return forslag


# ---------------------------------------------------------------- candidates (citizens)


def kandidat_scope(*, actor) -> QuerySet[Borger]:
    """The citizens a consultant may match: the actor's municipality (company service serves
    every team), leaving out citizens whose cases are all closed. Mirrors
    `citizens.selectors.borger_scope` for the municipality; the team rule does not apply to
    holders of `companies.match_candidates`."""
    if not actor.is_authenticated or not actor.has_perm("companies.match_candidates"):
        return Borger.objects.none()
    # Citizens with no case at all stay in (a profile may come first); those whose cases are all
    # closed do not: left out is a citizen with a closed case and no open one. One NOT EXISTS,
    # which PostgreSQL answers with an anti-join and costs as such (the form "no case, or an
    # open case" was costed as a subquery per citizen, which set off JIT compilation).
    open_case = Sag.objects.filter(borger=OuterRef("borger"), slut__isnull=True)
    closed_only = Sag.objects.filter(borger=OuterRef("pk"), slut__isnull=False).filter(
        ~Exists(open_case)
    )
    return Borger.objects.filter(kommune_kode=actor.kommune_kode).filter(~Exists(closed_only))


def _maalgruppe(sag: Sag | None) -> str:
    if sag is None:
        return ""
    if sag.visitation in ("jobparat", "aktivitetsparat"):
        return sag.visitation
    if sag.ydelse == "dagpenge":
        return "dagpenge"
    return sag.visitation or ""


def _kandidater(
    borgere: list[Borger], *, idag: date, scope: QuerySet[Borger] | None = None
) -> list[matching.Kandidat]:
    """Plain candidates for the core from the citizens' plans, profiles, offers and placements.

    With `scope` (the queryset the list came from) the related rows are fetched by subquery, so
    a municipality of any size stays within the database's parameter limits."""
    ids = scope.values_list("pk", flat=True) if scope is not None else [b.pk for b in borgere]
    jobmaal: dict = {}
    for j in Jobmaal.objects.filter(plan__borger_id__in=ids).values(
        "plan__borger_id", "kategori", "stilling", "branche"
    ):
        jobmaal.setdefault(j["plan__borger_id"], []).append(
            matching.Jobmaal(j["kategori"], j["stilling"], j["branche"])
        )
    sager: dict = {}
    for s in Sag.objects.filter(borger_id__in=ids, slut__isnull=True).order_by(
        "foerste_henvendelse", "pk"
    ):
        sager[s.borger_id] = s  # the latest open case wins (as companies/ranking.py)
    busy: dict = {}
    for t in TilbudsForloeb.objects.filter(
        sag__borger_id__in=ids, resultat="igang", slut__gte=idag
    ).values("sag__borger_id", "slut"):
        busy[t["sag__borger_id"]] = max(busy.get(t["sag__borger_id"], t["slut"]), t["slut"])
    erfaring: dict = {}
    for p in Placering.objects.filter(borger_id__in=ids).select_related("virksomhed"):
        erfaring.setdefault(p.borger_id, []).append(p.virksomhed.db07)
        if p.aktiv(idag):
            until = p.slut or date.max
            busy[p.borger_id] = max(busy.get(p.borger_id, until), until)
    out = []
    for b in borgere:
        profil = getattr(b, "kandidatprofil", None)
        out.append(
            matching.Kandidat(
                id=b.pk,
                navn=b.navn,
                jobmaal=tuple(jobmaal.get(b.pk, ())),
                erfaring=tuple(erfaring.get(b.pk, [])) + (profil.erfaring_list if profil else ()),
                kompetencer=profil.kompetence_set if profil else frozenset(),
                postnummer=profil.postnummer if profil else "",
                tilgaengelig_fra=profil.tilgaengelig_fra if profil else None,
                optaget_til=busy.get(b.pk),
                maalgruppe=_maalgruppe(sager.get(b.pk)),
            )
        )
    return out


def _stilling(jobordre: Jobordre) -> matching.Stilling:
    return matching.Stilling(
        id=jobordre.pk,
        titel=jobordre.titel,
        db07=jobordre.branchekode,
        postnummer=jobordre.virksomhed.postnummer,
        start=jobordre.start,
        krav=jobordre.krav_set,
    )


@dataclass
class KandidatMatch:
    borger: Borger
    match: matching.Match


def kandidat_match_list(*, actor, jobordre: Jobordre, limit: int = 15) -> list[KandidatMatch]:
    """Ranked candidates for a vacancy, with reasons. Audited as a search of citizens.

    The database ranks the whole candidate scope (`ranking.kandidater_rangeret`, one query);
    the best `limit` are explained by `matching.score`. Citizens already proposed, or recorded
    as not a candidate for this vacancy (`kandidat_reject`), are left out."""
    require_perm(actor, "companies.match_candidates")
    idag = timezone.localdate()
    # NOT EXISTS rather than NOT IN: an anti-join the planner estimates well; with NOT IN it
    # guessed a quarter of the scope and ranked by an index look-up per citizen.
    scope = (
        kandidat_scope(actor=actor)
        .exclude(Exists(Kandidatforslag.objects.filter(jobordre=jobordre, borger=OuterRef("pk"))))
        .exclude(Exists(Kandidatafvisning.objects.filter(jobordre=jobordre, borger=OuterRef("pk"))))
    )
    stilling = _stilling(jobordre)
    ranked = ranking.kandidater_rangeret(
        scope=scope,
        stilling=stilling,
        idag=idag,
        limit=limit,
    )
    borgere = list(
        Borger.objects.filter(pk__in=[r.borger_id for r in ranked]).select_related("kandidatprofil")
    )
    by_id: dict[Hashable, Borger] = {b.pk: b for b in borgere}
    explained = matching.candidates_for_vacancy(
        stilling=stilling, kandidater=_kandidater(borgere, idag=idag), idag=idag, limit=limit
    )
    result = [KandidatMatch(by_id[m.kandidat.id], m) for m in explained]
    audit_reads(actor=actor, objects=[r.borger for r in result], purpose=ReadPurpose.SEARCH)
    return result


def kandidatafvisning_list(*, actor, jobordre: Jobordre) -> list[Kandidatafvisning]:
    """The citizens recorded as not a candidate for a vacancy, with the reasons (audited)."""
    require_perm(actor, "companies.match_candidates")
    afvisninger = list(jobordre.afvisninger.select_related("borger", "afvist_af"))
    audit_reads(actor=actor, objects=[a.borger for a in afvisninger], purpose=ReadPurpose.LIST)
    return afvisninger


def jobordre_match_list(
    *, actor, borger: Borger, limit: int = 10
) -> list[tuple[Jobordre, matching.Match]]:
    """Open vacancies that fit a citizen, best first, each with its match (the citizen must be
    in the actor's candidate scope)."""
    if not kandidat_scope(actor=actor).filter(pk=borger.pk).exists():
        raise Http404("Borgeren findes ikke, eller du har ikke adgang.")
    idag = timezone.localdate()
    kandidat = _kandidater([borger], idag=idag)[0]
    jobordrer: dict[Hashable, Jobordre] = {
        j.pk: j
        for j in Jobordre.objects.filter(
            virksomhed__kommune_kode=actor.kommune_kode, status__in=Jobordre.AABNE
        ).select_related("virksomhed")
    }
    audit_reads(actor=actor, objects=[borger], purpose=ReadPurpose.SEARCH)
    matches = matching.vacancies_for_candidate(
        kandidat=kandidat,
        stillinger=[_stilling(j) for j in jobordrer.values()],
        idag=idag,
        limit=limit,
    )
    return [(jobordrer[m.stilling.id], m) for m in matches]


# ---------------------------------------------------------------- barometer and measures


def periode_default_get(*, idag: date | None = None, dage: int = 365) -> tuple[date, date]:
    idag = idag or timezone.localdate()
    return idag - timedelta(days=dage - 1), idag


def barometer_signal_list(*, kommune_kode: int, fra: date, til: date) -> list[Signal]:
    """Plain demand signals of a municipality for a period (for the page and the report)."""
    signals = [
        Signal("jobordre", j.db07 or j.virksomhed__db07, j.modtaget, j.antal)
        for j in _rows(
            Jobordre.objects.filter(
                virksomhed__kommune_kode=kommune_kode, modtaget__range=(fra, til)
            ),
            "db07",
            "virksomhed__db07",
            "modtaget",
            "antal",
        )
    ]
    signals += [
        Signal("placering_job", p.virksomhed__db07, p.slut)
        for p in _rows(
            Placering.objects.filter(
                virksomhed__kommune_kode=kommune_kode, blev_job=True, slut__range=(fra, til)
            ),
            "virksomhed__db07",
            "slut",
        )
    ]
    signals += [
        Signal("hotline", h.virksomhed__db07, timezone.localtime(h.modtaget).date())
        for h in _rows(
            HotlineHenvendelse.objects.filter(
                virksomhed__kommune_kode=kommune_kode, modtaget__date__range=(fra, til)
            ),
            "virksomhed__db07",
            "modtaget",
        )
    ]
    return signals


class _Row:
    def __init__(self, d: dict):
        self.__dict__.update(d)


def _rows(qs, *fields):
    return [_Row(d) for d in qs.values(*fields)]


def jobbarometer_list(*, actor, fra: date, til: date) -> list[BarometerRaekke]:
    require_perm(actor, "companies.view_jobbarometer")
    return barometer_compute(
        signals=barometer_signal_list(kommune_kode=actor.kommune_kode, fra=fra, til=til),
        fra=fra,
        til=til,
    )


def servicemaal_rows_get(*, kommune_kode: int, fra: date, til: date) -> dict:
    """The plain rows `indsats.companyservice.measures.service_measures` takes, for a
    municipality. The monthly report calls this (or `servicemaal_get`) without a request."""
    kontakter = [
        KontaktRow(k["virksomhed_id"], k["kanal"], k["formaal"], k["dato"], k["afholdt"])
        for k in Kontakt.objects.filter(
            virksomhed__kommune_kode=kommune_kode, dato__range=(fra, til)
        ).values("virksomhed_id", "kanal", "formaal", "dato", "afholdt")
    ]
    hotline = [
        HotlineRow(
            timezone.localtime(h["modtaget"]),
            timezone.localtime(h["besvaret"]) if h["besvaret"] else None,
        )
        for h in HotlineHenvendelse.objects.filter(virksomhed__kommune_kode=kommune_kode).values(
            "modtaget", "besvaret"
        )
    ]
    placeringer = [
        PlaceringRow(p["type"], p["slut"], p["blev_job"])
        for p in Placering.objects.filter(virksomhed__kommune_kode=kommune_kode).values(
            "type", "slut", "blev_job"
        )
    ]
    return {
        "kontakter": kontakter,
        "hotline": hotline,
        "placeringer": placeringer,
        "virksomheder_i_alt": Virksomhed.objects.filter(kommune_kode=kommune_kode).count(),
    }


def servicemaal_get(*, actor, fra: date, til: date) -> ServiceMeasures:
    require_perm(actor, "companies.view_service_measures")
    rows = servicemaal_rows_get(kommune_kode=actor.kommune_kode, fra=fra, til=til)
    return service_measures(fra=fra, til=til, **rows)


def kandidat_get(*, actor, borger_id) -> Borger:
    """One citizen in the actor's candidate scope (for the candidate page). Audited."""
    try:
        borger = kandidat_scope(actor=actor).get(pk=borger_id)
    except (Borger.DoesNotExist, ValueError):
        raise Http404("Borgeren findes ikke, eller du har ikke adgang.") from None
    audit_reads(actor=actor, objects=[borger], purpose=ReadPurpose.DETAIL)
    return borger


def jobbarometer_get(*, actor, db07: str, fra: date, til: date) -> BarometerRaekke | None:
    """The barometer row for the group a DB07 code belongs to (e.g. a job target's branche)."""
    from indsats.companyservice.barometer import barometer_level_for

    return barometer_level_for(jobbarometer_list(actor=actor, fra=fra, til=til), db07)
