"""Reads for users and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet

from indsats.domain.kommuner import get_kommune
from indsats.web.accounts.models import Kommuneindstillinger
from indsats.web.accounts.permissions import require_perm


def audit_trail_list(
    *, actor, action: int | None = None, username: str = "", borger_id: str = ""
) -> QuerySet:
    """The audit trail of the actor's municipality, newest first. Admins only.

    `borger_id` (a citizen's random id, never the CPR) keeps the rows about that citizen: reads
    of the citizen, and changes of the citizen's own record and of everything that belongs to
    them (cases, samtaler, offers, plan), which carry the citizen's id in their additional data
    (`citizens.models.CitizenAudit`).
    """
    require_perm(actor, "accounts.view_audit_trail")
    # Staff of the municipality, and reads without a staff actor (the citizen's booking page)
    # of the municipality's citizens.
    qs = (
        LogEntry.objects.select_related("actor", "content_type")
        .filter(
            Q(actor__kommune_kode=actor.kommune_kode)
            | Q(actor__isnull=True, additional_data__kommune=actor.kommune_kode)
        )
        .order_by("-timestamp", "-id")
    )
    if action is not None:
        qs = qs.filter(action=action)
    if username:
        qs = qs.filter(actor__username=username)
    if borger_id:
        qs = qs.filter(
            Q(
                content_type__app_label="citizens",
                content_type__model="borger",
                object_pk=borger_id,
            )
            | Q(additional_data__borger=borger_id)
        )
    return qs


@dataclass(frozen=True)
class Jobcenter:
    """How a municipality's jobcenter is named and reached, for citizen pages and e-mails."""

    navn: str
    telefon: str
    adresse: str
    email: str


def jobcenter_get(*, kommune_kode: int) -> Jobcenter:
    """The municipality's settings (Kommuneindstillinger), or "Jobcenter <kommune>" without a
    phone number if an admin has not filled them in. Public facts: no permission needed."""
    row = Kommuneindstillinger.objects.filter(kommune_kode=kommune_kode).first()
    if row is None:
        return Jobcenter(f"Jobcenter {get_kommune(kommune_kode).navn}", "", "", "")
    return Jobcenter(row.jobcenter_navn, row.telefon, row.adresse, row.email)
