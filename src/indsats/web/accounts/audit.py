"""Read auditing: every selector that returns citizen data calls `audit_reads`.

Changes are logged by django-auditlog's registry; reads are written here as auditlog `LogEntry`
rows with action ACCESS, one per object shown, in a single bulk insert per result set, so that
the whole trail (who, when, what, which request) is in one append-only table.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

from indsats.web.accounts.middleware import current_remote_addr, current_request_id


class ReadPurpose(StrEnum):
    DETAIL = "detail"
    LIST = "list"
    SEARCH = "search"
    EXPORT = "export"
    WORKLIST = "worklist"
    BOOKING = "booking"  # the citizen's own booking page, no staff actor
    CPR_LOOKUP = "cpr_lookup"  # creating a citizen whose CPR the municipality already has
    SLOTS = "slots"  # the caseworker's slot list names who booked
    EMAIL = "email"  # a booking link, confirmation or cancellation e-mailed to the citizen
    CALENDAR = "kalender"  # the caseworker's calendar of samtaler (page, file or feed)
    EVALUATION = "evaluering"  # referred citizens' register ids read for an effect evaluation


# How each purpose reads on the audit trail page.
PURPOSE_LABELS = {
    ReadPurpose.DETAIL: "Borgerside",
    ReadPurpose.LIST: "Liste",
    ReadPurpose.SEARCH: "Søgning",
    ReadPurpose.EXPORT: "Eksport (CSV)",
    ReadPurpose.WORKLIST: "Mine opgaver",
    ReadPurpose.BOOKING: "Borgerens booking",
    ReadPurpose.CPR_LOOKUP: "CPR-opslag ved oprettelse",
    ReadPurpose.SLOTS: "Ledige tider",
    ReadPurpose.CALENDAR: "Kalender",
    ReadPurpose.EMAIL: "E-mail til borgeren",
    ReadPurpose.EVALUATION: "Effektvurdering",
}


def purpose_label(purpose: str | None) -> str:
    if not purpose:
        return ""
    try:
        return PURPOSE_LABELS[ReadPurpose(purpose)]
    except (ValueError, KeyError):
        return purpose


def audit_reads(*, actor, objects: Iterable[models.Model], purpose: ReadPurpose) -> int:
    objects = list(objects)
    if not objects:
        return 0
    # What is the same on every row is read once: the worklist writes a row per citizen shown
    # on every request, and `request.user` is a lazy object that costs on every attribute read.
    content_type_id = ContentType.objects.get_for_model(objects[0]).pk
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    actor_email = getattr(actor, "email", "") or None
    cid, remote_addr = current_request_id(), current_remote_addr()
    rows = [
        LogEntry(
            content_type_id=content_type_id,
            object_pk=str(obj.pk),
            object_id=obj.pk if isinstance(obj.pk, int) else None,
            object_repr=str(obj),
            action=LogEntry.Action.ACCESS,
            actor_id=actor_id,
            actor_email=actor_email,
            cid=cid,
            remote_addr=remote_addr,
            additional_data={
                "purpose": str(purpose),
                "kommune": getattr(obj, "kommune_kode", None),
            },
        )
        for obj in objects
    ]
    LogEntry.objects.bulk_create(rows)
    return len(rows)
