"""Thin views: parse the request, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from indsats.companyservice.barometer import BEHOV_LABELS
from indsats.web.companies import forms, selectors, services
from indsats.web.companies.models import Kandidatafvisning
from indsats.web.core.forms import form_add_service_errors

SMALL_CELL = 5


@permission_required("companies.view_virksomhed", raise_exception=True)
def portfolio(request):
    """Min portefølje: the consultant's companies by next follow-up."""
    konsulent = None
    if request.GET.get("konsulent") and request.user.has_perm("companies.view_all_portfolios"):
        konsulent = selectors.konsulent_get(
            actor=request.user, konsulent_id=request.GET["konsulent"]
        )
    virksomheder = selectors.virksomhed_portfolio_list(actor=request.user, konsulent=konsulent)
    return render(
        request,
        "companies/portfolio.html",
        {
            "virksomheder": virksomheder,
            "idag": timezone.localdate(),
            "valgt": konsulent,
            "konsulenter": selectors.konsulent_list(actor=request.user)
            if request.user.has_perm("companies.view_all_portfolios")
            else [],
        },
    )


@permission_required("companies.view_virksomhed", raise_exception=True)
def virksomhed_list(request):
    query = request.GET.get("q", "")[:100]
    uden = request.GET.get("uden_konsulent") == "1"
    return render(
        request,
        "companies/virksomhed_list.html",
        {
            "virksomheder": selectors.virksomhed_list(
                actor=request.user, query=query, uden_konsulent=uden
            ),
            "q": query,
            "uden_konsulent": uden,
            "idag": timezone.localdate(),
        },
    )


@permission_required("companies.add_virksomhed", raise_exception=True)
@require_http_methods(["GET", "POST"])
def virksomhed_create(request):
    form = forms.VirksomhedForm(request.POST or None, kommune_kode=request.user.kommune_kode)
    if request.method == "POST" and form.is_valid():
        try:
            v = services.virksomhed_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"{v.navn} er oprettet.")
            return redirect("companies:detail", virksomhed_id=v.pk)
    return render(
        request, "companies/form.html", {"form": form, "titel": "Opret virksomhed", "knap": "Opret"}
    )


@permission_required("companies.view_virksomhed", raise_exception=True)
def virksomhed_detail(request, virksomhed_id):
    overblik = selectors.virksomhed_overblik_get(actor=request.user, virksomhed_id=virksomhed_id)
    v = overblik.virksomhed
    may_handover = request.user.has_perm("companies.handover_virksomhed") and (
        v.konsulent_id in (request.user.pk, None)
        or request.user.has_perm("companies.view_all_portfolios")
    )
    return render(
        request,
        "companies/virksomhed_detail.html",
        {
            "o": overblik,
            "v": v,
            "idag": timezone.localdate(),
            "kontakt_form": forms.KontaktForm(initial={"dato": timezone.localdate()}),
            "handover_form": forms.HandoverForm(
                konsulenter=selectors.konsulent_list(actor=request.user)
            )
            if may_handover
            else None,
        },
    )


def _company_form_view(request, virksomhed_id, *, form_class, service, titel, knap, initial=None):
    v = selectors.virksomhed_get(actor=request.user, virksomhed_id=virksomhed_id)
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, virksomhed=v, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"{titel} er registreret.")
            return redirect("companies:detail", virksomhed_id=v.pk)
    return render(
        request,
        "companies/form.html",
        {"form": form, "titel": titel, "knap": knap, "virksomhed": v},
    )


@permission_required("companies.change_virksomhed", raise_exception=True)
@require_http_methods(["GET", "POST"])
def kontakt_create(request, virksomhed_id):
    return _company_form_view(
        request,
        virksomhed_id,
        form_class=forms.KontaktForm,
        service=services.kontakt_create,
        titel="Kontakt",
        knap="Gem kontakt",
        initial={"dato": timezone.localdate()},
    )


@permission_required("companies.change_virksomhed", raise_exception=True)
@require_http_methods(["GET", "POST"])
def hotline_create(request, virksomhed_id):
    now = timezone.localtime().replace(second=0, microsecond=0)
    return _company_form_view(
        request,
        virksomhed_id,
        form_class=forms.HotlineForm,
        service=services.hotline_create,
        titel="Hotline-henvendelse",
        knap="Gem henvendelse",
        initial={"modtaget": now},
    )


@permission_required("companies.change_virksomhed", raise_exception=True)
@require_http_methods(["GET", "POST"])
def aftale_create(request, virksomhed_id):
    return _company_form_view(
        request,
        virksomhed_id,
        form_class=forms.AftaleForm,
        service=services.aftale_create,
        titel="Aftale",
        knap="Gem aftale",
        initial={"fra": timezone.localdate()},
    )


