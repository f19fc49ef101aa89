"""The caseworker's day in a real browser (issue 13): log in, today's calendar, a whole journal
note, a series of slots, the booking link by e-mail, the citizen booking on a phone, and the
samtale recorded. Screenshots go to var/test-results/ (not committed)."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from indsats.web.accounts.roles import Rolle
from indsats.web.accounts.services import (
    kommuneindstillinger_set,
    team_get_or_create,
    user_create,
)
from indsats.web.citizens.models import Borger, Sag, Samtale, Tidsrum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NOTE = (
    "Hans fortalte, at han har søgt fire stillinger som lagermedarbejder i Varde og Esbjerg, "
    "og at han har været til samtale hos en af dem. Vi aftalte, at han opdaterer sit CV med "
    "truckcertifikatet, og at jeg kontakter virksomhedskonsulenten om en praktik."
)
NEXT_STEP = "Hans sender det opdaterede CV inden fredag; jeg ringer til virksomhedskonsulenten."


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def day_setup():
    team = team_get_or_create(kommune_kode=573, navn="Team Job")
    kommuneindstillinger_set(
        kommune_kode=573, jobcenter_navn="Jobcenter Varde", telefon="79 94 68 00"
    )
    mette = user_create(
        username="mette",
        password="browser-pass-1",
        kommune_kode=573,
        roller=[Rolle.JOBRAADGIVER],
        team=team,
        first_name="Mette",
        last_name="Holm",
    )
    today = timezone.localdate()
    hans = Borger.objects.create(
        cpr="0101901234",
        fornavn="Hans",
        efternavn="Hansen",
        kommune_kode=573,
        team=team,
        sagsbehandler=mette,
    )
    hans_sag = Sag.objects.create(
        borger=hans,
        ydelse="dagpenge",
        foerste_henvendelse=today - timedelta(days=90),
        team=team,
        sagsbehandler=mette,
    )
    Samtale.objects.create(
        sag=hans_sag,
        tidspunkt=_at(today - timedelta(days=30), 10),
        status="afholdt",
        journalnotat=LONG_NOTE,
        naeste_skridt=NEXT_STEP,
        registreret_af=mette,
    )
    # today's samtale with Hans, already begun: halfway between midnight and now
    midnight = _at(today, 0)
    today_samtale = Samtale.objects.create(
        sag=hans_sag, tidspunkt=midnight + (timezone.now() - midnight) / 2, form="telefon"
    )
    camilla = Borger.objects.create(
        cpr="1505891234",
        fornavn="Camilla",
        efternavn="Nielsen",
        kommune_kode=573,
        team=team,
        sagsbehandler=mette,
    )
    camilla_sag = Sag.objects.create(  # the first jobsamtale is due within a week (LAB § 31)
        borger=camilla,
        ydelse="kontanthjaelp",
        visitation="aktivitetsparat",
        foerste_henvendelse=today,
        team=team,
        sagsbehandler=mette,
    )
    return {
        "mette": mette,
        "hans": hans,
        "today_samtale": today_samtale,
        "camilla": camilla,
        "camilla_sag": camilla_sag,
        "today": today,
    }


def _login(page, live_server):
    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill("mette")
    page.get_by_label("Adgangskode").fill("browser-pass-1")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(live_server.url + "/")


def _fits_the_width(page) -> bool:
    return page.evaluate(
        "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth + 1"
    )


def test_the_caseworkers_day(live_server, browser, page, artifacts, day_setup):
    s = day_setup
    today = s["today"]
    page.set_viewport_size({"width": 1366, "height": 900})
    _login(page, live_server)

    # 1. today's calendar
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Kalender").click()
    today_section = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^I dag"))
    )
    assert "Hans Hansen" in today_section.inner_text()
    assert "Jobsamtale, telefon" in today_section.inner_text()
    page.screenshot(path=str(artifacts / "day-1-kalender.png"), full_page=True)

    # 2. the whole journal note on the citizen page
    today_section.get_by_role("link", name="Hans Hansen").click()
    journal = page.locator("section.journal")
    journal.scroll_into_view_if_needed()
    assert LONG_NOTE in journal.inner_text()
    assert NEXT_STEP in journal.inner_text()
    assert "Skrevet af Mette Holm" in journal.inner_text()
    page.screenshot(path=str(artifacts / "day-2-journal.png"), full_page=True)

    # 3. a series of slots; a missing field is named at the top of the form first
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Ledige tider"
    ).click()
    first, last = today + timedelta(days=1), today + timedelta(days=2)
    page.get_by_label("Fra dato").fill(f"{first:%d.%m.%Y}")
    page.get_by_label("Til dato").fill(f"{last:%d.%m.%Y}")
    for name in ("Lørdag", "Søndag"):  # whatever weekday tomorrow is
        page.get_by_label(name).check()
    page.get_by_label("Til kl.").fill("10:30")
    page.get_by_label("Sted").fill("Kirkegade 16, mødelokale 2")
    page.get_by_role("button", name="Læg tiderne ud").click()
    summary = page.locator(".error-summary")
    assert "Fra kl." in summary.inner_text()
    assert summary.bounding_box()["y"] < page.get_by_label("Fra dato").bounding_box()["y"]
    page.screenshot(path=str(artifacts / "day-3-slot-error.png"), full_page=True)
    page.get_by_label("Fra kl.").fill("09:00")
    page.get_by_role("button", name="Læg tiderne ud").click()
    assert "6 tider er lagt ud til booking." in page.get_by_role("status").first.inner_text()
    assert page.locator("section.slot-day").count() == 2
    assert Tidsrum.objects.filter(sagsbehandler=s["mette"]).count() == 6
    page.screenshot(path=str(artifacts / "day-4-slots.png"), full_page=True)

    # 4. the booking link by e-mail
    mail.outbox.clear()
    page.goto(live_server.url + f"/borgere/{s['camilla'].pk}/")
    page.get_by_text("Link til selvbooking").click()
    page.get_by_label("Borgerens e-mail").fill("camilla@example.dk")
    page.get_by_role("button", name="Send linket på e-mail").click()
    assert "sendt til camilla@example.dk" in page.get_by_role("status").first.inner_text()
    [link_mail] = mail.outbox
    assert link_mail.to == ["camilla@example.dk"]
    assert "Jobcenter Varde" in link_mail.subject
    link = re.search(r"http://[^\s]+/booking/[^/\s]+/", link_mail.body).group(0)
    assert "150589" not in link_mail.body and "150589" not in link

    # 5. the citizen books on a phone-sized page, no login
    phone = browser.new_context(
        locale="da-DK", timezone_id="Europe/Copenhagen", viewport={"width": 390, "height": 844}
    )
    citizen = phone.new_page()
    citizen.goto(link)
    assert citizen.get_by_role("heading", level=1).inner_text() == "Book din samtale"
    assert "Jobcenter Varde" in citizen.content() and "79 94 68 00" in citizen.content()
    assert _fits_the_width(citizen)
    citizen.screenshot(path=str(artifacts / "day-5-booking-390.png"), full_page=True)
    citizen.get_by_label(f"{first:%d.%m.%Y} kl. 09:30 (Fysisk fremmøde)").check()
    citizen.get_by_role("button", name="Book tiden").click()
    assert citizen.get_by_role("heading", level=1).inner_text() == "Samtalen er booket"
    assert "Hvis du ikke kan komme" in citizen.content()
    assert "79 94 68 00" in citizen.content()
    ics_link = citizen.get_by_role("link", name=re.compile(r"\.ics"))
    ics = citizen.request.get(live_server.url + ics_link.get_attribute("href"))
    assert ics.ok and ics.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in ics.text() and "150589" not in ics.text()
    assert _fits_the_width(citizen)
    citizen.screenshot(path=str(artifacts / "day-6-booked-390.png"), full_page=True)
    phone.close()
    booked = Samtale.objects.get(sag=s["camilla_sag"], booket_af="borger")
    assert booked.tidspunkt == _at(first, 9, 30)
    # the confirmation e-mail, with its .ics
    confirmation = mail.outbox[-1]
    assert confirmation.subject.endswith("er booket")
    [(name, content, mimetype)] = confirmation.attachments
    assert name == "samtale.ics" and mimetype == "text/calendar"
    assert f"UID:samtale-{booked.pk}@indsats" in content

    # sent again, the link's e-mail carries her booked samtale as its .ics
    page.goto(live_server.url + f"/borgere/{s['camilla'].pk}/")
    page.get_by_text("Link til selvbooking").click()
    assert page.get_by_label("Borgerens e-mail").input_value() == "camilla@example.dk"
    page.get_by_role("button", name="Send linket på e-mail").click()
    assert "sendt til camilla@example.dk" in page.get_by_role("status").first.inner_text()
    again = mail.outbox[-1]
    assert again.subject == link_mail.subject
    [(name, content, mimetype)] = again.attachments
    assert name == "samtale.ics" and mimetype == "text/calendar"
    assert f"UID:samtale-{booked.pk}@indsats" in content and "150589" not in content

    # the caseworker's week now shows the citizen's own booking
    page.goto(live_server.url + f"/kalender/?uge={first:%G-W%V}")
    week = page.locator("section", has=page.locator("#uge-h"))
    assert "Camilla Nielsen" in week.inner_text()
    assert "booket af borgeren (selvbooking)" in week.inner_text()

    # 6. record today's samtale from the calendar
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Kalender").click()
    today_section = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^I dag"))
    )
    today_section.get_by_role("link", name="Registrér som afholdt").click()
    page.get_by_label("Journalnotat").fill("Telefonsamtale: CV er opdateret, praktik aftalt.")
    page.get_by_label("Næste skridt").fill("Praktik starter mandag.")
    page.get_by_role("button", name="Gem").click()
    assert "Samtalen er registreret." in page.get_by_role("status").first.inner_text()
    s["today_samtale"].refresh_from_db()
    assert s["today_samtale"].status == "afholdt"
    journal = page.locator("section.journal")
    assert journal.locator("article").first.inner_text().count("praktik aftalt") == 1
    page.screenshot(path=str(artifacts / "day-7-recorded.png"), full_page=True)
