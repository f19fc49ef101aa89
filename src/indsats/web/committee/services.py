"""Writes of the committee app: meetings, items drafted from the data, the agenda sent out, and
decisions that act on what they decide (docs/committee.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone

from indsats.committee import drafting
from indsats.committee import model as core
from indsats.committee.publishing import publiceringskontrol
from indsats.economics.business_case import business_case
from indsats.economics.catalogue import VarighedEnhed
from indsats.web.accounts.permissions import require_kommune, require_perm
from indsats.web.committee.models import (
    Beslutning,
    Medlem,
    Moede,
    Organ,
    Punkt,
    sektioner_to_json,
)
from indsats.web.core.locking import locked_for_update

DRAFT = "committee.draft_punkt"
DECIDE = "committee.record_beslutning"


@transaction.atomic
def organ_create(
    *,
    actor: Any,
    navn: str,
    type: str = core.OrganType.UDVALG.value,
    medlemmer: list[tuple[str, str]] | None = None,
    offentlig_adgang: bool = False,
) -> Organ:
    require_perm(actor, "committee.add_organ")
    organ = Organ.objects.create(
        kommune_kode=require_kommune(actor), navn=navn, type=type, offentlig_adgang=offentlig_adgang
    )
    for navn_, rolle in medlemmer or []:
        Medlem.objects.create(organ=organ, navn=navn_, rolle=rolle)
    return organ


@transaction.atomic
def moede_create(*, actor: Any, organ: Organ, tidspunkt: datetime, sted: str) -> Moede:
    require_perm(actor, "committee.add_moede")
    if organ.kommune_kode != require_kommune(actor):
        raise ValidationError({"organ": "Udvalget hører til en anden kommune."})
    deltagere = [str(m) for m in organ.medlemmer.all()]
    return Moede.objects.create(organ=organ, tidspunkt=tidspunkt, sted=sted, deltagere=deltagere)


def _save_bumped(obj: Model) -> None:
    obj.version += 1  # type: ignore[attr-defined]
    obj.full_clean()
    obj.save()


def _punkt_from_core(
    *, actor: Any, p: core.Punkt, genstand: Model | None = None, sagsnr: str = ""
) -> Punkt:
    punkt = Punkt(
        kommune_kode=require_kommune(actor),
        titel=p.titel,
        sagsnr=sagsnr or p.sagsnr,
        lukket=p.lukket,
        art=p.art.value,
        sektioner=sektioner_to_json(p.sektioner),
        indstilling_indledning=p.indstilling_indledning,
        indstilling=list(p.indstilling),
        bilag=[{"titel": b.titel, "fil": b.fil} for b in p.bilag],
        oprettet_af=actor,
    )
    if genstand is not None:
        punkt.genstand = genstand
    punkt.full_clean()
    punkt.save()
    return punkt


# --- items drafted from the data ---------------------------------------------------------------


@transaction.atomic
def punkt_draft_fri(*, actor: Any, titel: str, sagsnr: str = "", lukket: bool = False) -> Punkt:
    """An empty item with the standard sections, for the analyst to write."""
    require_perm(actor, DRAFT)
    return _punkt_from_core(actor=actor, p=core.Punkt(titel=titel, sagsnr=sagsnr, lukket=lukket))


@transaction.atomic
def punkt_draft_nyt_tilbud(
    *, actor: Any, tilbud_id: int, forloeb: Decimal, enhed: str, organ: Organ
) -> Punkt:
    """A new offer against the current catalogue (the "Klar til start" item)."""
    from indsats.web.offers.selectors import tilbud_get, tilbud_list

    require_perm(actor, DRAFT)
    tilbud = tilbud_get(actor=actor, tilbud_id=tilbud_id)
    katalog = [t.to_core() for t in tilbud_list(actor=actor)]
    p = drafting.nyt_tilbud(
        tilbud.to_core(),
        katalog,
        forloeb=forloeb,
        enhed=VarighedEnhed(enhed),
        udvalg=organ.navn,
        katalog_kilde=f"Tilbudskataloget i indsats, {timezone.localdate():%d.%m.%Y}",
    )
    return _punkt_from_core(actor=actor, p=p, genstand=tilbud)


@transaction.atomic
def punkt_draft_budget(*, actor: Any, aar: int, organ: Organ) -> Punkt:
    from indsats.web.offers.selectors import budget_opfoelgning_list

    require_perm(actor, DRAFT)
    linjer = budget_opfoelgning_list(actor=actor, aar=aar)
    opfoelgninger = [linje.opfoelgning for linje in linjer if linje.opfoelgning is not None]
    if not opfoelgninger:
        raise ValidationError({"aar": f"Der er ingen budgetopfølgning for {aar}."})
    p = drafting.budgetopfoelgning(
        opfoelgninger,
        udvalg=organ.navn,
        kilde=f"Budget og månedstal i indsats, {timezone.localdate():%d.%m.%Y}",
    )
    return _punkt_from_core(actor=actor, p=p)


@transaction.atomic
def punkt_draft_investeringscase(*, actor: Any, case_id: int, organ: Organ) -> Punkt:
    from indsats.web.offers.selectors import investeringscase_get

    require_perm(actor, DRAFT)
    visning = investeringscase_get(actor=actor, case_id=case_id)
    p = drafting.investeringscase(business_case(visning.case.to_core()), udvalg=organ.navn)
    return _punkt_from_core(actor=actor, p=p, genstand=visning.case)


@transaction.atomic
def punkt_draft_maanedsrapport(*, actor: Any, organ: Organ) -> Punkt:
    """The latest monthly report as an item for orientation (small cells suppressed)."""
    from indsats.reports.render import visning
    from indsats.web.goals.selectors import rapport_get

    require_perm(actor, DRAFT)
    data = rapport_get(kommune_kode=require_kommune(actor))
    if data is None:
        raise ValidationError("Der er ikke dannet en månedsrapport endnu.")
    p = drafting.maanedsrapport(
        visning(data, skjul=True), udvalg=organ.navn, bilag=f"maanedsrapport-{data['maaned']}.pdf"
    )
    return _punkt_from_core(actor=actor, p=p)


@transaction.atomic
def punkt_draft_plan(*, actor: Any, version_id: int, organ: Organ) -> Punkt:
    """A plan version sent to the committee, for approval (with what changed since the version
    it revises)."""
    from indsats.web.plans.selectors import plan_version_core_get, plan_version_get

    require_perm(actor, DRAFT)
    version = plan_version_get(actor=actor, version_id=version_id)
    if version.status != "sendt_til_udvalg":
        raise ValidationError(
            {"version": "Kun en version, der er sendt til udvalget, kan sættes på dagsordenen."}
        )
    core_version = plan_version_core_get(version=version)
    forgaenger = (
        plan_version_core_get(version=version.forgaenger)
        if version.forgaenger is not None
        else None
    )
    p = drafting.beskaeftigelsesplan(
        core_version,
        forgaenger=forgaenger,
        paa=timezone.localdate(),
        bilag=f"{core_version.titel}.pdf",
    )
    return _punkt_from_core(actor=actor, p=p, genstand=version)


@transaction.atomic
def punkt_draft_planevaluering(*, actor: Any, evaluering_id: int, organ: Organ) -> Punkt:
    """A plan year's evaluation (with the analyst's edited paragraphs) for the committee."""
    from indsats.web.plans.models import Evaluering
    from indsats.web.plans.selectors import plan_version_scope

    require_perm(actor, DRAFT)
    versions = plan_version_scope(actor=actor)
    try:
        ev = Evaluering.objects.select_related("version", "version__plan").get(
            pk=evaluering_id, version__in=versions
        )
    except Evaluering.DoesNotExist:
        raise ValidationError({"evaluering": "Evalueringen findes ikke."}) from None
    data = {**ev.data, "tekster": {**(ev.data.get("tekster") or {}), **(ev.tekster or {})}}
    navn = f"{ev.version.plan.titel}, {ev.version.betegnelse.lower()}"
    p = drafting.planevaluering(data, plan_navn=navn, udvalg=organ.navn)
    return _punkt_from_core(actor=actor, p=p, genstand=ev)


@transaction.atomic
def punkt_draft_effektvurdering(*, actor: Any, evaluering_id: int, organ: Organ) -> Punkt:
    """A computed effect evaluation for the committee (effect, interval, naive figure, caveats)."""
    from indsats.evaluation.tekst import Sammenfatning
    from indsats.web.evaluation.selectors import evaluering_get

    require_perm(actor, DRAFT)
    ev = evaluering_get(actor=actor, evaluering_id=evaluering_id)
    if not ev.resultat or "sammenfatning" not in ev.resultat:
        raise ValidationError({"effekt": "Effektvurderingen er ikke beregnet endnu."})
    raw = ev.resultat["sammenfatning"]
    s = Sammenfatning(**{**raw, "tekst": tuple(raw["tekst"]), "forbehold": tuple(raw["forbehold"])})
    p = drafting.effektvurdering(s, udvalg=organ.navn)
    return _punkt_from_core(actor=actor, p=p, genstand=ev)


# --- editing and the agenda ---------------------------------------------------------------------


@transaction.atomic
def punkt_update(*, actor: Any, punkt_id: int, version: int, **fields: Any) -> Punkt:
    """Save an item's text. `sektioner` maps a section name to its paragraphs (the tables and
    sources a draft brought stay); `indstilling` is a list of points."""
    require_perm(actor, DRAFT)
    punkt = locked_for_update(Punkt, punkt_id, version)
    if punkt.kommune_kode != require_kommune(actor):
        raise ValidationError("Punktet hører til en anden kommune.")
    if hasattr(punkt, "beslutning"):
        raise ValidationError("Punktet er besluttet og kan ikke ændres.")
    sektioner = fields.pop("sektioner", None)
    if sektioner is not None:
        current = dict(punkt.sektioner or {})
        for navn, tekst in sektioner.items():
            if navn not in core.SEKTION_NAVNE:
                raise ValidationError({navn: "Ukendt afsnit."})
            entry = dict(current.get(navn) or {"tabeller": [], "kilder": []})
            entry["tekst"] = list(tekst)
            current[navn] = entry
        punkt.sektioner = current
    for name, value in fields.items():
        setattr(punkt, name, value)
    _save_bumped(punkt)
    return punkt


@transaction.atomic
def punkt_place(*, actor: Any, punkt_id: int, moede: Moede) -> Punkt:
    """Put a draft on a meeting's agenda as its next item."""
    require_perm(actor, DRAFT)
    punkt = Punkt.objects.select_for_update().get(pk=punkt_id, kommune_kode=require_kommune(actor))
    if moede.organ.kommune_kode != punkt.kommune_kode:
        raise ValidationError("Mødet hører til en anden kommune.")
    if moede.status_enum is not core.MoedeStatus.PLANLAGT:
        raise ValidationError("Dagsordenen er udsendt; nye punkter kommer på næste møde.")
    last = moede.punkter.aggregate(n=Max("nummer"))["n"] or 0
    punkt.moede = moede
    punkt.nummer = last + 1
    _save_bumped(punkt)
    return punkt


