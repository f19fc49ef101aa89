"""Reads for users and the audit trail."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet


def audit_trail_list(*, actor, action: int | None = None, username: str = "") -> QuerySet:
    """The audit trail of the actor's municipality, newest first. Admins only."""
    if not actor.has_perm("accounts.view_audit_trail"):
        raise PermissionDenied
    qs = (
        LogEntry.objects.select_related("actor", "content_type")
        .filter(actor__kommune_kode=actor.kommune_kode)
        .order_by("-timestamp", "-id")
    )
    if action is not None:
        qs = qs.filter(action=action)
    if username:
        qs = qs.filter(actor__username=username)
    return qs