@permission_required("companies.change_virksomhed", raise_exception=True)
@require_POST
def hotline_answer(request, henvendelse_id):
    h = selectors.hotline_get(actor=request.user, henvendelse_id=henvendelse_id)
    services.hotline_answer(actor=request.user, henvendelse=h)
    messages.success(request, "Henvendelsen er markeret som besvaret.")
    return redirect("companies:detail", virksomhed_id=h.virksomhed_id)


@permission_required("companies.handover_virksomhed", raise_exception=True)
@require_POST
def virksomhed_handover(request, virksomhed_id):
    v = selectors.virksomhed_get(actor=request.user, virksomhed_id=virksomhed_id)
    form = forms.HandoverForm(
        request.POST, konsulenter=selectors.konsulent_list(actor=request.user)
    )
    if form.is_valid():
        try:
            services.virksomhed_handover(
                actor=request.user, virksomhed=v, konsulent=form.cleaned_data["konsulent"]
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))
        else:
            navn = form.cleaned_data["konsulent"].get_full_name()
            messages.success(request, f"{v.navn} er overdraget til {navn}.")
            return redirect("companies:portfolio")
    else:
        messages.error(request, "Vælg den konsulent, virksomheden skal overdrages til.")
    return redirect("companies:detail", virksomhed_id=v.pk)


@permission_required("companies.view_virksomhed", raise_exception=True)
def jobordre_list(request):
    aabne = request.GET.get("alle") != "1"
    return render(
        request,
        "companies/jobordre_list.html",
        {"jobordrer": selectors.jobordre_list(actor=request.user, aabne=aabne), "aabne": aabne},
    )


