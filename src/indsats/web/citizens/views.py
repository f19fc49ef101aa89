"""Pages for the caseworker's day. Thin: parse, call a selector or service, render."""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indsats.web.citizens import kalender, selectors, services
from indsats.web.citizens.charts import progression_svg
from indsats.web.citizens.forms import (
    BookingLinkEmailForm,
    BorgerCreateForm,
    BorgerSearchForm,
    DelmaalForm,
    FritagelseForm,
    JobmaalForm,
    PlanForm,
    PlanPunktForm,
    ProgressionForm,
    SagForm,
    SamtaleForm,
    TidsrumSerieForm,
    TilbudForm,
)
from indsats.web.citizens.models import Samtale
from indsats.web.citizens.obligations import LATE, sag_status
from indsats.web.core.exports import csv_response
from indsats.web.core.forms import form_add_service_errors

VIEW = permission_required("citizens.view_borger", raise_exception=True)
CHANGE = permission_required("citizens.change_borger", raise_exception=True)


def _concurrent_message(form, current, label: str) -> None:
    form.add_error(
        None,
        (
            f"{label} er blevet ændret af en anden, mens du arbejdede. Dine ændringer er ikke gemt "
            "endnu, men står stadig i formularen: se de nye værdier, ret til og gem igen."
        ),
    )
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = current.version


# --------------------------------------------------------------------------- citizens


@VIEW
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
    return render(
        request,
        "citizens/borger_list.html",
        {"borgere": borgere, "form": form, "searched": searched},
    )


@VIEW
@require_GET
def borger_detail(request, borger_id):
    today = timezone.localdate()
    overblik = selectors.borger_overview_get(actor=request.user, borger_id=borger_id, as_of=today)
    sager = [
        (
            status,
            request.build_absolute_uri(
                reverse("booking:book", args=[services.booking_token(sag=status.sag)])
            )
            if status.sag.slut is None
            else "",
        )
        for status in overblik.sager
    ]
    return render(
        request,
        "citizens/borger_detail.html",
        {
            "o": overblik,
            "borger": overblik.borger,
            "sager": sager,
            "today": today,
            "alder": overblik.borger.cpr_value.age_on(today),
            "progression_chart": progression_svg(overblik.progression),
        },
    )


@permission_required("citizens.add_borger", raise_exception=True)
@require_http_methods(["GET", "POST"])
def borger_create(request):
    form = BorgerCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        known = selectors.borger_cpr_lookup(actor=request.user, cpr=form.cleaned_data["cpr"])
        if known.borger is not None:
            form.add_error("cpr", "Der findes allerede en borger med dette CPR-nummer.")
        elif known.exists_in_kommune:  # in a team the user cannot see: say no more than that
            form.add_error(
                "cpr",
                "Borgeren findes allerede i kommunen, men hører ikke til dit team. Kontakt din "
                "leder, hvis borgeren skal flyttes til dit team.",
            )
        else:
            try:
                borger = services.borger_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                return redirect("citizens:detail", borger_id=borger.pk)
    return render(request, "citizens/form.html", {"form": form, "title": "Opret borger"})


@VIEW
def borger_export(request):
    """The citizen list as CSV (semicolon-separated for Danish Excel), CPR masked."""
    return csv_response(
        filename="borgere.csv",
        header=["Navn", "CPR-nummer", "Team", "Sagsbehandler"],
        rows=(
            [
                borger.navn,
                borger.cpr_masked,
                borger.team.navn,
                borger.sagsbehandler.get_full_name() if borger.sagsbehandler else "",
            ]
            for borger in selectors.borger_export(actor=request.user)
        ),
    )


# --------------------------------------------------------------------------- cases


@CHANGE
@require_http_methods(["GET", "POST"])
def sag_create(request, borger_id):
    borger = selectors.borger_get(actor=request.user, borger_id=borger_id)
    form = SagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.sag_create(actor=request.user, borger=borger, **fields)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Sagen er oprettet.")
            return redirect("citizens:detail", borger_id=borger.pk)
    return render(
        request,
        "citizens/form.html",
        {"form": form, "title": f"Ny sag for {borger.navn}", "borger": borger},
    )


