from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from indsats.economics.catalogue import forloebspris, merudgift
from indsats.economics.report import budget_maaned_tabel, budget_tabel
from indsats.web.offers import selectors, services
from indsats.web.offers.forms import (
    BudgetForm,
    InvesteringscaseForm,
    KursusberegningForm,
    LeverandoerForm,
    TilbudForm,
)
from indsats.web.offers.models import TILBUDSTYPE_CHOICES


@permission_required("offers.view_tilbud", raise_exception=True)
@require_GET
def tilbud_list(request):
    type_ = request.GET.get("type", "")
    if type_ not in dict(TILBUDSTYPE_CHOICES):
        type_ = ""
    tilbud = selectors.tilbud_list(actor=request.user, type=type_)
    return render(
        request,
        "offers/tilbud_list.html",
        {"tilbud": tilbud, "typer": TILBUDSTYPE_CHOICES, "valgt_type": type_},
    )


@permission_required("offers.view_tilbud", raise_exception=True)
@require_GET
def tilbud_detail(request, tilbud_id):
    tilbud = selectors.tilbud_get(actor=request.user, tilbud_id=tilbud_id)
    alternativer = [t.to_core() for t in selectors.tilbud_list(actor=request.user)]
    form = KursusberegningForm(
        request.GET if "varighed" in request.GET else None,
        initial={"varighed": "12", "enhed": "maaneder"},
    )
    forloeb = sammenligning = None
    if form.is_bound and form.is_valid():
        forloeb = forloebspris(
            tilbud.pris, antal=form.cleaned_data["varighed"], enhed=form.cleaned_data["enhed"]
        )
        sammenligning = merudgift(
            tilbud.to_core(), alternativer, antal=forloeb.antal, enhed=forloeb.enhed
        )
    aarlig = merudgift(tilbud.to_core(), alternativer)
    return render(
        request,
        "offers/tilbud_detail.html",
        {
            "t": tilbud,
            "form": form,
            "forloeb": forloeb,
            "sammenligning": sammenligning,
            "aarlig": aarlig,
        },
    )


@permission_required("offers.add_tilbud", raise_exception=True)
@require_http_methods(["GET", "POST"])
def tilbud_create(request):
    form = TilbudForm(request.POST or None, kommune_kode=request.user.kommune_kode)
    if request.method == "POST" and form.is_valid():
        tilbud = services.tilbud_create(actor=request.user, **form.cleaned_data)
        messages.success(request, f"Tilbuddet »{tilbud.navn}« er oprettet.")
        return redirect("offers:detail", tilbud_id=tilbud.pk)
    return render(request, "offers/form.html", {"form": form, "titel": "Opret tilbud"})


@permission_required("offers.add_leverandoer", raise_exception=True)
@require_http_methods(["GET", "POST"])
def leverandoer_create(request):
    form = LeverandoerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lev = services.leverandoer_create(actor=request.user, **form.cleaned_data)
        messages.success(request, f"Leverandøren »{lev.navn}« er oprettet.")
        return redirect("offers:create")
    return render(request, "offers/form.html", {"form": form, "titel": "Opret leverandør"})


@permission_required("offers.view_budget", raise_exception=True)
@require_GET
def budget(request):
    years = selectors.budget_aar_list(actor=request.user)
    try:
        aar = int(request.GET.get("aar", years[-1] if years else 0))
    except ValueError:
        aar = years[-1] if years else 0
    linjer = selectors.budget_opfoelgning_list(actor=request.user, aar=aar) if aar else []
    ok = [linje.opfoelgning for linje in linjer if linje.opfoelgning is not None]
    return render(
        request,
        "offers/budget.html",
        {
            "aar": aar,
            "years": years,
            "linjer": linjer,
            "oversigt": budget_tabel(ok) if ok else None,
            "maanedstabeller": [
                (linje, budget_maaned_tabel(linje.opfoelgning))
                for linje in linjer
                if linje.opfoelgning is not None
            ],
        },
    )


@permission_required("offers.add_budget", raise_exception=True)
@require_http_methods(["GET", "POST"])
def budget_create(request):
    form = BudgetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        b = services.budget_set(actor=request.user, **form.cleaned_data)
        messages.success(request, f"Budgettet for {b} er gemt.")
        return redirect(f"{reverse('oekonomi:budget')}?aar={b.aar}")
    return render(request, "offers/form.html", {"form": form, "titel": "Budgetlinje"})


@permission_required("offers.view_investeringscase", raise_exception=True)
@require_GET
def case_list(request):
    cases = selectors.investeringscase_list(actor=request.user)
    return render(request, "offers/case_list.html", {"cases": cases})


@permission_required("offers.view_investeringscase", raise_exception=True)
@require_GET
def case_detail(request, case_id):
    visning = selectors.investeringscase_get(actor=request.user, case_id=case_id)
    return render(
        request,
        "offers/case_detail.html",
        {"v": visning, "r": visning.resultat, "c": visning.resultat.case, "case": visning.case},
    )


@permission_required("offers.add_investeringscase", raise_exception=True)
@require_http_methods(["GET", "POST"])
def case_create(request):
    form = InvesteringscaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = services.investeringscase_create(actor=request.user, case=form.cleaned_data["case"])
        messages.success(request, f"Investeringscasen »{row.navn}« er oprettet.")
        return redirect("oekonomi:case_detail", case_id=row.pk)
    return render(request, "offers/form.html", {"form": form, "titel": "Ny investeringscase"})
