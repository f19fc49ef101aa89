"""The plan pages (/planer/). Thin views: parse the request, call a selector or a service, render.
A service's ValidationError is shown on the form, and nothing is saved."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indsats.web.core.forms import form_add_service_errors
from indsats.web.plans import selectors, services
from indsats.web.plans.forms import (
    BudgetlinjeForm,
    EvalueringForm,
    EvalueringTekstForm,
    GodkendForm,
    IndsatsForm,
    LaasForm,
    MaaltalForm,
    RevisionForm,
    UdfoertForm,
    VersionForm,
    milepaele_text,
)

VIEW = permission_required("plans.view_plan", raise_exception=True)
EDIT = permission_required("plans.edit_plan", raise_exception=True)
APPROVE = permission_required("plans.approve_plan", raise_exception=True)


def _today() -> date:
    return timezone.localdate()


def _register_dir(kommune_kode: int):
    from indsats.web.goals.selectors import register_dir_get

    d = register_dir_get(kommune_kode=kommune_kode)
    return d if d.exists() else None


@require_GET
@VIEW
def plan_list(request):
    return render(
        request,
        "plans/plan_list.html",
        {
            "planer": selectors.plan_list(actor=request.user),
            "kan_redigere": selectors.plan_can_edit(actor=request.user),
            "forfaldne": selectors.aarshjul_overdue_list(actor=request.user, i_dag=_today()),
        },
    )


@require_GET
@VIEW
def version_detail(request, version_id: int):
    from indsats.plan.cycle import HANDLING_LABELS, handlinger
    from indsats.plan.document import dokument
    from indsats.plan.model import Status

    v = selectors.plan_version_get(actor=request.user, version_id=version_id)
    core = selectors.plan_version_core_get(version=v)
    goals = selectors.plan_goal_dict_get(kommune_kode=v.plan.kommune_kode, core=core)
    d = dokument(core, goals=goals, i_dag=_today())
    kan = selectors.plan_can_edit(actor=request.user) and v.status == Status.KLADDE.value
    return render(
        request,
        "plans/version_detail.html",
        {
            "v": v,
            "d": d,
            "kan_redigere": kan,
            "kan_sende": selectors.plan_can_edit(actor=request.user),
            "kan_godkende": request.user.has_perm("plans.approve_plan"),
            "handlinger": [(h.value, HANDLING_LABELS[h]) for h in handlinger(Status(v.status))],
            "dele": selectors.plan_version_parts_get(version=v) if kan else None,
            "evalueringer": selectors.evaluering_list(version=v),
            "aarene": list(range(v.plan.foerste_aar, v.plan.sidste_aar + 1)),
            "godkend_form": GodkendForm(initial={"laas": v.laas, "dato": _today()}),
            "revision_form": RevisionForm(initial={"betegnelse": f"Revideret {_today().year + 1}"}),
            "krav": _krav(),
        },
    )


def _krav():
    from indsats.plan.law import krav

    return krav(_today())


@require_http_methods(["GET", "POST"])
@EDIT
def version_edit(request, version_id: int):
    v = selectors.plan_version_get(actor=request.user, version_id=version_id)
    form = VersionForm(
        request.POST or None,
        initial={
            "laas": v.laas,
            "betegnelse": v.betegnelse,
            "indledning": v.indledning,
            "situation_tekst": (v.situation or {}).get("tekst", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            if "dan_situation" in request.POST:
                services.situation_draft(
                    actor=request.user,
                    version_id=v.pk,
                    laas=form.cleaned_data["laas"],
                    i_dag=_today(),
                    register_dir=_register_dir(v.plan.kommune_kode),
                )
                messages.success(request, "Beskæftigelsessituationen er dannet på ny fra data.")
                return redirect("plans:version_edit", version_id=v.pk)
            services.plan_version_update(actor=request.user, version_id=v.pk, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Versionen er gemt.")
            return redirect("plans:version_detail", version_id=v.pk)
    return render(
        request,
        "plans/form.html",
        {"form": form, "titel": f"Rediger {v}", "v": v, "situation_knap": True},
    )


@require_http_methods(["GET", "POST"])
@EDIT
def indsats_edit(request, version_id: int, indsats_id: int | None = None):
    v = selectors.plan_version_get(actor=request.user, version_id=version_id)
    aarene = tuple(range(v.plan.foerste_aar, v.plan.sidste_aar + 1))
    obj = selectors.indsats_get(version=v, indsats_id=indsats_id) if indsats_id else None
    fokus = selectors.fokusomraade_get(
        version=v, fokus_id=request.GET.get("fokus") or request.POST.get("fokus"), indsats=obj
    )
    # a new action carries the version's lock: it changes the version
    initial: dict[str, Any] = {"status": "ikke_startet", "laas": v.laas}
    if obj is not None:
        initial = {
            "laas": obj.laas,
            "titel": obj.titel,
            "beskrivelse": obj.beskrivelse,
            "maalgruppe": obj.maalgruppe,
            "ansvarlig_team": obj.ansvarlig_team_id,
            "ansvarlig": obj.ansvarlig,
            "start": obj.start,
            "slut": obj.slut,
            "status": obj.status,
            "milepaele": milepaele_text(obj.milepaele),
            "tilbud": list(obj.tilbud.all()),
            "investeringer": list(obj.investeringer),
            **{f"budget_{a}": obj.budget.get(str(a), "") for a in aarene},
        }
    form = IndsatsForm(
        request.POST or None,
        initial=initial,
        kommune_kode=v.plan.kommune_kode,
        aarene=aarene,
        investeringer=selectors.investering_choices_get(version=v),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if obj is None:
                services.indsats_create(
                    actor=request.user,
                    version_id=v.pk,
                    laas=form.cleaned_data["laas"],
                    fokusomraade_id=fokus.pk,
                    data=form.service_data(),
                )
            else:
                services.indsats_update(
                    actor=request.user,
                    indsats_id=obj.pk,
                    laas=form.cleaned_data["laas"],
                    data=form.service_data(),
                )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Indsatsen »{form.cleaned_data['titel']}« er gemt.")
            return redirect("plans:version_detail", version_id=v.pk)
    titel = f"Ny indsats i »{fokus.titel}«" if obj is None else f"Rediger indsatsen »{obj.titel}«"
    return render(
        request, "plans/form.html", {"form": form, "titel": titel, "v": v, "fokus": fokus}
    )


@require_http_methods(["GET", "POST"])
@EDIT
def maal_edit(request, version_id: int, maal_id: int):
    v = selectors.plan_version_get(actor=request.user, version_id=version_id)
    obj = selectors.plan_maal_get(version=v, maal_id=maal_id)
    aarene = tuple(range(v.plan.foerste_aar, v.plan.sidste_aar + 1))
    andel = selectors.plan_maal_enhed_get(maal=obj, version=v) == "andel"
    current = {int(t["aar"]): t["vaerdi"] for t in obj.maaltal}
    initial = {"laas": obj.laas, "succeskriterie": obj.succeskriterie}
    for a in aarene:
        if a in current:
            val = current[a] * 100 if andel else current[a]
            initial[f"maaltal_{a}"] = f"{val:g}".replace(".", ",")
    form = MaaltalForm(request.POST or None, initial=initial, aarene=aarene, andel=andel)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_maal_update(
                actor=request.user,
                maal_id=obj.pk,
                laas=form.cleaned_data["laas"],
                maaltal=form.cleaned_data["maaltal"],
                succeskriterie=form.cleaned_data["succeskriterie"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"Måltallene for »{obj.titel}« er gemt.")
            return redirect("plans:version_detail", version_id=v.pk)
    return render(
        request, "plans/form.html", {"form": form, "titel": f"Måltal: {obj.titel}", "v": v}
    )


@require_http_methods(["GET", "POST"])
@EDIT
def budget_edit(request, version_id: int, linje_id: int):
    v = selectors.plan_version_get(actor=request.user, version_id=version_id)
    obj = selectors.budgetlinje_get(version=v, linje_id=linje_id)
    aarene = tuple(range(v.plan.foerste_aar, v.plan.sidste_aar + 1))
    initial = {"laas": obj.laas, "post": obj.post}
    initial.update({f"beloeb_{a}": obj.beloeb.get(str(a), "") for a in aarene})
    form = BudgetlinjeForm(request.POST or None, initial=initial, aarene=aarene)
    if request.method == "POST" and form.is_valid():
        try:
            services.budgetlinje_update(
                actor=request.user,
                linje_id=obj.pk,
                laas=form.cleaned_data["laas"],
                post=form.cleaned_data["post"],
                beloeb=form.cleaned_data["beloeb"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Budgetlinjen er gemt.")
            return redirect("plans:version_detail", version_id=v.pk)
    return render(
        request, "plans/form.html", {"form": form, "titel": f"Budget: {obj.post}", "v": v}
    )


@require_POST
@VIEW
def version_handling(request, version_id: int, handling: str):
    """send_til_udvalg, tilbagekald, godkend, revider."""
    v = selectors.plan_version_get(actor=request.user, version_id=version_id)
    try:
        if handling in ("send_til_udvalg", "tilbagekald"):
            lock = LaasForm(request.POST)
            if not lock.is_valid():
                raise ValidationError(list(lock.non_field_errors()))
            laas = lock.cleaned_data["laas"]
        if handling == "send_til_udvalg":
            services.plan_version_send(actor=request.user, version_id=v.pk, laas=laas)
            messages.success(request, "Versionen er sendt til udvalget.")
        elif handling == "tilbagekald":
            services.plan_version_withdraw(actor=request.user, version_id=v.pk, laas=laas)
            messages.success(request, "Versionen er taget tilbage til kladde.")
        elif handling == "godkend":
            form = GodkendForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errs in form.errors.values() for e in errs])
            services.plan_version_approve(actor=request.user, version_id=v.pk, **form.cleaned_data)
            messages.success(request, "Godkendelsen er registreret; versionen er nu låst.")
        elif handling == "revider":
            revision = RevisionForm(request.POST)
            if not revision.is_valid():
                raise ValidationError("Giv revisionen en betegnelse.")
            ny = services.plan_version_revise(
                actor=request.user, version_id=v.pk, betegnelse=revision.cleaned_data["betegnelse"]
            )
            messages.success(request, f"Revisionen »{ny.betegnelse}« er startet som en kopi.")
            return redirect("plans:version_detail", version_id=ny.pk)
        else:
            raise Http404
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("plans:version_detail", version_id=v.pk)


@require_GET
@VIEW
def version_diff(request, version_id: int):
    from indsats.plan.diff import version_diff as diff

    v = selectors.plan_version_get(actor=request.user, version_id=version_id)
    mod_id = request.GET.get("mod") or v.forgaenger_id
    if not mod_id:
        raise Http404("Versionen har ingen forgænger at sammenligne med.")
    old = selectors.plan_version_get(actor=request.user, version_id=int(mod_id))
    changes = diff(
        selectors.plan_version_core_get(version=old), selectors.plan_version_core_get(version=v)
    )
    return render(request, "plans/diff.html", {"v": v, "old": old, "changes": changes})


@require_GET
@VIEW
def version_document(request, version_id: int, fmt: str):
    import tempfile
    from pathlib import Path

    from indsats.plan.document import FORMATER, dokument, write_document

    if fmt not in FORMATER:
        raise Http404
    v = selectors.plan_version_get(actor=request.user, version_id=version_id)
    core = selectors.plan_version_core_get(version=v)
    goals = selectors.plan_goal_dict_get(kommune_kode=v.plan.kommune_kode, core=core)
    ev = selectors.evaluering_for_document_get(version=v, aar=request.GET.get("evaluering"))
    logo = (
        Path(settings.INDSATS_LOGO).read_bytes() if getattr(settings, "INDSATS_LOGO", "") else None
    )
    d = dokument(
        core,
        goals=goals,
        i_dag=_today(),
        evaluering=ev.data if ev else None,
        tekster=ev.tekster if ev else None,
        logo=logo,
    )
    with tempfile.TemporaryDirectory() as tmp:
        files = write_document(d, Path(tmp), formater=[fmt])
        path = {"html": files.html, "pdf": files.pdf, "docx": files.docx}[fmt]
        if path is None:  # write_document writes every format it is asked for
            raise RuntimeError(f"the plan document was not written as {fmt}")
        body = path.read_bytes()
    types = {
        "html": "text/html; charset=utf-8",
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    resp = HttpResponse(body, content_type=types[fmt])
    if fmt != "html":
        name = f"beskaeftigelsesplan-{v.plan.foerste_aar}-{v.plan.sidste_aar}-{v.pk}.{fmt}"
        resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


@require_POST
@EDIT
def evaluering_create(request, version_id: int):
    v = selectors.plan_version_get(actor=request.user, version_id=version_id)
    form = EvalueringForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vælg et år.")
        return redirect("plans:version_detail", version_id=v.pk)
    try:
        ev = services.evaluering_create(
            actor=request.user,
            version_id=v.pk,
            aar=form.cleaned_data["aar"],
            i_dag=_today(),
            register_dir=_register_dir(v.plan.kommune_kode),
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("plans:version_detail", version_id=v.pk)
    return redirect("plans:evaluering", evaluering_id=ev.pk)


@require_http_methods(["GET", "POST"])
@VIEW
def evaluering_detail(request, evaluering_id: int):
    ev = selectors.evaluering_get(actor=request.user, evaluering_id=evaluering_id)
    kan = selectors.plan_can_edit(actor=request.user)
    fejl_form = None
    if request.method == "POST":
        if not kan:
            raise Http404
        form = EvalueringTekstForm(request.POST)
        if form.is_valid():
            try:
                services.evaluering_tekst_update(
                    actor=request.user,
                    evaluering_id=ev.pk,
                    laas=form.cleaned_data["laas"],
                    noegle=form.cleaned_data["noegle"],
                    tekst=form.cleaned_data["tekst"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
                fejl_form = form
            else:
                messages.success(request, "Teksten er gemt.")
                return redirect("plans:evaluering", evaluering_id=ev.pk)
        else:
            fejl_form = form
    return render(
        request,
        "plans/evaluering.html",
        {
            "ev": ev,
            "v": ev.version,
            "kan_redigere": kan,
            "afsnit": selectors.evaluering_afsnit_list(evaluering=ev),
            "fejl_form": fejl_form,
            "revision_form": RevisionForm(initial={"betegnelse": f"Revideret {ev.aar + 2}"}),
        },
    )


@require_POST
@EDIT
def evaluering_revision(request, evaluering_id: int):
    ev = selectors.evaluering_get(actor=request.user, evaluering_id=evaluering_id)
    form = RevisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Giv revisionen en betegnelse.")
        ny = services.revision_from_evaluering(
            actor=request.user, evaluering_id=ev.pk, betegnelse=form.cleaned_data["betegnelse"]
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("plans:evaluering", evaluering_id=ev.pk)
    messages.success(request, f"Revisionen »{ny.betegnelse}« er startet med evalueringens forslag.")
    return redirect("plans:version_detail", version_id=ny.pk)


@require_http_methods(["GET", "POST"])
@VIEW
def aarshjul(request, plan_id: int):
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    if request.method == "POST":
        if not selectors.plan_can_edit(actor=request.user):
            raise Http404
        form = UdfoertForm(request.POST)
        if not form.is_valid():
            for m in [*form.non_field_errors(), *form["udfoert"].errors]:
                messages.error(request, str(m))
        else:
            try:
                services.aarshjul_udfoert(
                    actor=request.user,
                    trin_id=int(request.POST.get("trin", 0)),
                    laas=form.cleaned_data["laas"],
                    dato=form.cleaned_data["udfoert"],
                )
                messages.success(request, "Årshjulet er opdateret.")
            except ValidationError as exc:
                for m in exc.messages:
                    messages.error(request, m)
        return redirect("plans:aarshjul", plan_id=plan.pk)
    return render(
        request,
        "plans/aarshjul.html",
        {
            "plan": plan,
            "trin": selectors.aarshjul_list(actor=request.user, plan=plan),
            "i_dag": _today(),
            "kan_redigere": selectors.plan_can_edit(actor=request.user),
        },
    )
