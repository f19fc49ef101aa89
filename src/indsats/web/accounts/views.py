import uuid

from auditlog.models import LogEntry
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from indsats.web.accounts import selectors
from indsats.web.accounts.audit import ReadPurpose, purpose_label

ACTION_LABELS = {
    LogEntry.Action.CREATE: "Oprettet",
    LogEntry.Action.UPDATE: "Ændret",
    LogEntry.Action.DELETE: "Slettet",
    LogEntry.Action.ACCESS: "Læst",
}
_NONE = ("None", "", None)


def _who(entry) -> str:
    if entry.actor is not None:
        return entry.actor.get_full_name() or entry.actor.username
    data = entry.additional_data or {}
    if data.get("purpose") == ReadPurpose.BOOKING or (
        entry.content_type.model == "samtale"
        and (entry.changes_dict.get("booket_af") or [None, None])[1] == "borger"
    ):
        return "Borgeren (bookinglink)"
    return "Systemet"


def _changes(entry) -> list[tuple[str, str, str]]:
    """(field, before, after) for a change row, with the model's Danish field names. The CPR
    is stored masked to the birth date (citizens.fields.cpr_audit_mask)."""
    if entry.action == LogEntry.Action.ACCESS:
        return []
    model = entry.content_type.model_class()
    rows = []
    for name, values in entry.changes_dict.items():
        if not isinstance(values, list | tuple) or len(values) != 2:
            continue
        label = name
        if model is not None:
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except Exception:  # a field removed since the row was written
                label = name
        before, after = ("–" if v in _NONE else str(v) for v in values)
        rows.append((label[:1].upper() + label[1:], before, after))
    return rows


def _row(entry) -> dict:
    data = entry.additional_data or {}
    if entry.content_type.model == "borger" and entry.content_type.app_label == "citizens":
        borger = entry.object_repr
    else:
        borger = data.get("borger_navn", "")
    model = entry.content_type.model_class()
    kind = str(model._meta.verbose_name) if model is not None else entry.content_type.model
    return {
        "entry": entry,
        "who": _who(entry),
        "action": ACTION_LABELS.get(entry.action, ""),
        "purpose": purpose_label(data.get("purpose")),
        "borger": borger,
        "kind": kind[:1].upper() + kind[1:],
        "changes": _changes(entry),
    }


def _borger_id(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return ""


@require_GET
def audit_trail(request):
    try:
        action = int(request.GET["handling"]) if request.GET.get("handling") else None
    except ValueError:
        action = None
    borger_id = _borger_id(request.GET.get("borger", "").strip())
    entries = selectors.audit_trail_list(
        actor=request.user,
        action=action,
        username=request.GET.get("bruger", "").strip(),
        borger_id=borger_id,
    )
    page = Paginator(entries, 50).get_page(request.GET.get("side"))
    rows = [_row(entry) for entry in page]
    borger_navn = next((r["borger"] for r in rows if r["borger"]), "")
    return render(
        request,
        "accounts/audit_trail.html",
        {
            "page": page,
            "rows": rows,
            "action_labels": ACTION_LABELS,
            "action": action,
            "borger_id": borger_id,
            "borger_navn": borger_navn,
        },
    )
