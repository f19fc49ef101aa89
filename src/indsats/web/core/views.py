from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from indsats.web.accounts.roles import ROLE_LABELS, Rolle


@require_GET
def start(request):
    user = request.user
    roller = [
        ROLE_LABELS[Rolle(name)] for name in user.roller if name in Rolle.__members__.values()
    ]
    return render(request, "core/start.html", {"roller": roller})


@login_not_required
@require_GET
def health(request):
    """For load balancers: says only that the process answers."""
    return JsonResponse({"status": "ok"})