@CHANGE
@require_http_methods(["GET", "POST"])
def sag_edit(request, sag_id):
    sag = selectors.sag_get(actor=request.user, sag_id=sag_id)
    if request.method == "POST":
        form = SagForm(request.POST, instance=sag)
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.sag_update(
                    actor=request.user,
                    sag_id=sag.pk,
                    version=form.cleaned_data["version"] or 0,
                    **fields,
                )
            except services.ConcurrentEdit as exc:
                _concurrent_message(form, exc.current, "Sagen")
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, "Sagen er gemt.")
                return redirect("citizens:detail", borger_id=sag.borger_id)
    else:
        form = SagForm(instance=sag, initial={"version": sag.version})
    return render(
        request,
        "citizens/form.html",
        {"form": form, "title": f"Ret sag: {sag}", "borger": sag.borger},
    )


@CHANGE
@require_http_methods(["GET", "POST"])
def fritagelse_create(request, sag_id):
    sag = selectors.sag_get(actor=request.user, sag_id=sag_id)
    form = FritagelseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.fritagelse_create(actor=request.user, sag=sag, **form.cleaned_data)
        messages.success(request, "Fritagelsen er registreret.")
        return redirect("citizens:detail", borger_id=sag.borger_id)
    return render(
        request,
        "citizens/form.html",
        {"form": form, "title": "Registrér fritagelse", "borger": sag.borger},
    )


