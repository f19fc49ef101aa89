"""Pages of the committee app under /udvalg/ (and the public version under /offentlig/)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indsats.committee import model as core
from indsats.committee.documents import render_docx, render_html, render_pdf
from indsats.web.committee import selectors, services
from indsats.web.committee.forms import (
    BeslutningForm,
    MoedeForm,
    PlacerForm,
    PunktForm,
    PunktUdkastForm,
)
from indsats.web.core.forms import form_add_service_errors
from indsats.web.core.locking import ConcurrentEdit

CONFLICT = (
    "Punktet er ændret af en anden, siden du åbnede det. Dine ændringer er ikke gemt; se den "
    "nye udgave og skriv dem ind igen."
)


@permission_required("committee.view_moede", raise_exception=True)
@require_GET
def moede_list(request: Any) -> HttpResponse:
    return render(
        request,
        "committee/moede_list.html",
        {
            "moeder": selectors.moede_list(actor=request.user),
            "udkast": selectors.punkt_draft_list(actor=request.user)
            if request.user.has_perm("committee.draft_punkt")
            else [],
        },
    )


@permission_required("committee.add_moede", raise_exception=True)
@require_http_methods(["GET", "POST"])
def moede_create(request: Any) -> HttpResponse:
    organer = selectors.organ_list(actor=request.user)
    form = MoedeForm(request.POST or None, organer=organer)
    if request.method == "POST" and form.is_valid():
        try:
            moede = services.moede_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Mødet er oprettet.")
            return redirect("committee:moede", moede_id=moede.pk)
    return render(request, "committee/form.html", {"form": form, "titel": "Nyt møde"})


@permission_required("committee.view_moede", raise_exception=True)
@require_GET
def moede_detail(request: Any, moede_id: int) -> HttpResponse:
    moede = selectors.moede_get(actor=request.user, moede_id=moede_id)
    punkter = selectors.punkt_list(moede=moede)
    return render(
        request,
        "committee/moede_detail.html",
        {
            "moede": moede,
            "punkter": punkter,
            "planlagt": moede.status_enum is core.MoedeStatus.PLANLAGT,
            "problemer": request.session.pop(f"moede-{moede.pk}-problemer", None),
        },
    )


@permission_required("committee.draft_punkt", raise_exception=True)
@require_POST
def moede_send(request: Any, moede_id: int) -> HttpResponse:
    moede = selectors.moede_get(actor=request.user, moede_id=moede_id)
    try:
        services.moede_send_dagsorden(
            actor=request.user, moede_id=moede.pk, version=int(request.POST.get("version", 0))
        )
    except services.IkkeKlar as exc:
        request.session[f"moede-{moede.pk}-problemer"] = exc.problemer
        messages.error(request, "Dagsordenen er ikke udsendt: ret punkterne nedenfor først.")
    except ConcurrentEdit:
        messages.error(request, "Mødet er ændret af en anden. Prøv igen.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Dagsordenen er udsendt.")
    return redirect("committee:moede", moede_id=moede.pk)


_FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _document_response(moede: Any, *, art: str, fmt: str, offentlig: bool) -> HttpResponseBase:
    if art not in ("dagsorden", "referat") or fmt not in _FORMATS:
        raise Http404("Ukendt dokument.")
    d = selectors.moededokument_get(moede=moede, referat=art == "referat", offentlig=offentlig)
    name = f"{art}-{moede.organ.navn.lower().replace(' ', '-')}-{moede.tidspunkt:%Y-%m-%d}"
    if offentlig:
        name += "-offentlig"
    if fmt == "html":
        return HttpResponse(render_html(d), content_type=_FORMATS["html"])
    tmp = Path(tempfile.mkdtemp(prefix="indsats-udvalg-")) / f"{name}.{fmt}"
    if fmt == "pdf":
        render_pdf(d, tmp)
    else:
        render_docx(d, tmp)
    return FileResponse(
        tmp.open("rb"), as_attachment=True, filename=tmp.name, content_type=_FORMATS[fmt]
    )


@permission_required("committee.view_moede", raise_exception=True)
@require_GET
def moede_dokument(request: Any, moede_id: int, art: str, fmt: str) -> HttpResponseBase:
    moede = selectors.moede_get(actor=request.user, moede_id=moede_id)
    offentlig = request.GET.get("offentlig") == "1"
    return _document_response(moede, art=art, fmt=fmt, offentlig=offentlig)


@login_not_required
@require_GET
def offentlig_list(request: Any, kommune_kode: int) -> HttpResponse:
    moeder = selectors.moede_public_list(kommune_kode=kommune_kode)
    if not moeder:
        raise Http404("Kommunen har ingen offentlige udvalgsmøder i indsats.")
    return render(request, "committee/offentlig_list.html", {"moeder": moeder})


@login_not_required
@require_GET
def offentlig_dokument(
    request: Any, kommune_kode: int, moede_id: int, art: str, fmt: str
) -> HttpResponseBase:
    moede = selectors.moede_public_get(kommune_kode=kommune_kode, moede_id=moede_id)
    if art == "referat" and not moede.afholdt:
        raise Http404("Referatet er ikke klar.")
    return _document_response(moede, art=art, fmt=fmt, offentlig=True)


@permission_required("committee.draft_punkt", raise_exception=True)
@require_http_methods(["GET", "POST"])
def punkt_new(request: Any) -> HttpResponse:
    from indsats.web.offers.selectors import investeringscase_list, tilbud_list

    organer = selectors.organ_list(actor=request.user)
    tilbud = [
        (t.pk, f"{t.navn} ({t.get_status_display().lower()})")
        for t in [
            *tilbud_list(actor=request.user, status="foreslaaet"),
            *tilbud_list(actor=request.user),
        ]
    ]
    cases = [(c.pk, c.navn) for c, _ in investeringscase_list(actor=request.user)]
    versioner, evalueringer = _plan_choices(request.user)
    form = PunktUdkastForm(
        request.POST or None,
        organer=organer,
        tilbud=tilbud,
        cases=cases,
        versioner=versioner,
        evalueringer=evalueringer,
        effekter=_effect_choices(request.user),
        initial={"aar": timezone.localdate().year, "forloeb": 12},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        art = core.PunktArt(d["art"])
        try:
            if art is core.PunktArt.NYT_TILBUD:
                punkt = services.punkt_draft_nyt_tilbud(
                    actor=request.user,
                    tilbud_id=d["tilbud"],
                    forloeb=d["forloeb"],
                    enhed="maaneder",
                    organ=d["organ"],
                )
            elif art is core.PunktArt.BUDGETOPFOELGNING:
                punkt = services.punkt_draft_budget(
                    actor=request.user, aar=d["aar"], organ=d["organ"]
                )
            elif art is core.PunktArt.INVESTERINGSCASE:
                punkt = services.punkt_draft_investeringscase(
                    actor=request.user, case_id=d["case"], organ=d["organ"]
                )
            elif art is core.PunktArt.EFFEKTVURDERING:
                punkt = services.punkt_draft_effektvurdering(
                    actor=request.user, evaluering_id=d["effekt"], organ=d["organ"]
                )
            elif art is core.PunktArt.BESKAEFTIGELSESPLAN:
                punkt = services.punkt_draft_plan(
                    actor=request.user, version_id=d["version"], organ=d["organ"]
                )
            elif art is core.PunktArt.PLANEVALUERING:
                punkt = services.punkt_draft_planevaluering(
                    actor=request.user, evaluering_id=d["evaluering"], organ=d["organ"]
                )
            elif art is core.PunktArt.MAANEDSRAPPORT:
                punkt = services.punkt_draft_maanedsrapport(actor=request.user, organ=d["organ"])
            else:
                punkt = services.punkt_draft_fri(
                    actor=request.user, titel=d["titel"], lukket=d["lukket"]
                )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Udkastet er dannet. Læs det igennem, og ret teksten.")
            return redirect("committee:punkt", punkt_id=punkt.pk)
    return render(request, "committee/punkt_new.html", {"form": form})


def _effect_choices(actor: Any) -> list[tuple[int, str]]:
    from indsats.web.evaluation.selectors import evaluering_list

    if not actor.has_perm("evaluation.view_evaluering"):
        return []
    return [(e.pk, e.navn) for e in evaluering_list(actor=actor) if e.resultat]


def _plan_choices(actor: Any) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The plan versions sent to the committee and the plan evaluations, for the draft form."""
    from indsats.web.plans.selectors import evaluering_list, plan_list

    versioner: list[Any] = []
    evalueringer: list[Any] = []
    if not actor.has_perm("plans.view_plan"):
        return versioner, evalueringer
    for plan, versions in plan_list(actor=actor):
        for v in versions:
            if v.status == "sendt_til_udvalg":
                versioner.append((v.pk, f"{plan.titel}, {v.betegnelse.lower()}"))
            for e in evaluering_list(version=v):
                evalueringer.append((e.pk, f"{plan.titel}, {v.betegnelse.lower()}: {e.aar}"))
    return versioner, evalueringer


