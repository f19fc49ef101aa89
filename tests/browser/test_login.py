import pytest
from playwright.sync_api import expect

from indsats.web.accounts.roles import Rolle
from indsats.web.accounts.services import team_get_or_create, user_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_logs_in_and_sees_the_start_page(live_server, page, artifacts):
    team = team_get_or_create(kommune_kode=573, navn="Team Job")
    user_create(
        username="mette",
        password="browser-pass-1",
        kommune_kode=573,
        roller=[Rolle.JOBRAADGIVER],
        team=team,
        first_name="Mette",
    )

    page.goto(live_server.url + "/")
    assert "/log-ind/" in page.url  # redirected to login
    # Keyboard only: the form must be usable without a mouse.
    page.get_by_label("Brugernavn").fill("mette")
    page.get_by_label("Adgangskode").fill("browser-pass-1")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")

    assert page.get_by_role("heading", level=1).inner_text() == "Velkommen, Mette"
    assert (
        page.get_by_role("navigation", name="Hovedmenu")
        .get_by_role("link", name="Borgere")
        .is_visible()
    )
    assert "Jobrådgiver" in page.content()
    page.screenshot(path=str(artifacts / "start-page.png"), full_page=True)

    # The stylesheet is served locally by whitenoise (no assets from the internet).
    css = page.request.get(live_server.url + "/static/css/indsats.css")
    assert css.ok
    assert all(
        r.startswith(live_server.url)
        for r in page.evaluate(
            "Array.from(document.querySelectorAll('link[href],script[src],img[src]'))"
            ".map(e => e.href || e.src)"
        )
    )


def test_wrong_password_shows_a_danish_error(live_server, page):
    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill("nobody")
    page.get_by_label("Adgangskode").fill("wrong")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_be_visible()  # waits for the answer to the post
    assert "brugernavn" in page.get_by_role("alert").inner_text().lower()
