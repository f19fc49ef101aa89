"""A caseworker clears an overdue samtale; a citizen books a slot through the link."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from indsats.web.accounts.roles import Rolle
from indsats.web.accounts.services import team_get_or_create, user_create
from indsats.web.citizens import services
from indsats.web.citizens.models import Borger, Sag, Samtale, Tidsrum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username, password):
    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(live_server.url + "/")


@pytest.fixture
def mette():
    team = team_get_or_create(kommune_kode=573, navn="Team Job")
    return user_create(
        username="mette",
        password="browser-pass-1",
        kommune_kode=573,
        roller=[Rolle.JOBRAADGIVER],
        team=team,
        first_name="Mette",
    )


def test_caseworker_records_an_overdue_samtale_and_it_leaves_the_worklist(
    live_server, page, artifacts, mette
):
    borger = Borger.objects.create(
        cpr="1505891234",
        fornavn="Camilla",
        efternavn="Nielsen",
        kommune_kode=573,
        team=mette.team,
        sagsbehandler=mette,
    )
    Sag.objects.create(
        borger=borger,
        ydelse="kontanthjaelp",
        visitation="aktivitetsparat",
        foerste_henvendelse=timezone.localdate() - timedelta(days=60),
        team=mette.team,
        sagsbehandler=mette,
    )
    _login(page, live_server, "mette", "browser-pass-1")
    page.get_by_role("link", name="Mine opgaver").click()
    overdue = page.locator("section", has=page.get_by_role("heading", name="Overskredet"))
    row = overdue.get_by_role("row").filter(has_text="første jobsamtale").first
    assert "Camilla Nielsen" in row.inner_text()
    row.get_by_text("Hvorfor?").click()  # the rule, its version and § open in place
    assert "LAB.31" in row.inner_text()
    page.screenshot(path=str(artifacts / "worklist.png"), full_page=True)

    row.get_by_role("link", name="Registrér samtale").click()
    page.get_by_label("Journalnotat").fill("Første samtale holdt.")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(live_server.url + "/mine-opgaver/")
    assert "Samtalen er registreret." in page.get_by_role("status").first.inner_text()
    overdue = page.locator("section", has=page.get_by_role("heading", name="Overskredet"))
    assert overdue.get_by_role("row").filter(has_text="første jobsamtale").count() == 0
    assert Samtale.objects.filter(sag__borger=borger, status="afholdt").count() == 1


def test_citizen_books_a_slot_through_the_link(live_server, page, artifacts, mette):
    borger = Borger.objects.create(
        cpr="1505891236",
        fornavn="Sara",
        efternavn="Larsen",
        kommune_kode=573,
        team=mette.team,
        sagsbehandler=mette,
    )
    sag = Sag.objects.create(
        borger=borger,
        ydelse="kontanthjaelp",
        visitation="aktivitetsparat",
        foerste_henvendelse=timezone.localdate(),
        team=mette.team,
        sagsbehandler=mette,
    )
    day = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(day, time(10)))
    slot = Tidsrum.objects.create(
        sagsbehandler=mette, start=start, slut=start + timedelta(minutes=45), form="video"
    )
    link = live_server.url + f"/booking/{services.booking_token(sag=sag)}/"
    assert "150589" not in link

    page.set_viewport_size({"width": 390, "height": 844})  # a phone, no login
    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Book din samtale"
    assert "150589" not in page.content()
    page.get_by_label(f"{day:%d.%m.%Y} kl. 10:00 (Video)").check()
    page.get_by_role("button", name="Book tiden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Samtalen er booket"
    page.screenshot(path=str(artifacts / "booking-confirmed.png"), full_page=True)
    assert Samtale.objects.get(sag=sag).tidsrum == slot
