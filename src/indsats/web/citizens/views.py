import csv

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from indsats.web.citizens import selectors, services
from indsats.web.citizens.forms import BorgerCreateForm, BorgerSearchForm


@permission_required("citizens.view_borger", raise_exception=True)
@require_http_methods(["GET", "POST"])
def borger_list(request):
    # Searching is a POST so that a CPR typed into the search box never lands in a URL or log.
    form = BorgerSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        borgere = selectors.borger_search(actor=request.user, query=form.cleaned_data["q"])
        searched = True
    else:
        borgere = selectors.borger_list(actor=request.user)
        searched = False
    return render(request, "citizens/borger_list.html",
                  {"borgere": borgere, "form": form, "searched": searched})


@permission_required("citizens.view_borger", raise_exception=True)
def borger_detail(request, borger_id):
    borger = selectors.borger_get(actor=request.user, borger_id=borger_id)
    return render(request, "citizens/borger_detail.html", {"borger": borger})


@permission_required("citizens.add_borger", raise_exception=True)
@require_http_methods(["GET", "POST"])
def borger_create(request):
    form = BorgerCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        borger = services.borger_create(actor=request.user, **form.cleaned_data)
        return redirect("citizens:detail", borger_id=borger.pk)
    return render(request, "citizens/borger_form.html", {"form": form})


@permission_required("citizens.view_borger", raise_exception=True)
def borger_export(request):
    """The citizen list as CSV (semicolon-separated for Danish Excel), CPR masked."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="borgere.csv"'
    response.write("\ufeff")  # BOM, so Excel reads æøå
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Navn", "CPR-nummer", "Team", "Sagsbehandler"])
    for borger in selectors.borger_export(actor=request.user):
        writer.writerow([
            borger.navn, borger.cpr_masked, borger.team.navn,
            borger.sagsbehandler.get_full_name() if borger.sagsbehandler else "",
        ])
    return response
