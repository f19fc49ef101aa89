from auditlog.models import LogEntry
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from indsats.web.accounts import selectors

ACTION_LABELS = {
    LogEntry.Action.CREATE: "Oprettet",
    LogEntry.Action.UPDATE: "Ændret",
    LogEntry.Action.DELETE: "Slettet",
    LogEntry.Action.ACCESS: "Læst",
}


@require_GET
def audit_trail(request):
    try:
        action = int(request.GET["handling"]) if request.GET.get("handling") else None
    except ValueError:
        action = None
    entries = selectors.audit_trail_list(
        actor=request.user, action=action, username=request.GET.get("bruger", "").strip()
    )
    page = Paginator(entries, 50).get_page(request.GET.get("side"))
    return render(
        request,
        "accounts/audit_trail.html",
        {"page": page, "action_labels": ACTION_LABELS, "action": action},
    )
