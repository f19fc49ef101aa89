"""Effektvurderinger under /effekt/ (namespace "evaluation")."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indsats.web.evaluation import selectors, services
from indsats.web.evaluation.forms import EvalueringForm, StyrkeForm
from indsats.web.evaluation.models import Evaluering


@permission_required("evaluation.view_evaluering", raise_exception=True)
@require_GET
def evaluering_list(request):
    rows = []
    for e in selectors.evaluering_list(actor=request.user):
        s = (e.resultat or {}).get("sammenfatning") or {}
        rows.append({"e": e, "s": s})
    return render(request, "evaluation/list.html", {"rows": rows})


@permission_required("evaluation.add_evaluering", raise_exception=True)
@require_http_methods(["GET", "POST"])
def evaluering_create(request):
    cases = selectors.investeringscase_choices_get(actor=request.user)
    form = EvalueringForm(
        request.POST or None,
        request.FILES or None,
        cases=cases,
        marks=selectors.projektmaerke_choices_get(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        fil = d.get("fil")
        tekst = None
        if fil is not None:
            try:
                tekst = fil.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                form.add_error("fil", "Filen er ikke en tekstfil i UTF-8 (gem den som CSV UTF-8).")
        if not form.errors:
            try:
                e = services.evaluering_create(
                    actor=request.user,
                    navn=d["navn"],
                    beskrivelse=d["beskrivelse"],
                    kilde=d["kilde"],
                    fil_tekst=tekst,
                    fil_navn=fil.name if fil is not None else "deltagere.csv",
                    projektmaerke=d["projektmaerke"],
                    tilbudstype=d["tilbudstype"],
                    maalgruppe_ydelse=d["maalgruppe_ydelse"],
                    fra_uge=d["fra_uge"],
                    til_uge=d["til_uge"],
                    min_varighed=d["min_varighed"] or 1,
                    investeringscase=d["investeringscase"],
                    sammenligning_kommuner=[int(k) for k in d["sammenligning_kommuner"]],
                    naboer=d["naboer"],
                    hovedmaal_uge=d["hovedmaal_uge"],
                    eksakt_koen=d["eksakt_koen"],
                )
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                services.evaluering_run(actor=request.user, evaluering=e)
                messages.success(request, f"Effektvurderingen »{e.navn}« er oprettet og beregnet.")
                return redirect("evaluation:detail", evaluering_id=e.pk)
    return render(request, "evaluation/form.html", {"form": form, "titel": "Ny effektvurdering"})


@permission_required("evaluation.view_evaluering", raise_exception=True)
@require_GET
def evaluering_detail(request, evaluering_id):
    from indsats.reports.effektvurdering import curve_chart_svg, visning

    e = selectors.evaluering_get(actor=request.user, evaluering_id=evaluering_id)
    context = {"e": e, "v": None, "kurve": None}
    if e.status == Evaluering.Status.KLAR and e.resultat:
        context["v"] = visning(e.resultat)
        context["kurve"] = mark_safe(curve_chart_svg(e.resultat))
        if e.investeringscase is not None:
            context["opfoelgning"] = next(
                (
                    rows
                    for ev, rows in selectors.case_effekt_list(
                        actor=request.user, case=e.investeringscase
                    )
                    if ev.pk == e.pk
                ),
                (),
            )
    return render(request, "evaluation/detail.html", context)


@permission_required("evaluation.run_evaluering", raise_exception=True)
@require_POST
def evaluering_run(request, evaluering_id):
    e = selectors.evaluering_get(actor=request.user, evaluering_id=evaluering_id)
    e = services.evaluering_run(actor=request.user, evaluering=e)
    if e.status == Evaluering.Status.KLAR:
        messages.success(request, "Effektvurderingen er beregnet igen.")
    else:
        messages.error(request, e.fejl)
    return redirect("evaluation:detail", evaluering_id=e.pk)


@permission_required("evaluation.view_evaluering", raise_exception=True)
@require_GET
def evaluering_document(request, evaluering_id, fmt):
    """The Effektvurdering as a document for the committee (PDF or HTML)."""
    from indsats.reports.effektvurdering import render_effektvurdering_html
    from indsats.reports.render import html_to_pdf

    if fmt not in ("pdf", "html"):
        raise Http404("Ukendt format.")
    e = selectors.evaluering_get(actor=request.user, evaluering_id=evaluering_id)
    if e.status != Evaluering.Status.KLAR or not e.resultat:
        raise Http404("Effektvurderingen er ikke beregnet.")
    html = render_effektvurdering_html(e.resultat)
    if fmt == "html":
        return HttpResponse(html, content_type="text/html; charset=utf-8")
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "effektvurdering.pdf"
        html_to_pdf(html, path)
        response = HttpResponse(path.read_bytes(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="effektvurdering-{e.pk}.pdf"'
    return response


@permission_required("evaluation.add_evaluering", raise_exception=True)
@require_GET
def styrke(request):
    """Before a project starts: how small an effect could an evaluation find?"""
    from indsats.analytics.backend import connect, read_register
    from indsats.evaluation import EvalueringsFejl, mde_fra_register

    form = StyrkeForm(request.GET if "deltagere" in request.GET else None)
    resultat = fejl = None
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            reg = read_register(
                connect(), selectors.register_dir_get(kommune_kode=request.user.kommune_kode)
            )
            resultat = mde_fra_register(
                reg,
                ydelse=d["ydelse"],
                deltagere=d["deltagere"],
                naboer=d["naboer"],
                uge=d["uge"],
                kommuner=[request.user.kommune_kode],
            )
        except EvalueringsFejl as exc:
            fejl = f"Det kan ikke beregnes: {exc}"
        except FileNotFoundError:
            fejl = "Kommunen har endnu intet ydelsesregister indlæst."
    return render(
        request, "evaluation/styrke.html", {"form": form, "resultat": resultat, "fejl": fejl}
    )
