"""An analyst drafts an agenda item from the catalogue, the committee's secretary records the
decision, and a committee member reads the minutes (real browser)."""

from datetime import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from indsats.web.accounts.roles import Rolle
from indsats.web.accounts.services import team_get_or_create, user_create
from indsats.web.committee import services
from indsats.web.offers.models import Tilbud
from indsats.web.offers.services import demo_economics_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-pass-1"


def _login(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")


def test_draft_decide_and_read_the_minutes(live_server, page, artifacts):
    team = team_get_or_create(kommune_kode=573, navn="Team Job")
    users = {
        name: user_create(
            username=name,
            password=PASSWORD,
            kommune_kode=573,
            roller=[rolle],
            team=team if rolle in (Rolle.ANALYTIKER, Rolle.LEDER) else None,
            first_name=name.title(),
        )
        for name, rolle in (
            ("sofie", Rolle.ANALYTIKER),
            ("lars", Rolle.LEDER),
            ("birgit", Rolle.UDVALGSSEKRETAER),
            ("peter", Rolle.UDVALG),
        )
    }
    demo_economics_build(kommune_kode=573)
    Tilbud.objects.filter(navn="Klar til start").update(status="foreslaaet", gyldig_fra=None)
    organ = services.organ_create(
        actor=users["lars"],
        navn="Beskæftigelsesudvalget",
        medlemmer=[("Henrik Bach", "formand"), ("Peter Vinther", "")],
    )
    organ.medlemmer.filter(navn="Peter Vinther").update(bruger=users["peter"])
    moede = services.moede_create(
        actor=users["birgit"],
        organ=organ,
        tidspunkt=timezone.make_aware(datetime(2026, 11, 19, 15, 0)),
        sted="Mødelokale 1, Rådhuset",
    )
    base = live_server.url

    # The analyst drafts the item from the catalogue and puts it on the agenda.
    _login(page, base, "sofie")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Udvalg").click()
    page.get_by_role("link", name="Nyt dagsordenspunkt").click()
    page.get_by_label("Hvad handler punktet om?").select_option("nyt_tilbud")
    page.get_by_label("Udvalg", exact=True).select_option(label="Beskæftigelsesudvalget")
    page.get_by_label("Tilbud", exact=True).select_option(
        label="Klar til start (foreslået (afventer udvalget))"
    )
    page.get_by_role("button", name="Dan udkast").click()
    assert page.get_by_role("heading", level=1).inner_text() == 'Nyt tilbud: "Klar til start"'
    text = page.content()
    assert "146.420 kr." in text and "6.280 kr." in text
    page.get_by_role("link", name="Ret teksten").click()
    page.get_by_label("Sagsnr.").fill("26-016257")
    page.get_by_role("button", name="Gem").click()
    page.get_by_label("Møde").select_option(index=1)
    page.get_by_role("button", name="Sæt på dagsordenen").click()
    expect(page.locator("body")).to_contain_text("Punktet er sat på dagsordenen.")
    page.get_by_role("button", name="Send dagsordenen ud").click()
    expect(page.locator("body")).to_contain_text("Dagsordenen er udsendt.")

    # The secretary records the decision: the offer joins the catalogue.
    _login(page, base, "birgit")
    page.goto(base + f"/udvalg/moeder/{moede.pk}/")
    page.get_by_role("link", name='Nyt tilbud: "Klar til start"').click()
    page.get_by_role("link", name="Registrér beslutning").click()
    page.get_by_label("Beslutning", exact=True).select_option("godkendt")
    page.get_by_role("button", name="Registrér").click()
    expect(page.locator("body")).to_contain_text("Beslutningen er registreret.")
    assert Tilbud.objects.get(navn="Klar til start").status == "aktiv"

    # A committee member reads the minutes.
    _login(page, base, "peter")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Udvalg").click()
    page.get_by_role("link", name="19.11.2026 kl. 15.00").click()
    assert "Godkendt" in page.get_by_role("list").filter(has_text="Klar til start").inner_text()
    page.get_by_role("link", name="HTML").nth(1).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Referat:")
    assert "Administrationens indstilling godkendes." in page.content()
    page.screenshot(path=str(artifacts / "committee-minutes.png"), full_page=True)