@CHANGE
@require_http_methods(["GET", "POST"])
def samtale_create(request, sag_id):
    sag = selectors.sag_get(actor=request.user, sag_id=sag_id)
    status = sag_status(sag, as_of=timezone.localdate())
    kinds = {o.kind for o in status.obligations if not o.met}
    form_kwargs = {
        "show_uddannelsespaalaeg": "uddannelsespaalaeg" in kinds,
        "show_repatriering": "repatriering" in kinds,
    }
    planned = selectors.samtale_get(sag=sag, samtale_id=request.GET.get("planlagt"))
    if request.GET.get("planlagt") and planned is None:
        # A link to a planned samtale that is not this case's: recording a new samtale
        # instead would leave the planned one open and the case with two.
        raise Http404("Den planlagte samtale findes ikke på sagen.")
    if planned and planned.status != Samtale.Status.PLANLAGT and request.method == "GET":
        planned = None  # already held or cancelled: record a new samtale instead
    initial = {"tidspunkt": timezone.localtime().replace(second=0, microsecond=0)}
    if planned:
        initial.update(
            tidspunkt=timezone.localtime(planned.tidspunkt),
            form=planned.form,
            type=planned.type,
            version=planned.version,
        )
    form = SamtaleForm(request.POST or None, initial=initial, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if planned:
                services.samtale_mark_held(
                    actor=request.user,
                    samtale_id=planned.pk,
                    version=form.cleaned_data["version"] or 0,
                    **data,
                )
            else:
                services.samtale_record(actor=request.user, sag=sag, **data)
        except services.ConcurrentEdit as exc:
            if exc.current.status == Samtale.Status.PLANLAGT:
                _concurrent_message(form, exc.current, "Samtalen")
            else:  # someone recorded it first: saving again would record it twice
                form.add_error(
                    None,
                    "Samtalen er allerede registreret som afholdt af en anden, mens du arbejdede. "
                    "Din registrering er ikke gemt, men står stadig i formularen.",
                )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Samtalen er registreret.")
            return redirect(
                request.GET.get("tilbage") == "opgaver"
                and "citizens:worklist"
                or reverse("citizens:detail", args=[sag.borger_id])
            )
    return render(
        request,
        "citizens/form.html",
        {
            "form": form,
            "title": f"Registrér samtale med {sag.borger.navn}",
            "borger": sag.borger,
            "obligations": [o for o in status.obligations if o.kind == "samtale" and not o.met][:3],
        },
    )


def _tilbud_message(request, sag, tilbud) -> None:
    """Say what the new offer did to the case's ret og pligt duty, as the rules see it."""
    today = timezone.localdate()
    status = sag_status(sag, as_of=today)
    duty = next((o for o in status.obligations if o.rule_id == RET_OG_PLIGT), None)
    text = "Tilbuddet er registreret."
    if duty is None or duty.due_by is None:
        messages.success(request, text)
    elif duty.met_on == tilbud.start and duty.state == "met":
        messages.success(request, f"{text} Det opfylder ret og pligt inden fristen.")
    elif duty.met_on == tilbud.start and duty.state == LATE:
        started = "starter" if tilbud.start > today else "startede"
        messages.success(
            request,
            f"{text} Det opfylder ret og pligt, men for sent: fristen var "
            f"{duty.due_by:%d.%m.%Y}, og tilbuddet {started} {tilbud.start:%d.%m.%Y}.",
        )
    elif duty.state == "overdue":
        messages.warning(
            request,
            f"{text} Det opfylder ikke ret og pligt (tilbudstypen tæller ikke på startdatoen, "
            f"eller forløbet er for kort), så fristen {duty.due_by:%d.%m.%Y} er stadig "
            "overskredet.",
        )
    else:
        messages.success(request, text)


@CHANGE
@require_http_methods(["GET", "POST"])
def tilbud_create(request, sag_id):
    sag = selectors.sag_get(actor=request.user, sag_id=sag_id)
    form = TilbudForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tilbud = services.tilbud_create(actor=request.user, sag=sag, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            _tilbud_message(request, sag, tilbud)
            return redirect(
                request.GET.get("tilbage") == "opgaver"
                and "citizens:worklist"
                or reverse("citizens:detail", args=[sag.borger_id])
            )
    return render(
        request,
        "citizens/form.html",
        {"form": form, "title": f"Registrér tilbud til {sag.borger.navn}", "borger": sag.borger},
    )


# --------------------------------------------------------------------------- plan and progression


@CHANGE
@require_http_methods(["GET", "POST"])
def plan_edit(request, borger_id):
    borger = selectors.borger_get(actor=request.user, borger_id=borger_id)
    plan = getattr(borger, "plan", None) if hasattr(borger, "plan") else None
    which = request.POST.get("del", "maal")

    def data_for(part):
        # Only the submitted form is bound: an unbound form shows the saved values and version.
        return request.POST if request.method == "POST" and which == part else None

    forms_ = {
        "maal": PlanForm(
            data_for("maal"),
            initial={"maal": plan.maal if plan else "", "version": plan.version if plan else None},
            prefix="maal",
        ),
        "delmaal": DelmaalForm(data_for("delmaal"), prefix="delmaal"),
        "jobmaal": JobmaalForm(data_for("jobmaal"), prefix="jobmaal"),
    }
    if request.method == "POST" and which in ("delmaal_status", "jobmaal_slet"):
        return _plan_punkt(request, borger, which)
    if request.method == "POST":
        form = forms_.get(which)
        if form is not None and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if which == "maal":
                    services.plan_update(
                        actor=request.user,
                        borger=borger,
                        maal=data["maal"],
                        version=data.get("version"),
                    )
                elif which == "delmaal":
                    services.delmaal_create(actor=request.user, borger=borger, **data)
                else:
                    services.jobmaal_create(actor=request.user, borger=borger, **data)
            except services.ConcurrentEdit as exc:
                _concurrent_message(form, exc.current, "Planen")
            else:
                messages.success(request, "Planen er opdateret.")
                return redirect("citizens:plan", borger_id=borger.pk)
    return render(
        request,
        "citizens/plan.html",
        {
            "borger": borger,
            "plan": plan,
            "forms": forms_,
        },
    )


_DELMAAL_DONE = {"naaet": "Delmålet er markeret som nået.", "aaben": "Delmålet er åbnet igen."}


def _plan_punkt(request, borger, which):
    """A sub-goal marked as reached (or open again), or a job target removed; then back to the
    plan, with what happened (or why not) as a message."""
    form = PlanPunktForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Handlingen kunne ikke udføres. Genindlæs siden og prøv igen.")
        return redirect("citizens:plan", borger_id=borger.pk)
    data = form.cleaned_data
    try:
        if which == "delmaal_status":
            status = data["status"] or "naaet"
            services.delmaal_set_status(
                actor=request.user,
                borger=borger,
                delmaal_id=data["punkt"],
                status=status,
                version=data["version"],
            )
            done = _DELMAAL_DONE.get(status, "Delmålets status er gemt.")
        else:
            services.jobmaal_delete(
                actor=request.user, borger=borger, jobmaal_id=data["punkt"], version=data["version"]
            )
            done = "Jobmålet er fjernet."
    except services.ConcurrentEdit:
        messages.error(
            request,
            "Planen er blevet ændret af en anden, mens du arbejdede, så intet er ændret. Se den "
            "nye version herunder og prøv igen.",
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("citizens:plan", borger_id=borger.pk)


@CHANGE
@require_http_methods(["GET", "POST"])
def progression_create(request, borger_id):
    borger = selectors.borger_get(actor=request.user, borger_id=borger_id)
    form = ProgressionForm(request.POST or None, initial={"dato": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.progression_record(actor=request.user, borger=borger, **form.cleaned_data)
        messages.success(request, "Progressionsmålingen er gemt.")
        return redirect("citizens:detail", borger_id=borger.pk)
    return render(
        request,
        "citizens/form.html",
        {
            "form": form,
            "title": f"Progression for {borger.navn}",
            "borger": borger,
            "help": "Hver faktor scores fra 1 (lav) til 10 (høj).",
        },
    )


# --------------------------------------------------------------------------- the day

RET_OG_PLIGT = "LAB.102.ret_og_pligt"
_SAMTALE_KINDS = {"samtale", "opfoelgning", "repatriering", "uddannelsespaalaeg"}


def _url_for(name: str):
    """reverse() once per page, then fill in each id (the worklist has many rows)."""
    sentinel = str(uuid.UUID(int=0))
    pattern = reverse(name, args=[sentinel])
    return lambda pk: pattern.replace(sentinel, str(pk))


def _worklist_rows(items):
    borger_url = _url_for("citizens:detail")
    samtale_url, tilbud_url = (
        _url_for("citizens:samtale_create"),
        _url_for("citizens:tilbud_create"),
    )
    sag_url = _url_for("citizens:sag_edit")
    rows = []
    for item in items:
        kind = item.obligation.kind
        if kind == "tilbud":
            action = (tilbud_url(item.sag.pk) + "?tilbage=opgaver", "Registrér tilbud")
        elif kind in _SAMTALE_KINDS:
            action = (samtale_url(item.sag.pk) + "?tilbage=opgaver", "Registrér samtale")
        elif kind == "cv":
            action = (sag_url(item.sag.pk), "Registrér CV")
        else:
            action = (borger_url(item.borger.pk), "Åbn sag")
        rows.append(
            {
                "item": item,
                "ob": item.obligation,
                "borger_url": borger_url(item.borger.pk),
                "action_url": action[0],
                "action_label": action[1],
            }
        )
    return rows


@VIEW
@require_GET
def worklist(request):
    worklist = selectors.worklist_get(actor=request.user, as_of=timezone.localdate())
    return render(
        request,
        "citizens/worklist.html",
        {
            "w": worklist,
            "overdue": _worklist_rows(worklist.overdue),
            "due": _worklist_rows(worklist.due),
        },
    )


@permission_required("citizens.view_team_overview", raise_exception=True)
@require_GET
def team_overview(request):
    choice = request.GET.get("team", "")
    team = None
    if choice == selectors.ALL_TEAMS:
        team = selectors.ALL_TEAMS
    elif choice:
        team = next(
            (t for t in selectors.team_choice_list(actor=request.user) if str(t.pk) == choice), None
        )
        if team is None:
            raise Http404("Teamet findes ikke, eller du har ikke adgang.")
    overview = selectors.team_overview_get(
        actor=request.user, as_of=timezone.localdate(), team=team
    )
    return render(
        request,
        "citizens/team_overview.html",
        {
            "t": overview,
            "choice": choice
            or (selectors.ALL_TEAMS if overview.all_teams else str(overview.team.pk)),
        },
    )


def _by_day(slots):
    """[(day, [slots])] in time order."""
    days = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.start).date(), []).append(slot)
    return list(days.items())


@CHANGE
@require_http_methods(["GET", "POST"])
def tidsrum_list(request):
    form = TidsrumSerieForm(request.POST or None, initial={"fra_dato": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            serie = services.tidsrum_series_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            n = len(serie.oprettet)
            text = f"{n} {'tid er' if n == 1 else 'tider er'} lagt ud til booking."
            if serie.sprunget_over:
                text += (
                    f" {serie.sprunget_over} sprunget over (i fortiden eller oven i en tid, "
                    "du allerede har lagt ud)."
                )
            messages.success(request, text)
            return redirect("citizens:slots")
    slots = selectors.tidsrum_list(actor=request.user, from_day=timezone.localdate())
    return render(request, "citizens/slots.html", {"form": form, "dage": _by_day(slots)})


@CHANGE
@require_POST
def tidsrum_cancel(request, tidsrum_id):
    try:
        samtale = services.tidsrum_cancel(actor=request.user, tidsrum_id=tidsrum_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if samtale is None:
            messages.success(request, "Tiden er fjernet.")
        else:
            told = services.samtale_cancelled_send(
                samtale=samtale, link=_booking_url(request, samtale.sag)
            )
            messages.success(
                request,
                f"Tiden er aflyst. Samtalen med {samtale.sag.borger.navn} er aflyst"
                + (
                    ", og borgeren har fået besked på e-mail."
                    if told
                    else ". Borgeren har ikke fået en e-mail (ingen adresse, eller den kunne "
                    "ikke sendes): giv borgeren besked på anden vis."
                ),
            )
    return redirect("citizens:slots")


def _booking_url(request, sag) -> str:
    return request.build_absolute_uri(
        reverse("booking:book", args=[services.booking_token(sag=sag)])
    )


@CHANGE
@require_POST
def booking_link_send(request, sag_id):
    """E-mail the case's booking link to the citizen."""
    sag = selectors.sag_get(actor=request.user, sag_id=sag_id)
    form = BookingLinkEmailForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Linket er ikke sendt: skriv en gyldig e-mailadresse.")
    elif sag.slut is not None:
        messages.error(request, "Sagen er afsluttet: der er intet at booke.")
    else:
        to = form.cleaned_data["email"]
        try:
            services.booking_link_send(
                actor=request.user, sag=sag, to=to, link=_booking_url(request, sag)
            )
        except services.MAIL_ERRORS:
            messages.error(
                request,
                "E-mailen kunne ikke sendes lige nu. Prøv igen senere, eller giv borgeren "
                "linket på anden vis.",
            )
        else:
            messages.success(request, f"Linket til selvbooking er sendt til {to}.")
    return redirect(reverse("citizens:detail", args=[sag.borger_id]) + f"#sag-{sag.pk}")


# --------------------------------------------------------------------------- the calendar


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _ics_response(text: str, filename: str, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    if attachment:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@VIEW
@require_http_methods(["GET", "POST"])
def kalender_view(request):
    today = timezone.localdate()
    monday = kalender.parse_week(request.GET.get("uge"), today)
    nyt_link = ""
    if request.method == "POST":
        if request.POST.get("handling") == "tilbagekald":
            if services.kalender_abonnement_revoke(actor=request.user):
                messages.success(request, "Abonnementslinket er tilbagekaldt og virker ikke mere.")
            return redirect("citizens:kalender")
        noegle = services.kalender_abonnement_create(actor=request.user)
        nyt_link = request.build_absolute_uri(reverse("citizens:kalender_feed", args=[noegle]))
    samtaler = selectors.kalender_list(
        actor=request.user, fra=min(monday, today), til=max(monday + timedelta(days=6), today)
    )
    i_dag = [s for s in samtaler if timezone.localtime(s.tidspunkt).date() == today]
    return render(
        request,
        "citizens/kalender.html",
        {
            "today": today,
            "now_": timezone.now(),
            "i_dag": i_dag,
            "dage": kalender.days_of_week(monday, samtaler, today),
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "uge_nr": monday.isocalendar()[1],
            "uge": kalender.iso_week(monday),
            "forrige": kalender.iso_week(monday - timedelta(days=7)),
            "naeste": kalender.iso_week(monday + timedelta(days=7)),
            "abonnement": selectors.kalender_abonnement_by_user_get(actor=request.user),
            "nyt_link": nyt_link,
        },
    )


@VIEW
@require_GET
def kalender_ics(request):
    """The shown week and the four after it as an .ics file, for the logged-in caseworker."""
    monday = kalender.parse_week(request.GET.get("uge"), timezone.localdate())
    samtaler = selectors.kalender_list(
        actor=request.user, fra=monday, til=monday + timedelta(days=34)
    )
    text = kalender.samtaler_ics(samtaler, base_url=_base_url(request), navn="Mine samtaler")
    return _ics_response(text, f"samtaler-{kalender.iso_week(monday)}.ics")


@login_not_required
@require_GET
def kalender_feed(request, noegle):
    """The calendar feed behind a secret link, for calendar programs that cannot log in. A
    revoked or unknown link answers 404; each fetch is audited as the link owner's read."""
    abonnement = selectors.kalender_abonnement_get(noegle=noegle)
    if abonnement is None or not abonnement.bruger.is_active:
        raise Http404("Ukendt eller tilbagekaldt kalenderlink.")
    today = timezone.localdate()
    samtaler = selectors.kalender_list(
        actor=abonnement.bruger,
        fra=kalender.week_of(today) - timedelta(weeks=kalender.FEED_WEEKS_BACK),
        til=kalender.week_of(today) + timedelta(weeks=kalender.FEED_WEEKS_AHEAD, days=6),
    )
    services.kalender_abonnement_touch(abonnement=abonnement)
    text = kalender.samtaler_ics(samtaler, base_url=_base_url(request), navn="Mine samtaler")
    return _ics_response(text, "samtaler.ics", attachment=False)
