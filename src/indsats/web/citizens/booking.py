"""The citizen's own booking page: reached by a signed link, no login, no CPR anywhere."""

from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from indsats.web.accounts.audit import ReadPurpose, audit_reads
from indsats.web.accounts.selectors import jobcenter_get
from indsats.web.citizens import emails, selectors, services
from indsats.web.citizens.forms import SLOT_TAKEN, BookingForm
from indsats.web.citizens.obligations import sag_status


def _window(sag, today):
    """The due window of the next open jobsamtale the citizen can book, from the rules."""
    status = sag_status(sag, as_of=today)
    for ob in status.obligations:
        if (
            ob.kind == "samtale"
            and ob.holder == "jobcenter"
            and not ob.met
            and ob.due_by
            and ob.due_by >= today
        ):
            return ob, (max(ob.due_from or today, today), ob.due_by)
    return None, None


@login_not_required
@require_http_methods(["GET", "POST"])
def book(request, token):
    try:
        sag = services.booking_sag(token=token)
    except signing.BadSignature:
        return render(request, "booking/invalid.html", status=404)
    audit_reads(actor=None, objects=[sag.borger], purpose=ReadPurpose.BOOKING)
    today = timezone.localdate()
    current = selectors.booking_get(sag=sag)
    obligation, window = _window(sag, today)
    slots, taken = [], set()
    if window:
        slots, taken = selectors.tidsrum_booking_list(
            sag=sag, window_from=window[0], window_to=window[1]
        )
    form = BookingForm(
        request.POST if request.method == "POST" else None,
        slots=slots,
        taken_ids=taken,
        own_id=current.tidsrum_id if current else None,
    )
    if request.method == "POST" and window and form.is_valid():
        try:
            samtale = services.booking_book(
                sag=sag, tidsrum_id=form.cleaned_data["tidsrum"], window=window
            )
        except services.SlotTaken:
            form.add_error("tidsrum", SLOT_TAKEN)
        except ValidationError as exc:
            form.add_error("tidsrum", exc.messages)
        else:
            samtale.sag = sag  # the citizen and municipality, already read
            services.booking_confirmation_send(
                samtale=samtale,
                link=request.build_absolute_uri(reverse("booking:book", args=[token])),
            )
            return redirect(reverse("booking:confirmed", args=[token]))
    day_of = {s.pk: timezone.localtime(s.start).date() for s in slots}
    dage = {}
    for radio in form["tidsrum"]:
        dage.setdefault(day_of.get(radio.data["value"]), []).append(radio)
    return render(
        request,
        "booking/book.html",
        {
            "form": form,
            "dage": list(dage.items()),
            "current": current,
            "obligation": obligation,
            "window": window,
            "fornavn": sag.borger.fornavn,
            "jobcenter": jobcenter_get(kommune_kode=sag.borger.kommune_kode),
        },
    )


@login_not_required
def confirmed(request, token):
    try:
        sag = services.booking_sag(token=token)
    except signing.BadSignature:
        return render(request, "booking/invalid.html", status=404)
    audit_reads(actor=None, objects=[sag.borger], purpose=ReadPurpose.BOOKING)
    return render(
        request,
        "booking/confirmed.html",
        {
            "current": selectors.booking_get(sag=sag),
            "token": token,
            "fornavn": sag.borger.fornavn,
            "jobcenter": jobcenter_get(kommune_kode=sag.borger.kommune_kode),
            "sendt_til_email": bool(sag.borger.email),
        },
    )


@login_not_required
@require_GET
def ics(request, token):
    """The citizen's booked samtale as an .ics file, from the confirmation page."""
    try:
        sag = services.booking_sag(token=token)
    except signing.BadSignature:
        return render(request, "booking/invalid.html", status=404)
    current = selectors.booking_get(sag=sag)
    if current is None:
        raise Http404("Ingen booket samtale.")
    audit_reads(actor=None, objects=[sag.borger], purpose=ReadPurpose.BOOKING)
    current.sag = sag
    text = emails.citizen_ics(
        [current],
        jobcenter=jobcenter_get(kommune_kode=sag.borger.kommune_kode),
        link=request.build_absolute_uri(reverse("booking:book", args=[token])),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="samtale.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