@permission_required("committee.view_punkt", raise_exception=True)
@require_GET
def punkt_detail(request: Any, punkt_id: int) -> HttpResponse:
    punkt = selectors.punkt_get(actor=request.user, punkt_id=punkt_id)
    drafter = request.user.has_perm("committee.draft_punkt")
    beslutning = getattr(punkt, "beslutning", None)
    placer = None
    if drafter and punkt.moede is None:
        moeder = [
            m
            for m in selectors.moede_list(actor=request.user)
            if m.status_enum is core.MoedeStatus.PLANLAGT
        ]
        placer = PlacerForm(moeder=moeder)
    return render(
        request,
        "committee/punkt_detail.html",
        {
            "punkt": punkt,
            "p": punkt.to_core(),
            "sektioner": [(titel, punkt.sektion(navn)) for navn, titel in core.SEKTIONER],
            "beslutning": beslutning,
            "problemer": selectors.punkt_problem_list(punkt=punkt) if drafter else [],
            "kan_rette": drafter and beslutning is None,
            "kan_beslutte": request.user.has_perm("committee.record_beslutning")
            and punkt.moede is not None
            and beslutning is None,
            "placer": placer,
        },
    )


@permission_required("committee.draft_punkt", raise_exception=True)
@require_http_methods(["GET", "POST"])
def punkt_edit(request: Any, punkt_id: int) -> HttpResponse:
    punkt = selectors.punkt_get(actor=request.user, punkt_id=punkt_id)
    form = PunktForm(request.POST or None, punkt=punkt)
    if request.method == "POST" and form.is_valid():
        try:
            services.punkt_update(
                actor=request.user,
                punkt_id=punkt.pk,
                version=form.cleaned_data["version"],
                **form.service_fields(),
            )
        except ConcurrentEdit:
            form.add_error(None, CONFLICT)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Punktet er gemt.")
            return redirect("committee:punkt", punkt_id=punkt.pk)
    return render(request, "committee/punkt_form.html", {"form": form, "punkt": punkt})


