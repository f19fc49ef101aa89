"""Reads of the committee app, scoped: a user sees the bodies of their municipality; a committee
member sees the meetings of their own body once the agenda is sent; the public sees the public
version of a body that has public access turned on."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from indsats.committee import model as core
from indsats.committee.documents import Moededokument, moededokument
from indsats.committee.publishing import publiceringskontrol
from indsats.web.accounts.permissions import require_kommune, require_perm
from indsats.web.committee.models import Moede, Organ, Punkt

_SENT = [
    core.MoedeStatus.DAGSORDEN_UDSENDT.value,
    core.MoedeStatus.AFHOLDT.value,
    core.MoedeStatus.REFERAT_GODKENDT.value,
]


def organ_list(*, actor: Any) -> list[Organ]:
    require_perm(actor, "committee.view_moede")
    qs = Organ.objects.filter(kommune_kode=require_kommune(actor))
    if not actor.has_perm("committee.view_all_moeder"):
        qs = qs.filter(medlemmer__bruger=actor)
    return list(qs.distinct().order_by("navn"))


def _moede_scope(actor: Any) -> QuerySet[Moede]:
    require_perm(actor, "committee.view_moede")
    qs = Moede.objects.filter(organ__kommune_kode=require_kommune(actor)).select_related("organ")
    if not actor.has_perm("committee.view_all_moeder"):
        qs = qs.filter(organ__medlemmer__bruger=actor, status__in=_SENT)
    return qs.distinct()


def moede_list(*, actor: Any) -> list[Moede]:
    return list(_moede_scope(actor).order_by("-tidspunkt"))


def moede_get(*, actor: Any, moede_id: int) -> Moede:
    try:
        return _moede_scope(actor).get(pk=moede_id)
    except Moede.DoesNotExist:
        raise Http404("Mødet findes ikke, eller du har ikke adgang.") from None


def punkt_list(*, moede: Moede) -> list[Punkt]:
    return list(moede.punkter.select_related("beslutning").order_by("nummer"))


def punkt_get(*, actor: Any, punkt_id: int) -> Punkt:
    require_perm(actor, "committee.view_punkt")
    qs = Punkt.objects.filter(kommune_kode=require_kommune(actor)).select_related(
        "moede", "moede__organ"
    )
    if not actor.has_perm("committee.view_all_moeder"):
        qs = qs.filter(moede__organ__medlemmer__bruger=actor, moede__status__in=_SENT)
    try:
        return qs.distinct().get(pk=punkt_id)
    except Punkt.DoesNotExist:
        raise Http404("Punktet findes ikke, eller du har ikke adgang.") from None


def punkt_draft_list(*, actor: Any) -> list[Punkt]:
    """Items not yet on an agenda (drafts)."""
    require_perm(actor, "committee.draft_punkt")
    return list(
        Punkt.objects.filter(kommune_kode=require_kommune(actor), moede__isnull=True).order_by(
            "-oprettet"
        )
    )


def punkt_problem_list(*, punkt: Punkt) -> list[str]:
    """What stops the item from being published (empty: ready)."""
    organ = punkt.moede.organ if punkt.moede else None
    return publiceringskontrol(
        punkt.to_core(),
        kommune_navn=organ.kommune_navn if organ else "",
        organ=organ.navn if organ else "",
    )


def moededokument_get(*, moede: Moede, referat: bool, offentlig: bool) -> Moededokument:
    return moededokument(
        moede.to_core(punkter=punkt_list(moede=moede)),
        referat=referat,
        offentlig=offentlig,
        kladde=moede.status_enum is core.MoedeStatus.PLANLAGT,
        dannet=timezone.localdate(),  # the jobcenter's day (and the demo's), not the server's
    )


def moede_public_get(*, kommune_kode: int, moede_id: int) -> Moede:
    """A meeting whose public version anyone may read: its body has public access turned on and
    its agenda has been sent."""
    try:
        return Moede.objects.select_related("organ").get(
            Q(pk=moede_id),
            organ__kommune_kode=kommune_kode,
            organ__offentlig_adgang=True,
            status__in=_SENT,
        )
    except Moede.DoesNotExist:
        raise Http404("Mødet findes ikke, eller det er ikke offentligt.") from None


def moede_public_list(*, kommune_kode: int) -> list[Moede]:
    return list(
        Moede.objects.select_related("organ")
        .filter(organ__kommune_kode=kommune_kode, organ__offentlig_adgang=True, status__in=_SENT)
        .order_by("-tidspunkt")
    )
