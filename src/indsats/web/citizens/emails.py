"""E-mails to the citizen: the booking link, the booking's confirmation, a cancellation.

Sent with Django's e-mail framework (the console in the demo and on a laptop, SMTP from the
environment in production, an outbox in tests). Each carries an .ics file of the samtaler it is
about. The citizen is greeted by first name; no CPR, no notes, no caseworker's name.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import formats, timezone

from indsats.web.accounts.selectors import Jobcenter, jobcenter_get
from indsats.web.citizens.models import Samtale
from indsats.web.citizens.selectors import samtale_slut_get
from indsats.web.core.ical import Begivenhed, kalender

ICS_MIMETYPE = "text/calendar"


def jobcenter_of(samtale_or_sag) -> Jobcenter:
    sag = getattr(samtale_or_sag, "sag", samtale_or_sag)
    return jobcenter_get(kommune_kode=sag.borger.kommune_kode)


def citizen_event(samtale: Samtale, *, jobcenter: Jobcenter, link: str) -> Begivenhed:
    """The samtale as the citizen's calendar shows it."""
    lines = [f"{samtale.get_type_display()} ({samtale.get_form_display().lower()})."]
    if link:
        lines.append(f"Flyt tiden: {link}")
    if jobcenter.telefon:
        lines.append(f"Afbud: ring til {jobcenter.navn} på {jobcenter.telefon}.")
    sted = samtale.tidsrum.sted if samtale.tidsrum else ""
    return Begivenhed(
        uid=f"samtale-{samtale.pk}@indsats",
        start=samtale.tidspunkt,
        slut=samtale_slut_get(samtale),
        titel=f"Samtale med {jobcenter.navn}",
        sted=sted or samtale.get_form_display(),
        beskrivelse="\n".join(lines),
        url=link,
        aflyst=samtale.status == Samtale.Status.AFLYST,
        sequence=samtale.version,
    )


def citizen_ics(samtaler: Sequence[Samtale], *, jobcenter: Jobcenter, link: str) -> str:
    return kalender(
        [citizen_event(s, jobcenter=jobcenter, link=link) for s in samtaler], navn=jobcenter.navn
    )


def _when(samtale: Samtale) -> str:
    return formats.date_format(timezone.localtime(samtale.tidspunkt), r"l d.m.Y \k\l. H:i")


def _send(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    jobcenter: Jobcenter,
    samtaler: Sequence[Samtale] = (),
    link: str = "",
) -> EmailMessage:
    body = render_to_string(template, {**context, "jobcenter": jobcenter, "link": link})
    message = EmailMessage(
        subject=subject,
        body=body.strip() + "\n",
        from_email=jobcenter.email or settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    if samtaler:
        message.attach(
            "samtale.ics", citizen_ics(samtaler, jobcenter=jobcenter, link=link), ICS_MIMETYPE
        )
    message.send()
    return message


def send_booking_link(*, sag, to: str, link: str, samtaler: Sequence[Samtale]) -> EmailMessage:
    jobcenter = jobcenter_of(sag)
    return _send(
        to=to,
        subject=f"Book din samtale med {jobcenter.navn}",
        template="emails/booking_link.txt",
        context={"fornavn": sag.borger.fornavn, "samtaler": samtaler},
        jobcenter=jobcenter,
        samtaler=samtaler,
        link=link,
    )


def send_booking_confirmation(*, samtale: Samtale, to: str, link: str) -> EmailMessage:
    jobcenter = jobcenter_of(samtale)
    return _send(
        to=to,
        subject=f"Din samtale {_when(samtale)} er booket",
        template="emails/booking_confirmed.txt",
        context={"fornavn": samtale.sag.borger.fornavn, "samtale": samtale},
        jobcenter=jobcenter,
        samtaler=[samtale],
        link=link,
    )


def send_cancellation(*, samtale: Samtale, to: str, link: str) -> EmailMessage:
    jobcenter = jobcenter_of(samtale)
    return _send(
        to=to,
        subject=f"Din samtale {_when(samtale)} er aflyst",
        template="emails/samtale_cancelled.txt",
        context={"fornavn": samtale.sag.borger.fornavn, "samtale": samtale},
        jobcenter=jobcenter,
        samtaler=[samtale],
        link=link,
    )