@dataclass(frozen=True)
class IkkeKlar(Exception):
    """Items that may not be published yet, with what to mend."""

    problemer: dict[str, list[str]]


@transaction.atomic
def moede_send_dagsorden(*, actor: Any, moede_id: int, version: int) -> Moede:
    """Send the agenda out. Every item is checked first (`publiceringskontrol`): a table that
    does not add up or text not written for the committee stops the agenda."""
    require_perm(actor, DRAFT)
    moede = locked_for_update(Moede, moede_id, version)
    if moede.organ.kommune_kode != require_kommune(actor):
        raise ValidationError("Mødet hører til en anden kommune.")
    problemer = {}
    for p in moede.punkter.all():
        found = publiceringskontrol(
            p.to_core(), kommune_navn=moede.organ.kommune_navn, organ=moede.organ.navn
        )
        if found:
            problemer[str(p)] = found
    if problemer:
        raise IkkeKlar(problemer)
    moede.status = core.MoedeStatus.DAGSORDEN_UDSENDT.value
    _save_bumped(moede)
    return moede


# --- decisions ----------------------------------------------------------------------------------


@transaction.atomic
def beslutning_record(
    *, actor: Any, punkt_id: int, version: int, udfald: str, tekst: str, dato: date
) -> Beslutning:
    """Record the committee's decision on an item. An approving decision acts on the item's
    object: an offer joins the catalogue, an investment case's follow-up starts, a plan version
    is approved and frozen."""
    require_perm(actor, DECIDE)
    punkt = locked_for_update(Punkt, punkt_id, version)
    if punkt.kommune_kode != require_kommune(actor):
        raise ValidationError("Punktet hører til en anden kommune.")
    if punkt.moede is None:
        raise ValidationError("Punktet er ikke på et mødes dagsorden.")
    if hasattr(punkt, "beslutning"):
        raise ValidationError("Der er allerede registreret en beslutning på punktet.")
    beslutning = Beslutning(
        punkt=punkt, udfald=core.Udfald(udfald).value, tekst=tekst, dato=dato, registreret_af=actor
    )
    beslutning.full_clean()
    beslutning.save()
    if beslutning.godkender and punkt.genstand is not None:
        _act(punkt.genstand, beslutning)
    moede = punkt.moede
    if moede.status_enum in (core.MoedeStatus.PLANLAGT, core.MoedeStatus.DAGSORDEN_UDSENDT):
        moede.status = core.MoedeStatus.AFHOLDT.value
        _save_bumped(moede)
    _save_bumped(punkt)
    return beslutning


def _act(genstand: Model, beslutning: Beslutning) -> None:
    from indsats.web.offers.models import Investeringscase, Tilbud

    ref = {
        "godkendt_ved_type": ContentType.objects.get_for_model(Beslutning),
        "godkendt_ved_id": beslutning.pk,
    }
    from indsats.web.plans.models import PlanVersion
    from indsats.web.plans.services import plan_version_approve

    if isinstance(genstand, PlanVersion):
        plan_version_approve(
            actor=beslutning.registreret_af,
            version_id=genstand.pk,
            laas=genstand.laas,
            dato=beslutning.dato,
            organ=beslutning.punkt.moede.organ.navn if beslutning.punkt.moede else "",
            beslutning_tekst=beslutning.tekst,
            decision=beslutning,
        )
    elif isinstance(genstand, Tilbud):
        Tilbud.objects.filter(pk=genstand.pk).update(
            status="aktiv", gyldig_fra=genstand.gyldig_fra or beslutning.dato, **ref
        )
    elif isinstance(genstand, Investeringscase):
        Investeringscase.objects.filter(pk=genstand.pk).update(
            opfoelgning_fra=beslutning.dato, **ref
        )