@permission_required("committee.draft_punkt", raise_exception=True)
@require_POST
def punkt_place(request: Any, punkt_id: int) -> HttpResponse:
    punkt = selectors.punkt_get(actor=request.user, punkt_id=punkt_id)
    moeder = selectors.moede_list(actor=request.user)
    form = PlacerForm(request.POST, moeder=moeder)
    if form.is_valid():
        try:
            services.punkt_place(
                actor=request.user, punkt_id=punkt.pk, moede=form.cleaned_data["moede"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Punktet er sat på dagsordenen.")
            return redirect("committee:moede", moede_id=form.cleaned_data["moede"].pk)
    else:
        messages.error(request, "Vælg et møde.")
    return redirect("committee:punkt", punkt_id=punkt.pk)


@permission_required("committee.record_beslutning", raise_exception=True)
@require_http_methods(["GET", "POST"])
def beslutning_create(request: Any, punkt_id: int) -> HttpResponse:
    punkt = selectors.punkt_get(actor=request.user, punkt_id=punkt_id)
    initial = {
        "version": punkt.version,
        "dato": punkt.moede.tidspunkt.date() if punkt.moede else timezone.localdate(),
    }
    form = BeslutningForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.beslutning_record(actor=request.user, punkt_id=punkt.pk, **form.cleaned_data)
        except ConcurrentEdit:
            form.add_error(None, CONFLICT)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Beslutningen er registreret.")
            return redirect("committee:punkt", punkt_id=punkt.pk)
    return render(request, "committee/beslutning_form.html", {"form": form, "punkt": punkt})
