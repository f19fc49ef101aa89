"""Writes for company service. Each checks the actor's permission and scope."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from indsats.companyservice.identifiers import cvr_parse, pnummer_parse
from indsats.web.accounts.permissions import require_perm
from indsats.web.citizens.models import Borger, TilbudsForloeb
from indsats.web.companies import selectors
from indsats.web.companies.models import (
    Aftale,
    Ansaettelsesform,
    HotlineHenvendelse,
    Jobordre,
    Kandidatafvisning,
    Kandidatforslag,
    Kontakt,
    Placering,
    Virksomhed,
)

# Which offer type in the citizen's case a placement corresponds to (fleksjob and small jobs
# are employment, not offers).
PLACERING_TILBUDSTYPE: dict[str, str] = {
    Placering.Type.PRAKTIK: "virksomhedspraktik",
    Placering.Type.LOENTILSKUD_PRIVAT: "loentilskud_privat",
    Placering.Type.LOENTILSKUD_OFFENTLIG: "loentilskud_offentlig",
    Placering.Type.IGU: "igu",
}


def _in_scope(actor, virksomhed: Virksomhed) -> None:
    if not selectors.virksomhed_scope(actor=actor).filter(pk=virksomhed.pk).exists():
        raise PermissionDenied("Virksomheden er ikke i din portefølje.")


@transaction.atomic
def virksomhed_create(
    *,
    actor,
    cvr: str,
    navn: str,
    db07: str,
    postnummer: str,
    pnummer: str = "",
    konsulent=None,
    **fields,
) -> Virksomhed:
    require_perm(actor, "companies.add_virksomhed")
    if konsulent is None and not actor.has_perm("companies.view_all_portfolios"):
        konsulent = actor  # a consultant's new company lands in their own portfolio
    v = Virksomhed(
        kommune_kode=actor.kommune_kode,
        cvr=cvr_parse(cvr),
        pnummer=pnummer_parse(pnummer) if pnummer else "",
        navn=navn,
        db07=db07,
        postnummer=postnummer,
        konsulent=konsulent,
        **fields,
    )
    v.full_clean()
    v.save()
    return v


@transaction.atomic
def virksomhed_handover(*, actor, virksomhed: Virksomhed, konsulent) -> Virksomhed:
    """Hand a company to another consultant: its owner may, and leaders may for any company."""
    require_perm(actor, "companies.handover_virksomhed")
    v = Virksomhed.objects.select_for_update().get(pk=virksomhed.pk)
    if v.kommune_kode != actor.kommune_kode:
        raise PermissionDenied
    if v.konsulent_id not in (actor.pk, None) and not actor.has_perm(
        "companies.view_all_portfolios"
    ):
        raise PermissionDenied("Kun virksomhedens konsulent eller en leder kan overdrage den.")
    if not selectors.konsulent_list(actor=actor).filter(pk=konsulent.pk).exists():
        raise ValidationError({"konsulent": "Vælg en konsulent i din egen kommune."})
    v.konsulent = konsulent
    v.save(update_fields=["konsulent"])
    return v


@transaction.atomic
def kontakt_create(
    *,
    actor,
    virksomhed: Virksomhed,
    kanal: str,
    formaal: str,
    dato: date,
    afholdt: bool = True,
    resultat: str = "",
    opfoelgning: date | None = None,
) -> Kontakt:
    require_perm(actor, "companies.change_virksomhed")
    _in_scope(actor, virksomhed)
    k = Kontakt(
        virksomhed=virksomhed,
        kanal=kanal,
        formaal=formaal,
        dato=dato,
        afholdt=afholdt,
        resultat=resultat,
        opfoelgning=opfoelgning,
        konsulent=actor,
    )
    k.full_clean()
    k.save()
    return k


@transaction.atomic
def hotline_create(
    *, actor, virksomhed: Virksomhed, emne: str, modtaget=None, besvaret=None
) -> HotlineHenvendelse:
    require_perm(actor, "companies.change_virksomhed")
    _in_scope(actor, virksomhed)
    h = HotlineHenvendelse(
        virksomhed=virksomhed,
        emne=emne,
        modtaget=modtaget or timezone.now(),
        besvaret=besvaret,
        konsulent=actor,
    )
    h.full_clean()
    h.save()
    return h


@transaction.atomic
def hotline_answer(*, actor, henvendelse: HotlineHenvendelse, besvaret=None) -> HotlineHenvendelse:
    require_perm(actor, "companies.change_virksomhed")
    _in_scope(actor, henvendelse.virksomhed)
    henvendelse.besvaret = besvaret or timezone.now()
    henvendelse.full_clean()
    henvendelse.save(update_fields=["besvaret"])
    return henvendelse


@transaction.atomic
def aftale_create(
    *,
    actor,
    virksomhed: Virksomhed,
    type: str,
    fra: date,
    til: date | None = None,
    pladser: int | None = None,
    note: str = "",
) -> Aftale:
    require_perm(actor, "companies.change_virksomhed")
    _in_scope(actor, virksomhed)
    a = Aftale(virksomhed=virksomhed, type=type, fra=fra, til=til, pladser=pladser, note=note)
    a.full_clean()
    a.save()
    return a


@transaction.atomic
def jobordre_create(
    *, actor, virksomhed: Virksomhed | None, titel: str, modtaget: date | None = None, **fields
) -> Jobordre:
    require_perm(actor, "companies.change_virksomhed")
    if virksomhed is None:
        raise ValidationError({"virksomhed": "En jobordre skal have en virksomhed."})
    _in_scope(actor, virksomhed)
    j = Jobordre(
        virksomhed=virksomhed,
        titel=titel,
        modtaget=modtaget or timezone.localdate(),
        oprettet_af=actor,
        **fields,
    )
    j.full_clean()
    j.save()
    return j


@transaction.atomic
def jobordre_close(*, actor, jobordre: Jobordre, status: str = Jobordre.Status.LUKKET) -> Jobordre:
    require_perm(actor, "companies.change_virksomhed")
    _in_scope(actor, jobordre.virksomhed)
    jobordre.status = status
    jobordre.lukket = timezone.localdate()
    jobordre.save(update_fields=["status", "lukket"])
    return jobordre


@transaction.atomic
def kandidatforslag_create(*, actor, jobordre: Jobordre, borger_ids) -> list[Kandidatforslag]:
    """Propose citizens for a vacancy; each proposal keeps the score and reasons shown."""
    require_perm(actor, "companies.match_candidates")
    require_perm(actor, "companies.change_virksomhed")
    _in_scope(actor, jobordre.virksomhed)
    borgere = list(selectors.kandidat_scope(actor=actor).filter(pk__in=list(borger_ids)))
    if len(borgere) != len(set(borger_ids)):
        raise PermissionDenied("En eller flere borgere findes ikke, eller du har ikke adgang.")
    idag = timezone.localdate()
    stilling = selectors._stilling(jobordre)
    from indsats.companyservice.matching import score

    made = []
    for b, k in zip(borgere, selectors._kandidater(borgere, idag=idag), strict=True):
        m = score(k, stilling, idag=idag)
        forslag, _ = Kandidatforslag.objects.get_or_create(
            jobordre=jobordre,
            borger=b,
            defaults={
                "foreslaaet": idag,
                "score": m.score,
                "begrundelse": m.tekst[:500],
                "foreslaaet_af": actor,
            },
        )
        made.append(forslag)
    if made and jobordre.status in (Jobordre.Status.MODTAGET, Jobordre.Status.UNDER_BEHANDLING):
        jobordre.status = Jobordre.Status.KANDIDATER_FORESLAAET
        jobordre.save(update_fields=["status"])
    return made


@transaction.atomic
def kandidat_reject(
    *, actor, jobordre: Jobordre, borger_id, aarsag: str, bemaerkning: str = ""
) -> Kandidatafvisning:
    """Record that a citizen is not a candidate for this vacancy, and why: the ranking leaves
    the citizen out for this vacancy from now on. Recording it again updates the reason."""
    require_perm(actor, "companies.match_candidates")
    require_perm(actor, "companies.change_virksomhed")
    _in_scope(actor, jobordre.virksomhed)
    if aarsag not in Kandidatafvisning.Aarsag.values:
        raise ValidationError({"aarsag": "Vælg en årsag fra listen."})
    bemaerkning = bemaerkning.strip()
    if len(bemaerkning) > 300:
        raise ValidationError({"bemaerkning": "Bemærkningen må højst være 300 tegn."})
    try:
        borger = selectors.kandidat_scope(actor=actor).get(pk=borger_id)
    except (Borger.DoesNotExist, ValueError, ValidationError):
        raise PermissionDenied("Borgeren findes ikke, eller du har ikke adgang.") from None
    afvisning, created = Kandidatafvisning.objects.get_or_create(
        jobordre=jobordre,
        borger=borger,
        defaults={
            "aarsag": aarsag,
            "bemaerkning": bemaerkning,
            "afvist": timezone.localdate(),
            "afvist_af": actor,
        },
    )
    if not created:
        afvisning.aarsag, afvisning.bemaerkning = aarsag, bemaerkning
        afvisning.afvist, afvisning.afvist_af = timezone.localdate(), actor
        afvisning.save(update_fields=["aarsag", "bemaerkning", "afvist", "afvist_af"])
    return afvisning


def _placering_type(form: str) -> str | None:
    return None if form == Ansaettelsesform.ORDINAER else form


@transaction.atomic
def kandidatforslag_hire(
    *,
    actor,
    forslag: Kandidatforslag,
    start: date | None = None,
    slut: date | None = None,
    timer_pr_uge=None,
    aftale: Aftale | None = None,
) -> Kandidatforslag:
    """Record that a proposed candidate was taken on. For a placement vacancy (praktik,
    løntilskud, fleksjob, IGU, småjob) a `Placering` is created; the vacancy is filled when as
    many were taken on as it asked for."""
    require_perm(actor, "companies.change_virksomhed")
    jobordre = forslag.jobordre
    _in_scope(actor, jobordre.virksomhed)
    if forslag.ansat:
        raise ValidationError("Ansættelsen er allerede registreret.")
    forslag.ansat = True
    forslag.status = Kandidatforslag.Status.ANSAT
    forslag.save(update_fields=["ansat", "status"])
    kind = _placering_type(jobordre.ansaettelsesform)
    if kind:
        placering_create(
            actor=actor,
            virksomhed=jobordre.virksomhed,
            borger=forslag.borger,
            type=kind,
            start=start or jobordre.start or timezone.localdate(),
            slut=slut,
            timer_pr_uge=timer_pr_uge
            if timer_pr_uge is not None
            else (jobordre.timer_pr_uge or 37),
            aftale=aftale,
            kandidatforslag=forslag,
        )
    if jobordre.forslag.filter(ansat=True).count() >= jobordre.antal:
        jobordre.status = Jobordre.Status.BESAT
        jobordre.lukket = timezone.localdate()
        jobordre.save(update_fields=["status", "lukket"])
    return forslag


def _matching_tilbud(borger: Borger, kind: str, start: date) -> TilbudsForloeb | None:
    tilbudstype = PLACERING_TILBUDSTYPE.get(kind)
    if not tilbudstype:
        return None
    return (
        TilbudsForloeb.objects.filter(
            sag__borger=borger,
            tilbudstype=tilbudstype,
            start__lte=start,
            slut__gte=start,
            placering__isnull=True,
        )
        .order_by("-start")
        .first()
    )


@transaction.atomic
def placering_create(
    *,
    actor,
    virksomhed: Virksomhed,
    borger: Borger,
    type: str,
    start: date,
    timer_pr_uge,
    slut: date | None = None,
    aftale: Aftale | None = None,
    tilbudsforloeb: TilbudsForloeb | None = None,
    kandidatforslag: Kandidatforslag | None = None,
) -> Placering:
    """A placement at a company. It is linked to the citizen's offer in the caseworker app
    (the given one, or an open offer of the same type covering the start date)."""
    require_perm(actor, "companies.change_virksomhed")
    _in_scope(actor, virksomhed)
    if borger.kommune_kode != actor.kommune_kode:
        raise PermissionDenied
    if aftale is not None:
        if aftale.virksomhed_id != virksomhed.pk:
            raise ValidationError({"aftale": "Aftalen hører til en anden virksomhed."})
        if (
            aftale.pladser is not None
            and selectors.aftale_pladser_brugt_count(aftale=aftale, dag=start) >= aftale.pladser
        ):
            raise ValidationError({"aftale": "Alle aftalte pladser er i brug."})
    if tilbudsforloeb is not None and tilbudsforloeb.sag.borger_id != borger.pk:
        raise ValidationError({"tilbudsforloeb": "Tilbuddet hører til en anden borger."})
    p = Placering(
        virksomhed=virksomhed,
        borger=borger,
        type=type,
        start=start,
        slut=slut,
        timer_pr_uge=timer_pr_uge,
        aftale=aftale,
        kandidatforslag=kandidatforslag,
        tilbudsforloeb=tilbudsforloeb or _matching_tilbud(borger, type, start),
        oprettet_af=actor,
    )
    p.full_clean()
    p.save()
    return p


@transaction.atomic
def placering_end(*, actor, placering: Placering, slut: date, blev_job: bool) -> Placering:
    """End a placement, recording whether it became an ordinary job."""
    require_perm(actor, "companies.change_virksomhed")
    _in_scope(actor, placering.virksomhed)
    placering.slut = slut
    placering.blev_job = blev_job
    placering.full_clean()
    placering.save(update_fields=["slut", "blev_job"])
    return placering


@transaction.atomic
def kandidatprofil_save(
    *,
    actor,
    borger: Borger,
    postnummer: str = "",
    erfaring: str = "",
    kompetencer: str = "",
    tilgaengelig_fra: date | None = None,
):
    """Create or update the candidate profile matching uses (postnummer, trades, competences)."""
    from indsats.web.companies.models import Kandidatprofil

    require_perm(actor, "companies.match_candidates")
    if not selectors.kandidat_scope(actor=actor).filter(pk=borger.pk).exists():
        raise PermissionDenied
    profil, _ = Kandidatprofil.objects.get_or_create(borger=borger)
    profil.postnummer, profil.erfaring = postnummer, erfaring
    profil.kompetencer, profil.tilgaengelig_fra = kompetencer, tilgaengelig_fra
    profil.full_clean()
    profil.save()
    return profil
