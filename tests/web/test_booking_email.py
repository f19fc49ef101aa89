"""E-mail to the citizen: the booking link, the booking's confirmation and a cancellation, each
with an .ics; the jobcenter's name and phone on the citizen's pages; no CPR anywhere."""

import re
from datetime import datetime, time, timedelta

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from indsats.web.accounts.selectors import jobcenter_get
from indsats.web.accounts.services import kommuneindstillinger_set
from indsats.web.citizens import services
from indsats.web.citizens.models import Samtale, Tidsrum
from tests.web.privacy import cpr_like


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def jobcenter(db):
    return kommuneindstillinger_set(
        kommune_kode=573, jobcenter_navn="Jobcenter Varde", telefon="79 94 68 00"
    )


@pytest.fixture
def sag(make_case):
    return make_case(cpr="1505891234", fornavn="Camilla", efternavn="Nielsen")


@pytest.fixture
def slot(users):
    day = timezone.localdate() + timedelta(days=2)
    return Tidsrum.objects.create(
        sagsbehandler=users["jobraadgiver"],
        start=_at(day, 10),
        slut=_at(day, 10, 30),
        sted="Kirkegade 16, mødelokale 2",
    )


def _ics(message):
    [(name, content, mimetype)] = message.attachments
    assert name == "samtale.ics" and mimetype == "text/calendar"
    assert content.startswith("BEGIN:VCALENDAR\r\n") and content.endswith("END:VCALENDAR\r\n")
    return content.replace("\r\n ", "")


def _no_cpr(*texts):
    for text in texts:
        assert not cpr_like(text), text
        assert "150589" not in text and "Nielsen" not in text


def test_the_booking_link_is_emailed_with_the_planned_samtale_as_ics(users, sag, jobcenter, login):
    planned = Samtale.objects.create(
        sag=sag, tidspunkt=timezone.now() + timedelta(days=3), form="telefon"
    )
    client = login(users["jobraadgiver"])
    response = client.post(
        reverse("citizens:booking_link_send", args=[sag.pk]),
        {"email": "camilla@example.dk"},
        follow=True,
    )
    assert "Linket til selvbooking er sendt til camilla@example.dk." in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["camilla@example.dk"]
    assert message.subject == "Book din samtale med Jobcenter Varde"
    link = re.search(r"http://testserver/booking/[^/\s]+/", message.body).group(0)
    assert Client().get(link.removeprefix("http://testserver")).status_code == 200
    assert "Hej Camilla" in message.body
    assert "ring til Jobcenter Varde på 79 94 68 00" in message.body
    ics = _ics(message)
    assert f"UID:samtale-{planned.pk}@indsats" in ics
    assert "SUMMARY:Samtale med Jobcenter Varde" in ics
    _no_cpr(message.subject, message.body, ics)
    # the new address is saved on the citizen (a logged change), and the sending is audited
    sag.borger.refresh_from_db()
    assert sag.borger.email == "camilla@example.dk"
    assert LogEntry.objects.filter(
        actor=users["jobraadgiver"],
        object_pk=str(sag.borger.pk),
        additional_data__purpose="email",
    ).exists()


def test_a_bad_address_or_a_failing_mail_server_sends_nothing(
    users, sag, jobcenter, login, settings
):
    client = login(users["jobraadgiver"])
    url = reverse("citizens:booking_link_send", args=[sag.pk])
    response = client.post(url, {"email": "ikke en adresse"}, follow=True)
    assert "skriv en gyldig e-mailadresse" in response.content.decode()
    assert mail.outbox == []
    # a real SMTP backend pointed at a closed port: the page says so, nothing is half-done
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = client.post(url, {"email": "camilla@example.dk"}, follow=True)
    assert "E-mailen kunne ikke sendes lige nu." in response.content.decode()
    assert not LogEntry.objects.filter(additional_data__purpose="email").exists()
    sag.borger.refresh_from_db()
    assert sag.borger.email == ""  # not saved: the e-mail did not go


def test_another_teams_caseworker_cannot_send_the_link(users, sag, login):
    client = login(users["jobraadgiver_unge"])
    response = client.post(
        reverse("citizens:booking_link_send", args=[sag.pk]), {"email": "x@example.dk"}
    )
    assert response.status_code == 404
    assert mail.outbox == []