@permission_required("companies.change_virksomhed", raise_exception=True)
@require_http_methods(["GET", "POST"])
def jobordre_create(request):
    initial = {}
    if request.GET.get("virksomhed"):
        initial["virksomhed"] = request.GET["virksomhed"]
    form = forms.JobordreForm(
        request.POST or None,
        initial=initial,
        virksomheder=selectors.virksomhed_scope(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            j = services.jobordre_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Jobordren er oprettet.")
            return redirect("companies:jobordre_detail", jobordre_id=j.pk)
    return render(
        request,
        "companies/form.html",
        {"form": form, "titel": "Ny jobordre", "knap": "Opret jobordre"},
    )


@permission_required("companies.view_virksomhed", raise_exception=True)
def jobordre_detail(request, jobordre_id):
    j = selectors.jobordre_get(actor=request.user, jobordre_id=jobordre_id)
    may_match = request.user.has_perm("companies.match_candidates")
    forslag = selectors.kandidatforslag_list(actor=request.user, jobordre=j) if may_match else []
    afvisninger = (
        selectors.kandidatafvisning_list(actor=request.user, jobordre=j) if may_match else []
    )
    kandidater = (
        selectors.kandidat_match_list(actor=request.user, jobordre=j)
        if may_match and j.er_aaben
        else []
    )
    return render(
        request,
        "companies/jobordre_detail.html",
        {
            "j": j,
            "forslag": forslag,
            "afvisninger": afvisninger,
            "aarsager": Kandidatafvisning.Aarsag.choices,
            "kandidater": kandidater,
            "may_match": may_match,
            "aftaler": selectors.aftale_list(
                actor=request.user, virksomhed=j.virksomhed, med_pladser=True
            ),
        },
    )


@permission_required("companies.match_candidates", raise_exception=True)
@require_POST
def jobordre_propose(request, jobordre_id):
    j = selectors.jobordre_get(actor=request.user, jobordre_id=jobordre_id)
    ids = request.POST.getlist("borger")
    if not ids:
        messages.error(request, "Vælg mindst én kandidat at foreslå.")
    else:
        try:
            made = services.kandidatforslag_create(actor=request.user, jobordre=j, borger_ids=ids)
        except (ValidationError, ValueError):
            raise Http404 from None
        messages.success(
            request,
            f"{len(made)} kandidat{'er' if len(made) != 1 else ''} foreslået til virksomheden.",
        )
    return redirect("companies:jobordre_detail", jobordre_id=j.pk)


@permission_required("companies.match_candidates", raise_exception=True)
@require_POST
def jobordre_reject(request, jobordre_id):
    """Record a candidate as not a candidate for this vacancy, with the reason."""
    j = selectors.jobordre_get(actor=request.user, jobordre_id=jobordre_id)
    try:
        a = services.kandidat_reject(
            actor=request.user,
            jobordre=j,
            borger_id=request.POST.get("borger", ""),
            aarsag=request.POST.get("aarsag", ""),
            bemaerkning=request.POST.get("bemaerkning", ""),
        )
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(
            request, f"{a.borger.navn} er fravalgt til stillingen ({a.get_aarsag_display()})."
        )
    return redirect("companies:jobordre_detail", jobordre_id=j.pk)


@permission_required("companies.change_virksomhed", raise_exception=True)
@require_POST
def jobordre_close(request, jobordre_id):
    j = selectors.jobordre_get(actor=request.user, jobordre_id=jobordre_id)
    services.jobordre_close(actor=request.user, jobordre=j)
    messages.success(request, "Jobordren er lukket.")
    return redirect("companies:jobordre_detail", jobordre_id=j.pk)


@permission_required("companies.match_candidates", raise_exception=True)
@require_POST
def forslag_hire(request, forslag_id):
    f = selectors.kandidatforslag_get(actor=request.user, forslag_id=forslag_id)
    j = f.jobordre
    form = forms.HireForm(
        request.POST, aftaler=selectors.aftale_list(actor=request.user, virksomhed=j.virksomhed)
    )
    if form.is_valid():
        try:
            services.kandidatforslag_hire(actor=request.user, forslag=f, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{f.borger.navn} er registreret som ansat.")
    else:
        messages.error(
            request,
            "Tjek datoer og timer: "
            + " ".join(str(e) for errs in form.errors.values() for e in errs),
        )
    return redirect("companies:jobordre_detail", jobordre_id=j.pk)


@permission_required("companies.change_virksomhed", raise_exception=True)
@require_http_methods(["GET", "POST"])
def placering_end(request, placering_id):
    p = selectors.placering_get(actor=request.user, placering_id=placering_id)
    v = p.virksomhed
    form = forms.PlaceringEndForm(
        request.POST or None, instance=p, initial={"slut": p.slut or timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        services.placering_end(actor=request.user, placering=p, **form.cleaned_data)
        messages.success(request, "Placeringen er afsluttet.")
        return redirect("companies:detail", virksomhed_id=v.pk)
    return render(
        request,
        "companies/form.html",
        {"form": form, "titel": "Afslut placering", "knap": "Gem", "virksomhed": v},
    )


@permission_required("companies.match_candidates", raise_exception=True)
@require_http_methods(["GET", "POST"])
def kandidat_detail(request, borger_id):
    """A citizen as a candidate: profile for matching, and the open vacancies that fit."""
    borger = selectors.kandidat_get(actor=request.user, borger_id=borger_id)
    profil = getattr(borger, "kandidatprofil", None)
    form = forms.KandidatprofilForm(request.POST or None, instance=profil)
    if request.method == "POST" and form.is_valid():
        services.kandidatprofil_save(actor=request.user, borger=borger, **form.cleaned_data)
        messages.success(request, "Kandidatprofilen er gemt.")
        return redirect("companies:kandidat_detail", borger_id=borger.pk)
    return render(
        request,
        "companies/kandidat_detail.html",
        {
            "borger": borger,
            "form": form,
            "matches": selectors.jobordre_match_list(actor=request.user, borger=borger),
        },
    )


def _periode(request):
    fra, til = selectors.periode_default_get()
    bound = "fra" in request.GET or "til" in request.GET
    form = forms.PeriodeForm(request.GET if bound else None, initial={"fra": fra, "til": til})
    if bound and form.is_valid():
        fra, til = form.cleaned_data["fra"], form.cleaned_data["til"]
    return form, fra, til


@permission_required("companies.view_jobbarometer", raise_exception=True)
def jobbarometer(request):
    form, fra, til = _periode(request)
    rows = selectors.jobbarometer_list(actor=request.user, fra=fra, til=til)
    opslag = forms.BrancheOpslagForm(request.GET or None)
    valgt = None
    if request.GET.get("db07") and opslag.is_valid() and opslag.cleaned_data["db07"]:
        from indsats.companyservice.barometer import barometer_level_for

        valgt = barometer_level_for(rows, opslag.cleaned_data["db07"])
    return render(
        request,
        "companies/jobbarometer.html",
        {
            "rows": rows,
            "form": form,
            "fra": fra,
            "til": til,
            "labels": BEHOV_LABELS,
            "opslag": opslag,
            "valgt": valgt,
        },
    )


@permission_required("companies.view_service_measures", raise_exception=True)
def servicemaal(request):
    form, fra, til = _periode(request)
    m = selectors.servicemaal_get(actor=request.user, fra=fra, til=til)
    # Counts of persons (placements) are suppressed under 5 for anyone who does not work
    # with the companies themselves (the committee).
    suppress = not request.user.has_perm("companies.view_virksomhed")

    def cell(n):
        return "<5" if suppress and 0 < n < SMALL_CELL else n

    kinds = [("telefon", "Telefon"), ("email", "E-mail"), ("besoeg", "Besøg"), ("moede", "Møde")]
    months = [
        (month, [counts.get(k, 0) for k, _ in kinds], sum(counts.values()))
        for month, counts in m.kontakter_pr_maaned.items()
    ]
    return render(
        request,
        "companies/servicemaal.html",
        {
            "m": m,
            "form": form,
            "kinds": kinds,
            "months": months,
            "totals": [m.kontakter_i_alt.get(k, 0) for k, _ in kinds],
            "total": sum(m.kontakter_i_alt.values()),
            "placeringer_afsluttet": cell(m.placeringer_afsluttet),
            "placeringer_blev_job": cell(m.placeringer_blev_job),
            "suppress": suppress,
        },
    )
