"""Reads of citizen data. Every function here scopes by the actor and writes audit rows."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from indsats.domain.cpr import Cpr, InvalidCpr
from indsats.web.accounts.audit import ReadPurpose, audit_reads
from indsats.web.citizens.models import Borger


def borger_scope(*, actor) -> QuerySet[Borger]:
    """The citizens the actor may see: their municipality, and their team unless a leader."""
    if not actor.is_authenticated or not actor.has_perm("citizens.view_borger"):
        return Borger.objects.none()
    qs = Borger.objects.filter(kommune_kode=actor.kommune_kode)
    if not actor.has_perm("accounts.view_all_teams"):
        qs = qs.filter(team_id=actor.team_id)
    return qs


def borger_list(*, actor, limit: int = 200) -> list[Borger]:
    if not actor.has_perm("citizens.view_borger"):
        raise PermissionDenied
    borgere = list(borger_scope(actor=actor).select_related("team", "sagsbehandler")[:limit])
    audit_reads(actor=actor, objects=borgere, purpose=ReadPurpose.LIST)
    return borgere


def borger_search(*, actor, query: str, limit: int = 50) -> list[Borger]:
    """Search by name or by full CPR. The query arrives by POST, never in a URL."""
    if not actor.has_perm("citizens.view_borger"):
        raise PermissionDenied
    query = query.strip()
    qs = borger_scope(actor=actor)
    try:
        qs = qs.filter(cpr=Cpr.parse(query).digits)
    except InvalidCpr:
        for word in query.split():
            qs = qs.filter(Q(fornavn__icontains=word) | Q(efternavn__icontains=word))
    borgere = list(qs.select_related("team", "sagsbehandler")[:limit])
    audit_reads(actor=actor, objects=borgere, purpose=ReadPurpose.SEARCH)
    return borgere


def borger_get(*, actor, borger_id) -> Borger:
    try:
        borger = borger_scope(actor=actor).select_related("team", "sagsbehandler").get(pk=borger_id)
    except (Borger.DoesNotExist, ValueError):
        raise Http404("Borgeren findes ikke, eller du har ikke adgang.") from None
    audit_reads(actor=actor, objects=[borger], purpose=ReadPurpose.DETAIL)
    return borger


def borger_export(*, actor) -> list[Borger]:
    """All citizens in the actor's scope, for a CSV export. Audited as an export."""
    if not actor.has_perm("citizens.view_borger"):
        raise PermissionDenied
    borgere = list(borger_scope(actor=actor).select_related("team", "sagsbehandler"))
    audit_reads(actor=actor, objects=borgere, purpose=ReadPurpose.EXPORT)
    return borgere