def test_booking_confirms_by_email_and_the_page_offers_the_ics(sag, slot, jobcenter, client):
    sag.borger.email = "camilla@example.dk"
    sag.borger.save()
    token = services.booking_token(sag=sag)
    page = client.get(reverse("booking:book", args=[token])).content.decode()
    assert "Jobcenter Varde" in page and "79 94 68 00" in page
    response = client.post(reverse("booking:book", args=[token]), {"tidsrum": slot.pk})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["camilla@example.dk"]
    assert message.subject.startswith("Din samtale ") and message.subject.endswith(" er booket")
    assert f"{timezone.localtime(slot.start):%d.%m.%Y} kl. 10:00" in message.body
    assert "Kirkegade 16, mødelokale 2" in message.body
    assert "ring til Jobcenter Varde på 79 94 68 00 og meld afbud" in message.body
    ics = _ics(message)
    samtale = Samtale.objects.get(sag=sag)
    assert f"UID:samtale-{samtale.pk}@indsats" in ics
    assert "LOCATION:Kirkegade 16\\, mødelokale 2" in ics
    _no_cpr(message.subject, message.body, ics)

    confirmed = client.get(response["Location"]).content.decode()
    assert "Hvis du ikke kan komme" in confirmed
    assert "ring til Jobcenter Varde på" in confirmed
    ics_url = reverse("booking:ics", args=[token])
    assert f'href="{ics_url}"' in confirmed
    download = client.get(ics_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "text/calendar; charset=utf-8"
    body = download.content.decode().replace("\r\n ", "")
    assert f"UID:samtale-{samtale.pk}@indsats" in body
    _no_cpr(body)
    assert LogEntry.objects.filter(
        actor=None, object_pk=str(sag.borger.pk), additional_data__purpose="email"
    ).exists()


def test_booking_without_an_address_books_and_sends_nothing(sag, slot, client):
    token = services.booking_token(sag=sag)
    response = client.post(reverse("booking:book", args=[token]), {"tidsrum": slot.pk})
    assert response.status_code == 302
    assert mail.outbox == []
    assert Samtale.objects.get(sag=sag).tidsrum == slot


def test_cancelling_a_booked_slot_tells_the_citizen(users, sag, slot, jobcenter, login):
    sag.borger.email = "camilla@example.dk"
    sag.borger.save()
    samtale = Samtale.objects.create(
        sag=sag, tidsrum=slot, tidspunkt=slot.start, booket_af="borger"
    )
    response = login(users["jobraadgiver"]).post(
        reverse("citizens:slot_cancel", args=[slot.pk]), follow=True
    )
    assert "borgeren har fået besked på e-mail" in response.content.decode()
    [message] = mail.outbox
    assert message.subject.endswith(" er aflyst")
    assert "Jobcenter Varde har desværre måttet aflyse din samtale" in message.body
    assert "/booking/" in message.body  # a link to book another time
    ics = _ics(message)
    assert f"UID:samtale-{samtale.pk}@indsats" in ics and "STATUS:CANCELLED" in ics
    assert "SEQUENCE:2" in ics  # higher than the booked event's, so calendars update it
    _no_cpr(message.subject, message.body, ics)


def test_cancelling_for_a_citizen_without_an_address_says_to_tell_them_otherwise(
    users, sag, slot, login
):
    Samtale.objects.create(sag=sag, tidsrum=slot, tidspunkt=slot.start, booket_af="borger")
    response = login(users["jobraadgiver"]).post(
        reverse("citizens:slot_cancel", args=[slot.pk]), follow=True
    )
    assert "giv borgeren besked på anden vis" in response.content.decode()
    assert mail.outbox == []


def test_without_settings_the_jobcenter_is_named_after_the_municipality(db):
    assert jobcenter_get(kommune_kode=665).navn == "Jobcenter Lemvig"
    assert jobcenter_get(kommune_kode=665).telefon == ""


def test_email_settings_come_from_the_environment(monkeypatch):
    import importlib

    import indsats.web.config.settings.base as base

    monkeypatch.setenv("EMAIL_HOST", "smtp.kommune.example")
    monkeypatch.setenv("EMAIL_PORT", "587")
    monkeypatch.setenv("EMAIL_USE_TLS", "1")
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "jobcenter@kommune.example")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
        assert (reloaded.EMAIL_HOST, reloaded.EMAIL_PORT) == ("smtp.kommune.example", 587)
        assert reloaded.EMAIL_USE_TLS is True
        assert reloaded.DEFAULT_FROM_EMAIL == "jobcenter@kommune.example"
    finally:
        monkeypatch.undo()
        importlib.reload(base)
