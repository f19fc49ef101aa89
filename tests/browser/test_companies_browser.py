"""A consultant logs a visit, creates a vacancy and sees matched candidates (real browser)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from indsats.web.accounts.roles import Rolle
from indsats.web.accounts.services import team_get_or_create, user_create
from indsats.web.citizens.models import Borger, Jobmaal, Plan, Sag
from indsats.web.companies.models import (
    Kandidatafvisning,
    Kandidatforslag,
    Kandidatprofil,
    Kontakt,
    Virksomhed,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_consultant_logs_a_visit_creates_a_vacancy_and_sees_candidates(
    live_server, page, artifacts
):
    today = timezone.localdate()
    team = team_get_or_create(kommune_kode=573, navn="Virksomhedsservice")
    job = team_get_or_create(kommune_kode=573, navn="Team Job")
    jonas = user_create(
        username="jonas",
        password="browser-pass-1",
        kommune_kode=573,
        roller=[Rolle.VIRKSOMHEDSKONSULENT],
        team=team,
        first_name="Jonas",
    )
    Virksomhed.objects.create(
        kommune_kode=573,
        cvr="24256790",
        navn="Varde Lager ApS",
        db07="5210",
        postnummer="6800",
        by="Varde",
        konsulent=jonas,
    )
    ali = Borger.objects.create(
        cpr="1111801234", fornavn="Ali", efternavn="Hassan", kommune_kode=573, team=job
    )
    Sag.objects.create(
        borger=ali,
        ydelse="kontanthjaelp",
        visitation="jobparat",
        foerste_henvendelse=today - timedelta(days=90),
        team=job,
    )
    Jobmaal.objects.create(
        plan=Plan.objects.create(borger=ali), kategori="A", stilling="Lager", branche="52"
    )
    Kandidatprofil.objects.create(borger=ali, postnummer="6800", kompetencer="truckcertifikat")
    bo = Borger.objects.create(
        cpr="1212801234", fornavn="Bo", efternavn="Berg", kommune_kode=573, team=job
    )
    Sag.objects.create(
        borger=bo,
        ydelse="kontanthjaelp",
        visitation="jobparat",
        foerste_henvendelse=today - timedelta(days=60),
        team=job,
    )
    Jobmaal.objects.create(
        plan=Plan.objects.create(borger=bo), kategori="A", stilling="Lager", branche="52"
    )
    Kandidatprofil.objects.create(borger=bo, postnummer="6855")  # no truck licence

    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill("jonas")
    page.get_by_label("Adgangskode").fill("browser-pass-1")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")

    # Min portefølje -> the company -> log a visit.
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Min portefølje"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Min portefølje"
    page.get_by_role("link", name="Varde Lager ApS").click()
    page.get_by_role("link", name="Registrér kontakt").click()
    page.get_by_label("Kontaktform").select_option("besoeg")
    page.get_by_label("Formål").select_option("rekruttering")
    assert page.get_by_label("Dato").input_value() == f"{today:%d.%m.%Y}"
    page.get_by_label("Resultat").fill("Behov for to lagerfolk med truckcertifikat")
    page.get_by_label("Næste opfølgning").fill(f"{today + timedelta(days=14):%d.%m.%Y}")
    page.get_by_role("button", name="Gem kontakt").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Varde Lager ApS"
    assert "Behov for to lagerfolk" in page.content()
    kontakt = Kontakt.objects.get()
    assert (kontakt.kanal, kontakt.afholdt, kontakt.konsulent) == ("besoeg", True, jonas)

    # A vacancy from the company page, with candidates and reasons.
    page.get_by_role("link", name="Ny jobordre").first.click()
    assert page.get_by_label("Virksomhed").input_value()  # preselected
    page.get_by_label("Stilling", exact=True).fill("Lagermedarbejder")
    page.get_by_label("Antal stillinger").fill("2")
    page.get_by_label("Krav (kompetencer)").fill("truckcertifikat")
    page.get_by_role("button", name="Opret jobordre").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Jobordre: Lagermedarbejder"
    candidates = page.get_by_role("table", name="Mulige kandidater med begrundelse")
    row = candidates.get_by_role("row").filter(has_text="Ali Hassan")
    assert "ønsker lager (jobmål A)" in row.inner_text()
    assert "har truckcertifikat" in row.inner_text()
    assert "111180-1234" not in page.content()
    page.screenshot(path=str(artifacts / "companies-candidates.png"), full_page=True)

    # Bo lacks the required licence: after Ali, marked, with the distance in km. Reject him.
    rows = candidates.get_by_role("row")
    assert "Ali Hassan" in rows.nth(1).inner_text() and "Bo Berg" in rows.nth(2).inner_text()
    bo_row = rows.filter(has_text="Bo Berg")
    assert "Mangler krav." in bo_row.inner_text()
    assert "mangler truckcertifikat (krav)" in bo_row.inner_text()
    assert "ca. 11 km i luftlinje (6855 til 6800)" in bo_row.inner_text()
    bo_row.get_by_text("Fravælg", exact=True).click()
    bo_row.get_by_label("Årsag").select_option("mangler_krav")
    bo_row.get_by_label("Bemærkning").fill("Har ikke truckcertifikat")
    bo_row.get_by_role("button", name="Fravælg Bo Berg").click()
    assert "Bo Berg er fravalgt" in page.get_by_role("status").inner_text()
    assert (
        "Bo Berg"
        not in page.get_by_role("table", name="Mulige kandidater med begrundelse").inner_text()
    )
    assert "Har ikke truckcertifikat" in page.content()
    assert Kandidatafvisning.objects.get().borger == bo

    page.get_by_label("Foreslå Ali Hassan").check()
    page.get_by_role("button", name="Foreslå valgte kandidater").click()
    assert "1 kandidat foreslået" in page.get_by_role("status").inner_text()
    assert (
        page.get_by_role("table", name="Kandidater foreslået til virksomheden")
        .get_by_role("row")
        .filter(has_text="Ali Hassan")
        .is_visible()
    )
    assert Kandidatforslag.objects.get().borger == ali
