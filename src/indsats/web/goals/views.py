"""Results pages: goals with status, goal detail, the monthly report. Thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indsats.goals.model import parse_month
from indsats.web.goals import selectors, services
from indsats.web.goals.forms import MaalForm

VIEW = permission_required("goals.view_resultater", raise_exception=True)
ADD = permission_required("goals.add_maal", raise_exception=True)
BUILD = permission_required("goals.build_rapport", raise_exception=True)


@require_GET
@VIEW
def resultater(request):
    r = selectors.rapport_visning_get(actor=request.user, month=request.GET.get("maaned"))
    return render(
        request,
        "goals/resultater.html",
        {
            "r": r,
            "maal_web": selectors.maal_list(kommune_kode=request.user.kommune_kode),
            "maaneder": selectors.rapport_month_list(kommune_kode=request.user.kommune_kode),
        },
    )


@require_GET
@VIEW
def maal_detail(request, goal_id: str):
    r = selectors.rapport_visning_get(actor=request.user, month=request.GET.get("maaned"))
    goal = next((g for g in (r or {}).get("maal", []) if g["id"] == goal_id), None)
    if goal is None:
        raise Http404("Målet findes ikke i månedsrapporten.")
    return render(
        request,
        "goals/maal_detail.html",
        {"r": r, "g": goal, "drilldown": request.user.has_perm("goals.view_drilldown")},
    )


@require_http_methods(["GET", "POST"])
@ADD
def maal_create(request):
    form = MaalForm(request.POST or None, kommune_kode=request.user.kommune_kode)
    if request.method == "POST" and form.is_valid():
        obj = services.maal_create(actor=request.user, form=form)
        messages.success(
            request,
            f"Målet »{obj.titel}« er oprettet. Det kommer med, næste gang månedsrapporten bygges.",
        )
        return redirect("goals:resultater")
    return render(request, "goals/maal_form.html", {"form": form})


@require_GET
@VIEW
def rapport(request):
    k = request.user.kommune_kode
    return render(
        request,
        "goals/rapport.html",
        {
            "maaneder": selectors.rapport_month_list(kommune_kode=k),
            "kan_bygge": request.user.has_perm("goals.build_rapport"),
            "har_register": selectors.register_dir_get(kommune_kode=k).exists(),
        },
    )


@require_POST
@BUILD
def rapport_build(request):
    month = request.POST.get("maaned", "")
    try:
        parse_month(month)
        result = services.rapport_build(actor=request.user, month=month)
    except (ValueError, FileNotFoundError) as exc:
        messages.error(request, f"Rapporten kunne ikke bygges: {exc}")
        return redirect("goals:rapport")
    messages.success(request, f"Månedsrapporten for {month} er bygget ({result.pages} sider).")
    return redirect("goals:rapport")


@require_GET
@VIEW
def rapport_fil(request, month: str, kind: str):
    d = selectors.rapport_dir_get(kommune_kode=request.user.kommune_kode, month=month)
    if d is None or kind not in ("pdf", "html"):
        raise Http404("Rapporten findes ikke.")
    path = d / f"report.{kind}"
    if not path.exists():
        raise Http404("Rapporten findes ikke.")
    return FileResponse(
        path.open("rb"),
        as_attachment=kind == "pdf",
        filename=f"maanedsrapport-{request.user.kommune_kode}-{month}.{kind}",
        content_type="application/pdf" if kind == "pdf" else "text/html",
    )
